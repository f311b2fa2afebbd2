// Suggestions with estimated savings, each computed from the run history: let a job start without a `needs` it does
// not use (critical path shortens by X, replayed on the recorded runs), cache dependency installs (the install step
// takes Y), drop matrix legs that never caught a failure, cancel superseded runs with `concurrency`. Suggestions that
// are edits carry a Fix that has already passed the suggestion gate (valid YAML, no new error, only the lines it names).
import { checkText } from '../check';
import { applyEdits } from '../fixes/applyEdits';
import { gateSuggestion } from '../fixes/suggestionGate';
import type { Finding, Fix } from '../findings';
import type { JobModel } from '../github/workflowModel';
import { failedByItself } from '../../../../protocol/runsView';
import { formatDuration } from './durationText';
import { lastAttempts, longestPath, runTasks, type JobGraphLink } from './criticalPath';
import { median } from '../history/robustStats';
import { billedMinutes, classifyRunner, type RunnerRateOptions } from './runnerMinutes';
import { groupBy, isCompletedAttempt, type RunHistory } from '../history/runHistory';
import { supersededRuns } from './supersededRuns';
import { addConcurrencyFix, enableSetupCacheFix, removeNeedsFix } from './workflowEdits';
import type { WorkflowContext } from './workflowContext';

export type SuggestionKind = 'parallelize' | 'cache-dependencies' | 'prune-matrix-leg' | 'cancel-superseded';

export interface Suggestion {
  readonly kind: SuggestionKind;
  readonly title: string;
  /** The data behind it, in a sentence. */
  readonly evidence: string;
  /** Workflow job id it is about, and the 0-based line to show it on. */
  readonly job?: string;
  readonly line?: number;
  /** Wall time saved per run (critical path) or, for caching, the most an install step could save. */
  readonly savingSecondsPerRun?: number;
  /** Runner minutes over the history that would not have been spent. */
  readonly savingMinutes?: number;
  readonly fix?: Fix;
  /** Why an edit was not offered although the suggestion stands (the gate refused it, or the layout is unusual). */
  readonly fixUnavailable?: string;
}

export interface SuggestionOptions extends RunnerRateOptions {
  /** Recent runs replayed for the critical-path savings. */
  readonly windowRuns?: number;
  readonly minSavingSeconds?: number;
  readonly minInstallSeconds?: number;
  readonly minLegRuns?: number;
}

const DEFAULTS = { windowRuns: 30, minSavingSeconds: 30, minInstallSeconds: 20, minLegRuns: 20 };

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function jobSource(ctx: WorkflowContext, job: JobModel): string {
  const range = job.node.range;
  return range ? ctx.text.slice(range[0], range[1]) : '';
}

const usesAction = (job: JobModel, action: string): boolean =>
  job.steps.some((s) => s.uses?.name.startsWith(`${action}@`) === true);

/** Why `job` really needs `needed`, or undefined when nothing in the job reads it. */
function needsReason(ctx: WorkflowContext, job: JobModel, needed: string): string | undefined {
  const source = jobSource(ctx, job);
  if (new RegExp(`needs\\s*(\\.\\s*${escapeRegExp(needed)}\\b|\\[\\s*['"]${escapeRegExp(needed)}['"])`).test(source))
    return 'reads its outputs or result';
  if (/needs\s*\.\s*\*|toJSON\(\s*needs\s*\)/.test(source)) return 'reads every needed job';
  const neededJob = ctx.model.jobsById.get(needed);
  if (neededJob && usesAction(neededJob, 'actions/upload-artifact') && usesAction(job, 'actions/download-artifact'))
    return 'downloads artifacts';
  return undefined;
}

/** Findings of the unedited workflow, computed once for all the fixes gated against it. */
const originalFindings = new WeakMap<WorkflowContext, readonly Finding[]>();

/** A fix only if the gate accepts the patched text; otherwise the reason it was refused. */
function gated(ctx: WorkflowContext, fix: Fix | undefined, label: string): { fix?: Fix; fixUnavailable?: string } {
  if (!fix) return { fixUnavailable: 'the YAML layout here is unusual; edit it by hand' };
  let before = originalFindings.get(ctx);
  if (!before) {
    before = checkText({ path: ctx.path, text: ctx.text, kind: 'github-workflow' }).findings;
    originalFindings.set(ctx, before);
  }
  const startLine = Math.min(...fix.edits.map((e) => e.range.start.line));
  const endLine =
    Math.max(...fix.edits.map((e) => e.range.end.line)) +
    fix.edits.reduce((n, e) => n + e.newText.split('\n').length, 0);
  const verdict = gateSuggestion({
    path: ctx.path,
    kind: 'github-workflow',
    originalText: ctx.text,
    proposedText: applyEdits(ctx.text, fix.edits),
    target: { startLine, endLine, label },
    originalFindings: before,
  });
  return verdict.accepted ? { fix } : { fixUnavailable: verdict.reason };
}

