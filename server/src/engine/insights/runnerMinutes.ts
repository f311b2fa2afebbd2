// Where the runner minutes go: minutes per runner type and an estimate of billable minutes, by GitHub's published
// rules for hosted runners: each job is rounded UP to the whole minute, then multiplied by its OS's minute multiplier
// (Linux 1, Windows 2, macOS 10). Larger runners are billed at their own per-label rates, which only the user knows,
// so they come from configuration; self-hosted runners cost no GitHub minutes. Also: matrix legs that do no work and
// jobs that always succeed in under a minute (each still bills a whole minute).
import { median } from '../history/robustStats';
import { groupBy, isCompletedAttempt, type JobRecord, type RunHistory } from '../history/runHistory';

export type RunnerKind = 'linux' | 'windows' | 'macos' | 'larger' | 'self-hosted' | 'unknown';

/** GitHub's minute multipliers for standard hosted runners (docs: "Minute multipliers"). */
export const MINUTE_MULTIPLIERS: Readonly<Record<'linux' | 'windows' | 'macos', number>> = {
  linux: 1,
  windows: 2,
  macos: 10,
};

export interface RunnerRateOptions {
  /** Per-label multiplier (relative to a Linux minute) for larger runners and any other label the user prices. */
  readonly labelRates?: Readonly<Record<string, number>>;
}

export interface RunnerClass {
  readonly kind: RunnerKind;
  /** The label that decided it (for display and grouping of larger runners). */
  readonly label: string;
  /** Undefined when the rate is not known (a larger or unrecognised runner with no configured rate). */
  readonly multiplier: number | undefined;
}

const LARGER = /-(large|xlarge)$|\d+-?cores?\b|-\d+core\b|gpu/i;

export function classifyRunner(labels: readonly string[], options: RunnerRateOptions = {}): RunnerClass {
  const lower = labels.map((l) => l.toLowerCase());
  if (lower.includes('self-hosted')) return { kind: 'self-hosted', label: 'self-hosted', multiplier: 0 };
  for (const label of labels) {
    const rate = options.labelRates?.[label];
    if (rate !== undefined) return { kind: 'larger', label, multiplier: rate };
  }
  for (const label of lower) {
    if (LARGER.test(label)) return { kind: 'larger', label, multiplier: undefined };
    if (label.startsWith('ubuntu') || label === 'linux')
      return { kind: 'linux', label, multiplier: MINUTE_MULTIPLIERS.linux };
    if (label.startsWith('windows')) return { kind: 'windows', label, multiplier: MINUTE_MULTIPLIERS.windows };
    if (label.startsWith('macos')) return { kind: 'macos', label, multiplier: MINUTE_MULTIPLIERS.macos };
  }
  return { kind: 'unknown', label: labels[0] ?? '(no label)', multiplier: undefined };
}

/** Whole minutes GitHub bills for one job: any started minute counts. */
export function billedMinutes(seconds: number): number {
  return seconds <= 0 ? 0 : Math.ceil(seconds / 60 - 1e-9);
}

export interface RunnerUsage {
  readonly kind: RunnerKind;
  /** The label for larger/unknown runners; the kind otherwise. */
  readonly runner: string;
  readonly jobs: number;
  /** Exact runtime in minutes. */
  readonly minutes: number;
  /** Σ rounded-up minutes × multiplier; undefined when the rate is unknown. */
  readonly billableMinutes: number | undefined;
  readonly multiplier: number | undefined;
}

export interface IdleLeg {
  readonly name: string;
  readonly runs: number;
  readonly medianSeconds: number;
  readonly billableMinutes: number;
}

export interface QuickJob {
  readonly job: string;
  readonly runs: number;
  readonly medianSeconds: number;
  /** Minutes billed over the history for work that took a fraction of that. */
  readonly billableMinutes: number;
}

export interface RunnerMinutesReport {
  readonly byRunner: readonly RunnerUsage[];
  /** Over the priced runners only. */
  readonly billableMinutes: number;
  /** Runtime on runners without a known rate (add them to the label rates to price them). */
  readonly unpricedMinutes: number;
  readonly idleLegs: readonly IdleLeg[];
  readonly quickJobs: readonly QuickJob[];
}

