// What the duration model knows about a job's next run before it starts, with the words an explanation uses. History
// features read only earlier completed attempts of the same job (matrix leg included in the name, since one slow leg is
// often the whole story); the rest read the run's trigger (event, branch, hour), the job's runner and matrix, and how
// busy the repository was (runs created in the hour before: a proxy for the runner queue). Never the job's own times.
import { formatDuration } from '../../../../../protocol/durationText';
import { quantileSorted, sorted, theilSenSlope } from '../../history/robustStats';

export interface DurationContext {
  /** Seconds of the earlier completed attempts of this job, oldest first. */
  readonly previous: readonly number[];
  readonly runnerLabels: readonly string[];
  /** Jobs of this job's matrix in the run (1 without a matrix). */
  readonly matrixLegs: number;
  readonly event: string;
  readonly branch: string | null;
  /** When the run was created (ms). */
  readonly createdAt: number;
  /** Runs of the repository (in the history) created in the hour before this one. */
  readonly runsLastHour: number;
}

export interface DurationFeatureSpec {
  readonly name: string;
  readonly value: (c: DurationContext) => number;
  readonly describe: (value: number) => string;
}

/** The baseline and the history features look at this many recent runs. */
export const RECENT_RUNS = 10;
const COUNT_CAP = 50;
const EVENTS = [
  'push',
  'pull_request',
  'schedule',
  'workflow_dispatch',
  'merge_group',
  'pull_request_target',
  'release',
  'workflow_run',
];
const RUNNERS = ['linux', 'windows', 'macos', 'self-hosted'];

const recent = (c: DurationContext): readonly number[] => c.previous.slice(-RECENT_RUNS);
const seconds = (v: number): string => (Number.isNaN(v) ? 'unknown' : formatDuration(v));

/** Linux, Windows, macOS or self-hosted from `runs-on` labels; NaN when the labels say nothing we know. */
export function runnerClass(labels: readonly string[]): number {
  const text = labels.join(' ').toLowerCase();
  if (text.includes('self-hosted')) return 3;
  if (text.includes('macos')) return 2;
  if (text.includes('windows')) return 1;
  if (text.includes('ubuntu') || text.includes('linux')) return 0;
  return Number.NaN;
}

/** The baseline the model must beat: the median of the job's last RECENT_RUNS durations. */
export function recentMedian(previous: readonly number[]): number {
  return quantileSorted(sorted(previous.slice(-RECENT_RUNS)), 0.5);
}

export const DURATION_FEATURES: readonly DurationFeatureSpec[] = [
  {
    name: 'recent_median_seconds',
    value: (c) => recentMedian(c.previous),
    describe: (v) => `median of the last ${RECENT_RUNS} runs is ${seconds(v)}`,
  },
  {
    name: 'recent_p90_seconds',
    value: (c) => quantileSorted(sorted([...recent(c)]), 0.9),
    describe: (v) => `p90 of the last ${RECENT_RUNS} runs is ${seconds(v)}`,
  },
  {
    name: 'last_seconds',
    value: (c) => c.previous.at(-1) ?? Number.NaN,
    describe: (v) => `last run took ${seconds(v)}`,
  },
  {
    name: 'trend_seconds_per_run',
    // A slope through fewer than four points is noise.
    value: (c) => {
      const ys = recent(c);
      return ys.length < 4
        ? Number.NaN
        : theilSenSlope(
            ys.map((_, i) => i),
            [...ys],
          );
    },
    describe: (v) =>
      Number.isNaN(v)
        ? 'too few runs for a trend'
        : `${v >= 0 ? 'slower' : 'faster'} by ${seconds(Math.abs(v))} a run lately`,
  },
  {
    name: 'history_runs',
    value: (c) => Math.min(c.previous.length, COUNT_CAP),
    describe: (v) => `${v >= COUNT_CAP ? `${COUNT_CAP}+` : v} earlier runs`,
  },
  {
    name: 'runner',
    value: (c) => runnerClass(c.runnerLabels),
    describe: (v) => `runner: ${RUNNERS[v] ?? 'unknown'}`,
  },
  {
    name: 'matrix_legs',
    value: (c) => c.matrixLegs,
    describe: (v) => (v <= 1 ? 'no matrix' : `one of ${v} matrix legs`),
  },
  {
    name: 'event',
    value: (c) => {
      const i = EVENTS.indexOf(c.event);
      return i < 0 ? Number.NaN : i;
    },
    describe: (v) => `triggered by ${EVENTS[v] ?? 'another event'}`,
  },
  {
    name: 'main_branch',
    value: (c) => (c.branch === 'main' || c.branch === 'master' ? 1 : 0),
    describe: (v) => (v === 1 ? 'on the main branch' : 'on a side branch'),
  },
  {
    name: 'hour_utc',
    value: (c) => new Date(c.createdAt).getUTCHours(),
    describe: (v) => `started at ${String(v).padStart(2, '0')}:00 UTC`,
  },
  {
    name: 'runs_last_hour',
    value: (c) => c.runsLastHour,
    describe: (v) => `${v} run${v === 1 ? '' : 's'} started in the hour before (runner queue)`,
  },
];

export const DURATION_FEATURE_NAMES: readonly string[] = DURATION_FEATURES.map((f) => f.name);

export function durationRow(
  c: DurationContext,
  into: Float64Array = new Float64Array(DURATION_FEATURES.length),
  offset = 0,
): Float64Array {
  DURATION_FEATURES.forEach((f, j) => {
    into[offset + j] = f.value(c);
  });
  return into;
}
