// Rows for the duration model from run history: one per completed job attempt that has history of its own, features as
// they stood when its run was created (only attempts that had COMPLETED by then count, so nothing leaks from the
// future), the attempt's seconds as the target, and the baseline's prediction beside it for the evaluation.
import { isCompletedAttempt, type JobRecord, type RunHistory } from '../../history/runHistory';
import { DURATION_FEATURES, durationRow, recentMedian, type DurationContext } from './durationFeatures';

export interface DurationTable {
  /** Row-major rowCount × DURATION_FEATURES.length. */
  readonly values: Float64Array;
  readonly targets: Float64Array;
  /** "Median of the last 10 runs" for each row. */
  readonly baseline: Float64Array;
  readonly rowCount: number;
  /** The attempt each row describes, in run order. */
  readonly jobs: readonly JobRecord[];
}

/** History features never need more than this many earlier attempts (history_runs is capped at 50). */
const KEEP = 50;
const HOUR = 3_600_000;

interface Done {
  readonly completedMs: number;
  readonly seconds: number;
}

const runCreated = (r: JobRecord): number => {
  const created = Date.parse(r.run?.created_at ?? r.job.created_at ?? '');
  return Number.isFinite(created) ? created : r.startedMs;
};

/** Attempts of one job, ordered by completion; `before(t)` gives the seconds of those completed by t, oldest first. */
class Completions {
  private readonly done: Done[] = [];

  add(entry: Done): void {
    let i = this.done.length;
    while (i > 0 && (this.done[i - 1]?.completedMs ?? 0) > entry.completedMs) i--;
    this.done.splice(i, 0, entry);
  }

  before(t: number): number[] {
    let lo = 0;
    let hi = this.done.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.done[mid]?.completedMs ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.done.slice(Math.max(0, lo - KEEP), lo).map((d) => d.seconds);
  }
}

/** Runs created in the hour before each time, from the history's creation times (sorted once). */
function busyness(history: RunHistory): (t: number) => number {
  const created = Float64Array.from(history.runs.map((r) => Date.parse(r.created_at))).sort();
  const countBelow = (t: number): number => {
    let lo = 0;
    let hi = created.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((created[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (t) => countBelow(t) - countBelow(t - HOUR);
}

function matrixLegs(history: RunHistory, record: JobRecord): number {
  const names = new Set(
    (history.jobsByRun.get(record.job.run_id) ?? []).filter((j) => j.group === record.group).map((j) => j.name),
  );
  return Math.max(1, names.size);
}

function contextOf(
  history: RunHistory,
  record: JobRecord,
  previous: readonly number[],
  createdAt: number,
  runsLastHour: number,
): DurationContext {
  return {
    previous,
    runnerLabels: record.job.labels,
    matrixLegs: matrixLegs(history, record),
    event: record.run?.event ?? '',
    branch: record.run?.head_branch ?? record.job.head_branch ?? null,
    createdAt,
    runsLastHour,
  };
}

export function buildDurationTable(history: RunHistory): DurationTable {
  const byName = new Map<string, Completions>();
  const busy = busyness(history);
  const f = DURATION_FEATURES.length;
  const rows: { record: JobRecord; values: Float64Array; baseline: number }[] = [];
  for (const record of history.jobs) {
    if (!isCompletedAttempt(record)) continue;
    let done = byName.get(record.name);
    if (!done) byName.set(record.name, (done = new Completions()));
    const created = runCreated(record);
    const previous = done.before(created);
    if (previous.length > 0)
      rows.push({
        record,
        values: durationRow(contextOf(history, record, previous, created, busy(created))),
        baseline: recentMedian(previous),
      });
    done.add({ completedMs: record.completedMs, seconds: record.seconds });
  }
  const values = new Float64Array(rows.length * f);
  rows.forEach((r, i) => {
    values.set(r.values, i * f);
  });
  return {
    values,
    targets: Float64Array.from(rows, (r) => r.record.seconds),
    baseline: Float64Array.from(rows, (r) => r.baseline),
    rowCount: rows.length,
    jobs: rows.map((r) => r.record),
  };
}

export interface NextRunRow {
  /** The API's job name (matrix leg included). */
  readonly name: string;
  readonly values: Float64Array;
  readonly baseline: number;
  readonly samples: number;
}

export interface NextRunTrigger {
  readonly event: string;
  readonly branch: string | null;
}

/** The trigger most of the last 10 runs had (the newest among ties): what the next run most likely is. */
export function usualTrigger(history: RunHistory): NextRunTrigger {
  const counts = new Map<string, { trigger: NextRunTrigger; count: number }>();
  for (const run of history.runs.slice(-10)) {
    const key = `${run.event}\u0000${run.head_branch ?? ''}`;
    const seen = counts.get(key);
    // Re-inserting moves the key last, so among equal counts the newest trigger wins below.
    counts.delete(key);
    counts.set(key, { trigger: { event: run.event, branch: run.head_branch }, count: (seen?.count ?? 0) + 1 });
  }
  let best: { trigger: NextRunTrigger; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count >= best.count) best = entry;
  return best?.trigger ?? { event: '', branch: null };
}

/**
 * Features for the next run of every job the history has completed attempts of, as if a run were created at `at` with
 * `trigger` (by default the usual one of late) and each job's latest runner and matrix.
 */
export function nextRunRows(history: RunHistory, at: number, trigger?: NextRunTrigger): NextRunRow[] {
  const latest = new Map<string, JobRecord>();
  const durations = new Map<string, number[]>();
  for (const record of history.jobs) {
    if (!isCompletedAttempt(record)) continue;
    latest.set(record.name, record);
    const list = durations.get(record.name);
    if (list) list.push(record.seconds);
    else durations.set(record.name, [record.seconds]);
  }
  const busy = busyness(history);
  const next = trigger ?? usualTrigger(history);
  return [...latest.entries()].map(([name, record]) => {
    const previous = (durations.get(name) ?? []).slice(-KEEP);
    const context = { ...contextOf(history, record, previous, at, busy(at)), ...next };
    return {
      name,
      values: durationRow(context),
      baseline: recentMedian(previous),
      samples: durations.get(name)?.length ?? 0,
    };
  });
}