export interface RunnerMinutesOptions extends RunnerRateOptions {
  /** Labels from the workflow's `runs-on` by API job group, for jobs whose API record carries none. */
  readonly labelsOf?: (group: string) => readonly string[] | undefined;
  /** A leg that never ran longer than this did no work. */
  readonly idleSeconds?: number;
  /** Minimum runs before a job is called "always quick". */
  readonly minQuickRuns?: number;
}

const IDLE_SECONDS = 10;
const MIN_QUICK_RUNS = 5;

/** Every job that ran (any conclusion: cancelled jobs are billed for the time they ran). */
const ran = (r: JobRecord): boolean => Number.isFinite(r.startedMs) && Number.isFinite(r.completedMs) && r.seconds > 0;

export function runnerMinutes(history: RunHistory, options: RunnerMinutesOptions = {}): RunnerMinutesReport {
  const usage = new Map<
    string,
    { kind: RunnerKind; runner: string; jobs: number; seconds: number; billed: number; multiplier: number | undefined }
  >();
  const classOf = (r: JobRecord): RunnerClass => {
    const labels = r.job.labels.length > 0 ? r.job.labels : (options.labelsOf?.(r.group) ?? []);
    return classifyRunner(labels, options);
  };
  for (const r of history.jobs) {
    if (!ran(r)) continue;
    const c = classOf(r);
    const runner = c.kind === 'larger' || c.kind === 'unknown' ? c.label : c.kind;
    const entry = usage.get(runner) ?? {
      kind: c.kind,
      runner,
      jobs: 0,
      seconds: 0,
      billed: 0,
      multiplier: c.multiplier,
    };
    entry.jobs++;
    entry.seconds += r.seconds;
    entry.billed += billedMinutes(r.seconds) * (c.multiplier ?? 0);
    usage.set(runner, entry);
  }
  const byRunner: RunnerUsage[] = [...usage.values()]
    .map((u) => ({
      kind: u.kind,
      runner: u.runner,
      jobs: u.jobs,
      minutes: u.seconds / 60,
      billableMinutes: u.multiplier === undefined ? undefined : u.billed,
      multiplier: u.multiplier,
    }))
    .sort((a, b) => (b.billableMinutes ?? 0) - (a.billableMinutes ?? 0) || b.minutes - a.minutes);
  return {
    byRunner,
    billableMinutes: byRunner.reduce((s, u) => s + (u.billableMinutes ?? 0), 0),
    unpricedMinutes: byRunner.filter((u) => u.billableMinutes === undefined).reduce((s, u) => s + u.minutes, 0),
    idleLegs: idleLegs(history, options.idleSeconds ?? IDLE_SECONDS, (r) => classOf(r).multiplier ?? 0),
    quickJobs: quickJobs(history, options.minQuickRuns ?? MIN_QUICK_RUNS, (r) => classOf(r).multiplier ?? 0),
  };
}

/** Matrix legs whose every attempt was skipped or finished within `idleSeconds`: a runner started for nothing. */
function idleLegs(history: RunHistory, idleSeconds: number, multiplier: (r: JobRecord) => number): IdleLeg[] {
  const out: IdleLeg[] = [];
  for (const [name, records] of groupBy(
    history.jobs.filter((r) => r.leg !== undefined && r.job.status === 'completed'),
    (r) => r.name,
  )) {
    if (records.length < 2 || !records.every((r) => r.conclusion === 'skipped' || r.seconds <= idleSeconds)) continue;
    out.push({
      name,
      runs: records.length,
      medianSeconds: median(records.map((r) => r.seconds)),
      billableMinutes: records.reduce((s, r) => s + billedMinutes(r.seconds) * multiplier(r), 0),
    });
  }
  return out;
}

/** Jobs whose every completed attempt succeeded in under a minute, over at least `minRuns` runs. */
function quickJobs(history: RunHistory, minRuns: number, multiplier: (r: JobRecord) => number): QuickJob[] {
  const out: QuickJob[] = [];
  for (const [job, records] of groupBy(history.jobs.filter(isCompletedAttempt), (r) => r.group)) {
    if (records.length < minRuns || !records.every((r) => r.conclusion === 'success' && r.seconds < 60)) continue;
    out.push({
      job,
      runs: records.length,
      medianSeconds: median(records.map((r) => r.seconds)),
      billableMinutes: records.reduce((s, r) => s + billedMinutes(r.seconds) * multiplier(r), 0),
    });
  }
  return out.sort((a, b) => b.billableMinutes - a.billableMinutes);
}