function parallelize(history: RunHistory, ctx: WorkflowContext, o: typeof DEFAULTS): Suggestion[] {
  const out: Suggestion[] = [];
  const link: JobGraphLink = { needs: ctx.needs, jobIdOf: ctx.jobIdOf };
  const recent = history.runs
    .slice(-o.windowRuns)
    .map((r) => lastAttempts(history.jobsByRun.get(r.id) ?? []))
    .filter((j) => j.length > 0);
  for (const info of ctx.jobs) {
    for (const needed of info.needs) {
      if (needsReason(ctx, info.model, needed) !== undefined) continue;
      const without: JobGraphLink = {
        ...link,
        needs: new Map([...ctx.needs, [info.id, info.needs.filter((n) => n !== needed)]]),
      };
      const savings: number[] = [];
      for (const jobs of recent) {
        const ids = new Set(jobs.map((j) => ctx.jobIdOf(j.group)));
        if (!ids.has(info.id) || !ids.has(needed)) continue;
        savings.push(longestPath(runTasks(jobs, link)).seconds - longestPath(runTasks(jobs, without)).seconds);
      }
      if (savings.length === 0) continue;
      const saving = median(savings);
      if (saving < o.minSavingSeconds) continue;
      out.push({
        kind: 'parallelize',
        title: `Run '${info.id}' in parallel with '${needed}'`,
        evidence: `'${info.id}' reads no output, result or artifact of '${needed}'; replaying the last ${savings.length} runs without the edge shortens the critical path by ${formatDuration(saving)} (median). '${info.id}' will then also run when '${needed}' fails.`,
        job: info.id,
        line: info.line,
        savingSecondsPerRun: saving,
        ...gated(ctx, removeNeedsFix(ctx, info.model, needed), `job '${info.id}'`),
      });
    }
  }
  return out;
}

const INSTALLS: readonly { pattern: RegExp; manager: string; setup: string }[] = [
  { pattern: /\b(pip3?|python3? -m pip) install\b/, manager: 'pip', setup: 'actions/setup-python' },
  { pattern: /\bpipenv (install|sync)\b/, manager: 'pipenv', setup: 'actions/setup-python' },
  { pattern: /\bnpm (ci|install|i)\b/, manager: 'npm', setup: 'actions/setup-node' },
  { pattern: /\byarn( install)?\s*($|&&|;|--)/m, manager: 'yarn', setup: 'actions/setup-node' },
  { pattern: /\bpnpm (install|i)\b/, manager: 'pnpm', setup: 'actions/setup-node' },
];

/** The name GitHub gives a step in the jobs API: its `name:`, else "Run " and the action or the script's first line. */
function apiStepName(step: JobModel['steps'][number]): string | undefined {
  if (step.name !== undefined) return step.name;
  if (step.uses) return `Run ${step.uses.name}`;
  const script = typeof step.run?.value === 'string' ? step.run.value.trim().split('\n')[0] : undefined;
  return script === undefined ? undefined : `Run ${script}`;
}

interface InstallStep {
  readonly job: WorkflowContext['jobs'][number];
  readonly step: JobModel['steps'][number];
  readonly apiName: string;
  readonly install: (typeof INSTALLS)[number];
  readonly setup: JobModel['steps'][number] | undefined;
}

/** Dependency installs in jobs with no cache at all: no actions/cache step and no `cache` input on the setup action. */
function uncachedInstalls(ctx: WorkflowContext): InstallStep[] {
  const found: InstallStep[] = [];
  for (const info of ctx.jobs) {
    const job = info.model;
    if (usesAction(job, 'actions/cache') || usesAction(job, 'actions/cache/restore')) continue;
    for (const step of job.steps) {
      const script = typeof step.run?.value === 'string' ? step.run.value : '';
      const install = INSTALLS.find((i) => i.pattern.test(script));
      const apiName = apiStepName(step);
      if (!install || apiName === undefined) continue;
      const setup = job.steps.find((s) => s.uses?.name.startsWith(`${install.setup}@`) === true);
      if (setup?.with.some((w) => w.key === 'cache') === true) continue;
      found.push({ job: info, step, apiName, install, setup });
    }
  }
  return found;
}

