// Run history indexed for the insights: every job with its times parsed once, its matrix leg split from its name, and
// its run's order. The API names a matrix leg "test (3.10, ubuntu-latest)"; the part before the parentheses is the job
// as the workflow defines it, so legs group under one job.
import type { WorkflowJob, WorkflowRun, WorkflowStep } from '../../../../shared/githubApi';

export interface StepRecord {
  readonly name: string;
  readonly number: number;
  readonly conclusion: string | null;
  readonly seconds: number;
  /** `cache-hit` of an actions/cache step when the export carries step outputs (the REST API itself does not). */
  readonly cacheHit: boolean | undefined;
}

export interface JobRecord {
  readonly job: WorkflowJob;
  readonly run: WorkflowRun | undefined;
  /** The API's name: `test (3.10, ubuntu-latest)`. */
  readonly name: string;
  /** The name without a matrix suffix: `test`. */
  readonly group: string;
  /** The matrix values as the API spells them (`3.10, ubuntu-latest`), or undefined for a job without a matrix. */
  readonly leg: string | undefined;
  readonly startedMs: number;
  readonly completedMs: number;
  /** completed − started; 0 for jobs that never started. */
  readonly seconds: number;
  /** started − created, when the job says when it was created. */
  readonly queueSeconds: number | undefined;
  /** Position of the run in time order (0 = oldest), so series are ordered by run, not by job id. */
  readonly runIndex: number;
  readonly conclusion: string | null;
  readonly steps: readonly StepRecord[];
}

export interface RunHistory {
  /** Oldest first. */
  readonly runs: readonly WorkflowRun[];
  readonly jobs: readonly JobRecord[];
  readonly jobsByRun: ReadonlyMap<number, readonly JobRecord[]>;
}

const MATRIX_SUFFIX = /^(.*\S) \(([^()]*)\)$/;

export function splitMatrixName(name: string): { group: string; leg: string | undefined } {
  const m = MATRIX_SUFFIX.exec(name);
  return m ? { group: m[1] ?? name, leg: m[2] } : { group: name, leg: undefined };
}

const time = (iso: string | null | undefined): number => (typeof iso === 'string' ? Date.parse(iso) : Number.NaN);

function stepRecord(step: WorkflowStep): StepRecord {
  const started = time(step.started_at);
  const completed = time(step.completed_at);
  const outputs = (step as WorkflowStep & { outputs?: Readonly<Record<string, unknown>> }).outputs;
  const hit = outputs?.['cache-hit'];
  return {
    name: step.name,
    number: step.number,
    conclusion: step.conclusion,
    seconds:
      Number.isFinite(started) && Number.isFinite(completed) ? Math.max(0, (completed - started) / 1000) : Number.NaN,
    cacheHit:
      hit === true || hit === 'true' ? true : hit === false || hit === 'false' || hit === '' ? false : undefined,
  };
}

function byCreation(a: WorkflowRun, b: WorkflowRun): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id;
}

export function buildRunHistory(runs: readonly WorkflowRun[], jobs: readonly WorkflowJob[]): RunHistory {
  const ordered = [...runs].sort(byCreation);
  const runIndex = new Map(ordered.map((r, i) => [r.id, i]));
  const runById = new Map(ordered.map((r) => [r.id, r]));
  const records: JobRecord[] = [];
  for (const job of jobs) {
    const startedMs = time(job.started_at);
    const completedMs = time(job.completed_at);
    const createdMs = time(job.created_at);
    const { group, leg } = splitMatrixName(job.name);
    records.push({
      job,
      run: runById.get(job.run_id),
      name: job.name,
      group,
      leg,
      startedMs,
      completedMs,
      seconds:
        Number.isFinite(startedMs) && Number.isFinite(completedMs) ? Math.max(0, (completedMs - startedMs) / 1000) : 0,
      queueSeconds:
        Number.isFinite(createdMs) && Number.isFinite(startedMs)
          ? Math.max(0, (startedMs - createdMs) / 1000)
          : undefined,
      // Jobs of runs missing from the runs file still count, placed by their start time after the known runs.
      runIndex: runIndex.get(job.run_id) ?? ordered.length,
      conclusion: job.conclusion,
      steps: (job.steps ?? []).map(stepRecord),
    });
  }
  records.sort((a, b) => a.runIndex - b.runIndex || a.startedMs - b.startedMs || a.job.id - b.job.id);
  const jobsByRun = new Map<number, JobRecord[]>();
  for (const r of records) {
    const list = jobsByRun.get(r.job.run_id);
    if (list) list.push(r);
    else jobsByRun.set(r.job.run_id, [r]);
  }
  return { runs: ordered, jobs: records, jobsByRun };
}

/**
 * Whether a job's duration says how long its work takes: it ran to the end. Skipped jobs take no time and cancelled
 * ones stopped part-way, so both would drag medians down; failures and timeouts did run and do count.
 */
export function isCompletedAttempt(r: JobRecord): boolean {
  return (
    r.job.status === 'completed' &&
    Number.isFinite(r.completedMs) &&
    Number.isFinite(r.startedMs) &&
    r.conclusion !== 'skipped' &&
    r.conclusion !== 'cancelled' &&
    r.conclusion !== null
  );
}

/** Groups items by a key, keeping first-seen order of keys. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
