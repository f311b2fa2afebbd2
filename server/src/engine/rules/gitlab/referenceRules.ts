// Names a GitLab job refers to: its stage, the jobs it `needs` or takes `dependencies` from, and the templates it
// `extends`. GitLab rejects the whole pipeline when one does not exist. Each check stays silent when the name could be
// defined in an include we could not read.
import type { CiPipeline } from '../../gitlab/ciPipeline';
import { pipelineOf } from './pipelineOf';
import { MAX_EXTENDS_DEPTH } from '../../gitlab/gitlabKeywords';
import type { JobDef, NamedRef } from '../../gitlab/gitlabModel';
import type { RuleFinding } from '../../findings';
import { closestMatch } from '../../text/didYouMean';
import { nodeRange } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';

/** Jobs of the checked file whose settings reach a running job: visible jobs and the templates they extend. */
export function effectiveLocalJobs(pipeline: CiPipeline): JobDef[] {
  const used = new Set<string>();
  const visit = (name: string, depth: number): void => {
    if (used.has(name) || depth > MAX_EXTENDS_DEPTH) return;
    used.add(name);
    for (const parent of pipeline.jobs.get(name)?.extends ?? []) visit(parent, depth + 1);
  };
  for (const job of pipeline.jobs.values()) if (!job.hidden) visit(job.name, 0);
  return pipeline.model.jobs.filter((j) => used.has(j.name));
}

function isTemplated(name: string): boolean {
  return name.includes('$');
}

function unknownName(ctx: RuleContext, ref: NamedRef, message: string, candidates: readonly string[]): RuleFinding {
  const range = nodeRange(ctx.parsed.lines, ref.node);
  const suggestion = closestMatch(ref.name, candidates);
  return {
    message: `${message}${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    range,
    ...(suggestion ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] } : {}),
  };
}

export const gitlabUnknownStage: Rule = {
  id: 'gitlab-unknown-stage',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: 'Job uses a stage that is not declared',
    description:
      "A job's `stage` must be listed under `stages` (or, without `stages`, be one of the defaults build, test " +
      'and deploy); `.pre` and `.post` always exist. GitLab rejects the pipeline ("chosen stage does not exist"). In a file ' +
      'the root `.gitlab-ci.yml` includes, the stages of the root (or of its includes) count; in a CI file no root includes, ' +
      'the stages are unknown and not checked.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    if (!pipeline?.stages) return [];
    const stages = pipeline.stages;
    return effectiveLocalJobs(pipeline).flatMap((job) => {
      const stage = job.stage;
      if (!stage || stages.has(stage.name) || isTemplated(stage.name)) return [];
      return [
        unknownName(
          ctx,
          stage,
          `Job '${job.name}' uses stage '${stage.name}', which is not declared (stages: ${[...stages].join(', ')}).`,
          [...stages],
        ),
      ];
    });
  },
};

export const gitlabUnknownJob: Rule = {
  id: 'gitlab-unknown-job',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: '`needs` or `dependencies` names a job that does not exist',
    description:
      'Entries of `needs` and `dependencies` must name jobs of the same pipeline (not hidden `.templates`, which ' +
      'never run). GitLab rejects the pipeline otherwise ("undefined need"); use `optional: true` for a job that only ' +
      'exists under some rules.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    if (!pipeline?.complete) return [];
    const runnable = [...pipeline.jobs.values()].filter((j) => !j.hidden).map((j) => j.name);
    const findings: RuleFinding[] = [];
    for (const job of effectiveLocalJobs(pipeline)) {
      for (const [keyword, refs] of [
        ['needs', job.needs],
        ['dependencies', job.dependencies],
      ] as const) {
        for (const ref of refs) {
          const target = pipeline.jobs.get(ref.name);
          if ((target && !target.hidden) || isTemplated(ref.name) || ref.name.includes(': [')) continue;
          const why = target ? `'${ref.name}' is a hidden job, which never runs` : `there is no job '${ref.name}'`;
          findings.push(
            unknownName(
              ctx,
              ref,
              `Job '${job.name}' ${keyword === 'needs' ? 'needs' : 'takes dependencies from'} '${ref.name}', but ${why}.`,
              runnable.filter((n) => n !== job.name),
            ),
          );
        }
      }
    }
    return findings;
  },
};

/** `extends` chains that loop, each as the local jobs on the loop. */
function extendsCycles(pipeline: CiPipeline): Set<string> {
  const onCycle = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const parent of pipeline.jobs.get(name)?.extends ?? []) {
      const s = state.get(parent);
      if (s === 'visiting') for (const n of stack.slice(stack.indexOf(parent))) onCycle.add(n);
      else if (s === undefined && pipeline.jobs.has(parent)) visit(parent);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of pipeline.jobs.keys()) if (!state.has(name)) visit(name);
  return onCycle;
}

function depth(pipeline: CiPipeline, name: string, seen: Set<string>): number {
  if (seen.has(name)) return 0;
  seen.add(name);
  const parents = pipeline.jobs.get(name)?.extends ?? [];
  const result = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => depth(pipeline, p, seen)));
  seen.delete(name);
  return result;
}

export const gitlabUnknownExtends: Rule = {
  id: 'gitlab-unknown-extends',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: '`extends` names a missing template, or loops',
    description:
      '`extends` must name jobs (usually hidden `.templates`) defined in this file or its includes, must not ' +
      'loop back to the job itself, and may nest at most 11 levels. GitLab rejects the pipeline otherwise. A file the root ' +
      '`.gitlab-ci.yml` includes may extend templates of the root and of every other included file.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    if (!pipeline) return [];
    const names = [...pipeline.jobs.keys()];
    const cycles = extendsCycles(pipeline);
    const findings: RuleFinding[] = [];
    for (const job of pipeline.model.jobs) {
      for (const ref of job.extends) {
        if (isTemplated(ref.name)) continue;
        if (!pipeline.jobs.has(ref.name)) {
          if (pipeline.complete)
            findings.push(
              unknownName(
                ctx,
                ref,
                `Job '${job.name}' extends '${ref.name}', which is not defined.`,
                names.filter((n) => n !== job.name),
              ),
            );
        } else if (cycles.has(job.name) && cycles.has(ref.name)) {
          findings.push({
            message: `Job '${job.name}' extends '${ref.name}', which (indirectly) extends '${job.name}' again.`,
            range: nodeRange(ctx.parsed.lines, ref.node),
          });
        }
      }
      if (!cycles.has(job.name) && job.extends.length > 0 && depth(pipeline, job.name, new Set()) > MAX_EXTENDS_DEPTH) {
        findings.push({
          message: `The extends chain of '${job.name}' is deeper than ${MAX_EXTENDS_DEPTH} levels.`,
          range: nodeRange(ctx.parsed.lines, job.extends[0]?.node),
        });
      }
    }
    return findings;
  },
};
