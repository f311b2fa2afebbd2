// How long jobs and their steps take: median, p90, trend over the last runs, and queue time (created → started). Only
// attempts that ran to the end count (see isCompletedAttempt). Matrix legs are pooled under their job and also kept
// apart, since one slow leg (macOS, say) is often the whole story.
import { median, quantile, quantileSorted, sorted, theilSenSlope } from '../history/robustStats';
import { groupBy, isCompletedAttempt, type JobRecord, type RunHistory } from '../history/runHistory';

export interface Trend {
  /** Theil–Sen slope: seconds gained (or lost, when negative) per run. */
  readonly secondsPerRun: number;
  /** Change across the window relative to the fitted duration at its start, in percent. */
  readonly changePercent: number;
  /** Number of runs the window spans. */
  readonly runs: number;
}

export interface DurationSummary {
  readonly samples: number;
  readonly medianSeconds: number;
  readonly p90Seconds: number;
  /** Undefined below MIN_TREND_SAMPLES: a slope through three points says nothing. */
  readonly trend: Trend | undefined;
}

export interface StepDurations {
  readonly name: string;
  readonly summary: DurationSummary;
}

export interface LegDurations {
  readonly name: string;
  readonly summary: DurationSummary;
}

export interface JobDurations {
  /** The job as the workflow names it (matrix suffix removed). */
  readonly job: string;
  readonly summary: DurationSummary;
  readonly queue: { readonly medianSeconds: number; readonly p90Seconds: number } | undefined;
  /** Matrix legs, when there are several. */
  readonly legs: readonly LegDurations[];
  readonly steps: readonly StepDurations[];
}

export interface DurationOptions {
  /** How many of the most recent runs the trend looks at. */
  readonly trendRuns?: number;
}

const DEFAULT_TREND_RUNS = 30;
const MIN_TREND_SAMPLES = 6;

interface Point {
  readonly x: number;
  readonly y: number;
}

export function summarise(points: readonly Point[], trendRuns: number): DurationSummary {
  const ys = sorted(points.map((p) => p.y));
  return {
    samples: ys.length,
    medianSeconds: quantileSorted(ys, 0.5),
    p90Seconds: quantileSorted(ys, 0.9),
    trend: trendOf(points, trendRuns),
  };
}

/** Theil–Sen over the points of the last `trendRuns` runs; points are in run order. */
function trendOf(points: readonly Point[], trendRuns: number): Trend | undefined {
  const last = points.at(-1);
  if (!last) return undefined;
  const window = points.filter((p) => p.x > last.x - trendRuns);
  const first = window[0];
  if (!first || window.length < MIN_TREND_SAMPLES || last.x === first.x) return undefined;
  const xs = window.map((p) => p.x);
  const ys = window.map((p) => p.y);
  const slope = theilSenSlope(xs, ys);
  // The robust intercept (median of residual offsets) places the fitted line, so the percentage is of a typical value.
  const intercept = median(window.map((p) => p.y - slope * p.x));
  const start = intercept + slope * first.x;
  const change = slope * (last.x - first.x);
  return { secondsPerRun: slope, changePercent: start > 0 ? (100 * change) / start : 0, runs: last.x - first.x + 1 };
}

const pointsOf = (records: readonly JobRecord[], seconds: (r: JobRecord) => number): Point[] =>
  records.map((r) => ({ x: r.runIndex, y: seconds(r) })).filter((p) => Number.isFinite(p.y));

function stepDurations(records: readonly JobRecord[], trendRuns: number): StepDurations[] {
  const points = new Map<string, Point[]>();
  for (const r of records) {
    for (const step of r.steps) {
      if (!Number.isFinite(step.seconds) || step.conclusion === 'skipped') continue;
      const list = points.get(step.name);
      if (list) list.push({ x: r.runIndex, y: step.seconds });
      else points.set(step.name, [{ x: r.runIndex, y: step.seconds }]);
    }
  }
  return [...points].map(([name, p]) => ({ name, summary: summarise(p, trendRuns) }));
}

/** Per job (legs pooled), slowest median first. */
export function jobDurations(history: RunHistory, options: DurationOptions = {}): JobDurations[] {
  const trendRuns = options.trendRuns ?? DEFAULT_TREND_RUNS;
  const out: JobDurations[] = [];
  for (const [job, records] of groupBy(history.jobs.filter(isCompletedAttempt), (r) => r.group)) {
    const queued = records.map((r) => r.queueSeconds).filter((q): q is number => q !== undefined);
    const legGroups = groupBy(records, (r) => r.name);
    out.push({
      job,
      summary: summarise(
        pointsOf(records, (r) => r.seconds),
        trendRuns,
      ),
      queue: queued.length > 0 ? { medianSeconds: median(queued), p90Seconds: quantile(queued, 0.9) } : undefined,
      legs:
        legGroups.size > 1
          ? [...legGroups].map(([name, legs]) => ({
              name,
              summary: summarise(
                pointsOf(legs, (r) => r.seconds),
                trendRuns,
              ),
            }))
          : [],
      steps: stepDurations(records, trendRuns),
    });
  }
  return out.sort((a, b) => b.summary.medianSeconds - a.summary.medianSeconds || a.job.localeCompare(b.job));
}