function caching(history: RunHistory, ctx: WorkflowContext, o: typeof DEFAULTS): Suggestion[] {
  const candidates = uncachedInstalls(ctx);
  if (candidates.length === 0) return [];
  // Durations only of the candidate steps: a long history has tens of thousands of steps.
  const wanted = new Map(candidates.map((c) => [c.apiName, new Set<string>()]));
  for (const c of candidates) wanted.get(c.apiName)?.add(c.job.id);
  const seconds = new Map(candidates.map((c) => [`${c.job.id}\u0000${c.apiName}`, [] as number[]]));
  for (const r of history.jobs) {
    if (!isCompletedAttempt(r)) continue;
    for (const s of r.steps) {
      const jobs = wanted.get(s.name);
      if (!jobs || !Number.isFinite(s.seconds) || s.conclusion === 'skipped') continue;
      const id = ctx.jobIdOf(r.group);
      if (id !== undefined && jobs.has(id)) seconds.get(`${id}\u0000${s.name}`)?.push(s.seconds);
    }
  }
  const out: Suggestion[] = [];
  for (const { job, step, apiName, install, setup } of candidates) {
    const samples = seconds.get(`${job.id}\u0000${apiName}`) ?? [];
    if (samples.length === 0) continue;
    const typical = median(samples);
    if (typical < o.minInstallSeconds) continue;
    const how = setup ? `the \`cache: ${install.manager}\` input of ${install.setup}` : 'an actions/cache step';
    out.push({
      kind: 'cache-dependencies',
      title: `Cache ${install.manager} dependencies in '${job.id}'`,
      evidence: `'${apiName}' takes ${formatDuration(typical)} (median of ${samples.length} runs) with no dependency cache; ${how} restores the downloads, saving up to that much per run.`,
      job: job.id,
      line: ctx.lines.positionAt(step.node.range?.[0] ?? 0).line,
      savingSecondsPerRun: typical,
      ...(setup
        ? gated(ctx, enableSetupCacheFix(ctx, setup, install.manager), `job '${job.id}'`)
        : { fixUnavailable: `add ${install.setup} with \`cache: ${install.manager}\`, or an actions/cache step` }),
    });
  }
  return out;
}

function pruneLegs(
  history: RunHistory,
  ctx: WorkflowContext | undefined,
  o: typeof DEFAULTS & RunnerRateOptions,
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const [group, records] of groupBy(
    history.jobs.filter((r) => r.leg !== undefined && isCompletedAttempt(r)),
    (r) => r.group,
  )) {
    const legs = groupBy(records, (r) => r.name);
    if (legs.size < 2 || !records.some((r) => failedByItself(r.conclusion))) continue;
    for (const [name, legRecords] of legs) {
      if (legRecords.length < o.minLegRuns || legRecords.some((r) => failedByItself(r.conclusion))) continue;
      // A runner without a known rate counts at the Linux rate: a floor for what the leg costs.
      const minutes = legRecords.reduce(
        (s, r) => s + billedMinutes(r.seconds) * (classifyRunner(r.job.labels, o).multiplier ?? 1),
        0,
      );
      const otherFailures = records.filter((r) => r.name !== name && failedByItself(r.conclusion)).length;
      const id = ctx?.jobIdOf(group);
      const line = id === undefined ? undefined : ctx?.jobs.find((j) => j.id === id)?.line;
      out.push({
        kind: 'prune-matrix-leg',
        title: `Drop matrix leg '${name}'`,
        evidence: `'${name}' passed all ${legRecords.length} of its runs while other legs of '${group}' failed ${otherFailures} times: it never caught a failure the others missed. It billed ${minutes} minutes.`,
        ...(id === undefined ? {} : { job: id }),
        ...(line === undefined ? {} : { line }),
        savingMinutes: minutes,
        fixUnavailable: 'exclude the leg under strategy.matrix.exclude (its values are in the leg name)',
      });
    }
  }
  return out;
}

function cancelSuperseded(history: RunHistory, ctx: WorkflowContext | undefined): Suggestion[] {
  const concurrency = ctx?.model.root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'concurrency');
  const cancels =
    concurrency !== undefined && ctx !== undefined && /cancel-in-progress:\s*(true|\$\{\{)/.test(ctx.text);
  if (cancels) return [];
  const superseded = supersededRuns(history);
  const minutes = superseded.reduce((s, r) => s + r.minutes, 0);
  if (superseded.length < 2 || minutes < 1) return [];
  const fix =
    ctx && concurrency === undefined
      ? gated(ctx, addConcurrencyFix(ctx, ctx.model), 'the workflow')
      : { fixUnavailable: 'set cancel-in-progress: true in the existing concurrency block' };
  return [
    {
      kind: 'cancel-superseded',
      title: 'Cancel superseded runs with concurrency',
      evidence: `${superseded.length} runs kept going after a newer run for the same branch started, spending ${minutes.toFixed(1)} job minutes on results nobody would read.`,
      savingMinutes: minutes,
      ...(ctx ? { line: ctx.lines.positionAt(ctx.model.root.range?.[0] ?? 0).line } : {}),
      ...fix,
    },
  ];
}

export function suggestImprovements(
  history: RunHistory,
  ctx: WorkflowContext | undefined,
  options: SuggestionOptions = {},
): Suggestion[] {
  const o = { ...DEFAULTS, ...options };
  return [
    ...(ctx ? parallelize(history, ctx, o) : []),
    ...(ctx ? caching(history, ctx, o) : []),
    ...pruneLegs(history, ctx, o),
    ...cancelSuperseded(history, ctx),
  ];
}
