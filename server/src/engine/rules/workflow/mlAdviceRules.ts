// Advice for ML pipelines, where jobs are long and expensive: a hung training job burns six hours of runner time by
// default, and reinstalling torch and friends on every run costs minutes each time. A missing timeout is a warning only
// where the cost is concrete (jobCost.ts); on an ordinary hosted job it is a note.
import type { Fix, RuleFinding } from '../../findings';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { workflowModel, type JobModel } from '../../github/workflowModel';
import { parseActionRef } from '../../github/actionRef';
import { getEntry, nodeRange, scalarText } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { jobCost, runText, TRAINING, type JobCost } from './jobCost';

const INSTALL =
  /\b(pip3?\s+install|uv\s+(pip\s+install|sync)|poetry\s+install|conda\s+(env\s+)?(install|create|update)|mamba\s+install|pdm\s+install)\b/;

/** Caching configured anywhere in the job: actions/cache, setup-* with `cache:`, setup-uv's enable-cache, a cached container. */
function hasCache(job: JobModel): boolean {
  return job.steps.some((step) => {
    const ref = step.uses ? parseActionRef(step.uses.name) : undefined;
    if (ref?.kind !== 'remote') return false;
    if (ref.name.startsWith('actions/cache')) return true;
    return step.with.some(
      (w) =>
        (w.key === 'cache' && scalarText(w.value) !== 'false' && scalarText(w.value) !== '') ||
        (w.key === 'enable-cache' && scalarText(w.value) === 'true'),
    );
  });
}

const COST_WORDS: Readonly<Record<JobCost, string>> = {
  'gpu runner': 'on a GPU runner',
  'self-hosted runner': 'on a self-hosted or group runner',
  'training job': 'while training',
};

export const jobTimeoutMissing: Rule = {
  id: 'job-timeout-missing',
  kinds: ['github-workflow'],
  defaultSeverity: 'info',
  docs: {
    title: 'Job without `timeout-minutes`',
    description:
      'Without `timeout-minutes` a stuck job (a hung download, a deadlocked data loader, a waiting prompt) runs for ' +
      "the default 360 minutes, blocking the queue and using billable minutes. Set a limit a little above the job's usual " +
      'duration. A warning for jobs where six hours cost something concrete (a GPU or self-hosted runner, a training job); ' +
      'a note otherwise. The quick fix inserts one (60 minutes for training jobs, 30 otherwise).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    const { lines } = ctx.parsed;
    for (const job of workflowModel(ctx.parsed)?.jobs ?? []) {
      if (job.uses || job.timeoutMinutes !== null || job.steps.length === 0) continue;
      const cost = jobCost(job, ctx.runnerLabels);
      const minutes = TRAINING.test(runText(job)) ? 60 : 30;
      const firstKey = job.node.items[0]?.key as { range?: [number, number, number] } | undefined;
      const fixes = [];
      if (firstKey?.range && job.node.flow !== true) {
        const indent = lines.positionAt(firstKey.range[0]).character;
        const at = lines.offsetAt({ line: lines.positionAt(firstKey.range[0]).line, character: 0 });
        fixes.push({
          title: `Add timeout-minutes: ${minutes}`,
          confidence: 'default' as const,
          edits: [{ range: lines.range(at, at), newText: `${' '.repeat(indent)}timeout-minutes: ${minutes}\n` }],
        });
      }
      findings.push({
        message: `Job '${job.id}' has no timeout-minutes; if it hangs it runs for 6 hours${cost ? ` ${COST_WORDS[cost]}` : ''}.`,
        range: nodeRange(lines, job.keyNode),
        ...(cost ? { severity: 'warning' as const } : {}),
        fixes,
      });
    }
    return findings;
  },
};

export const trainingWithoutCache: Rule = {
  id: 'training-without-cache',
  kinds: ['github-workflow'],
  defaultSeverity: 'warning',
  docs: {
    title: 'Training job installs dependencies without a cache',
    description:
      'ML dependencies (torch, CUDA wheels, transformers) take minutes to download on every run. Cache them: ' +
      '`actions/setup-python` with `cache: pip`, `astral-sh/setup-uv` with `enable-cache: true`, or `actions/cache` on the ' +
      'package and model directories (e.g. `~/.cache/pip`, `~/.cache/huggingface`).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const job of workflowModel(ctx.parsed)?.jobs ?? []) {
      const text = runText(job);
      if (!TRAINING.test(text) || !INSTALL.test(text) || hasCache(job) || getContainer(job)) continue;
      const fix = setupPythonCacheFix(ctx.parsed.lines, job);
      findings.push({
        message: `Job '${job.id}' trains a model and installs dependencies on every run without a cache.`,
        range: nodeRange(ctx.parsed.lines, job.keyNode),
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    return findings;
  },
};

/** `cache: pip` on the job's actions/setup-python step: the smallest change that caches the installs. */
function setupPythonCacheFix(lines: LineIndex, job: JobModel): Fix | undefined {
  const step = job.steps.find((s) => s.uses && /^actions\/setup-python@/i.test(s.uses.name));
  if (!step?.uses) return undefined;
  const withEntry = getEntry(step.node, 'with');
  if (withEntry) {
    const first =
      withEntry.value && 'items' in withEntry.value
        ? (withEntry.value as { items: { key?: { range?: [number, number, number] } }[] }).items[0]?.key
        : undefined;
    if (!first?.range) return undefined;
    const indent = lines.positionAt(first.range[0]).character;
    const at = lines.offsetAt({ line: lines.positionAt(first.range[0]).line, character: 0 });
    return {
      title: 'Cache pip downloads (cache: pip)',
      confidence: 'default',
      edits: [{ range: lines.range(at, at), newText: `${' '.repeat(indent)}cache: pip\n` }],
    };
  }
  const usesKey = getEntry(step.node, 'uses')?.keyNode;
  const usesValue = step.uses.node;
  if (!usesKey?.range || !usesValue.range) return undefined;
  const indent = lines.positionAt(usesKey.range[0]).character;
  const end = usesValue.range[1];
  return {
    title: 'Cache pip downloads (cache: pip)',
    confidence: 'default',
    edits: [
      { range: lines.range(end, end), newText: `\n${' '.repeat(indent)}with:\n${' '.repeat(indent + 2)}cache: pip` },
    ],
  };
}

/** Jobs in a container usually have their dependencies baked into the image. */
function getContainer(job: JobModel): boolean {
  return getEntry(job.node, 'container') !== undefined;
}
