// The critical path of a run: the chain of jobs through the `needs` graph whose durations add up to the most. Matrix
// legs are parallel nodes (every leg of a job waits for every leg of each job it needs), so the slowest leg is the one
// on the path. Compared with the run's wall time, the rest is waiting: queueing for runners and scheduling gaps.
import type { WorkflowRun } from '../../../../shared/githubApi';
import { median } from '../history/robustStats';
import type { JobRecord, RunHistory } from '../history/runHistory';

export interface DagTask {
  readonly key: string;
  readonly seconds: number;
  /** Keys this task waits for; unknown keys are ignored. */
  readonly after: readonly string[];
}

export interface LongestPath {
  /** From the first job to the last. */
  readonly keys: readonly string[];
  readonly seconds: number;
}

/**
 * Longest path by summed durations (the critical path method) in O(V + E), Kahn's order. Tasks on a cycle (a workflow
 * GitHub would reject) are left out rather than looping. Ties go to the task listed first, so results are stable.
 */
export function longestPath(tasks: readonly DagTask[]): LongestPath {
  const index = new Map(tasks.map((t, i) => [t.key, i]));
  const successors: number[][] = tasks.map(() => []);
  const waiting = tasks.map(() => 0);
  tasks.forEach((t, i) => {
    for (const dep of new Set(t.after)) {
      const d = index.get(dep);
      if (d === undefined || d === i) continue;
      successors[d]?.push(i);
      waiting[i] = (waiting[i] ?? 0) + 1;
    }
  });
  const finish = tasks.map((t) => t.seconds);
  const via = tasks.map(() => -1);
  const queue: number[] = [];
  waiting.forEach((w, i) => {
    if (w === 0) queue.push(i);
  });
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] ?? 0;
    for (const s of successors[i] ?? []) {
      const candidate = (finish[i] ?? 0) + (tasks[s]?.seconds ?? 0);
      if (candidate > (finish[s] ?? 0)) {
        finish[s] = candidate;
        via[s] = i;
      }
      waiting[s] = (waiting[s] ?? 0) - 1;
      if (waiting[s] === 0) queue.push(s);
    }
  }
  let end = -1;
  for (const i of queue) if (end === -1 || (finish[i] ?? 0) > (finish[end] ?? 0)) end = i;
  const keys: string[] = [];
  for (let i = end; i !== -1; i = via[i] ?? -1) keys.push(tasks[i]?.key ?? '');
  return { keys: keys.reverse(), seconds: end === -1 ? 0 : (finish[end] ?? 0) };
}

export interface RunCriticalPath {
  readonly runId: number;
  /** API job names along the path. */
  readonly jobs: readonly string[];
  readonly pathSeconds: number;
  /** From the run's start (or creation) to its last job's end. */
  readonly wallSeconds: number;
}

/** `group` -> the job ids it waits for; `jobIdOf` maps an API job name (matrix suffix removed) to its workflow job id. */
export interface JobGraphLink {
  readonly needs: ReadonlyMap<string, readonly string[]>;
  readonly jobIdOf: (group: string) => string | undefined;
}

/** The last attempt of each job that ran; earlier attempts of a re-run were replaced by it. */
export function lastAttempts(jobs: readonly JobRecord[]): JobRecord[] {
  const latest = new Map<string, JobRecord>();
  for (const j of jobs) {
    // A skipped job never ran: it holds nothing up and is no step of the path.
    if (!Number.isFinite(j.startedMs) || !Number.isFinite(j.completedMs) || j.conclusion === 'skipped') continue;
    const seen = latest.get(j.name);
    if (!seen || (j.job.run_attempt ?? 1) >= (seen.job.run_attempt ?? 1)) latest.set(j.name, j);
  }
  return [...latest.values()];
}

/** The run's jobs as DAG tasks, with legs of a needed job as separate predecessors; `seconds` may substitute durations. */
export function runTasks(
  jobs: readonly JobRecord[],
  link: JobGraphLink | undefined,
  seconds: (j: JobRecord) => number = (j) => j.seconds,
): DagTask[] {
  const byJobId = new Map<string, string[]>();
  const idOf = (j: JobRecord): string | undefined => link?.jobIdOf(j.group);
  for (const j of jobs) {
    const id = idOf(j);
    if (id === undefined) continue;
    const list = byJobId.get(id);
    if (list) list.push(j.name);
    else byJobId.set(id, [j.name]);
  }
  return jobs.map((j) => {
    const id = idOf(j);
    const needs = id === undefined ? [] : (link?.needs.get(id) ?? []);
    return { key: j.name, seconds: seconds(j), after: needs.flatMap((n) => byJobId.get(n) ?? []) };
  });
}

export function runCriticalPath(
  run: WorkflowRun,
  history: RunHistory,
  link: JobGraphLink | undefined,
): RunCriticalPath | undefined {
  const runId = run.id;
  const jobs = lastAttempts(history.jobsByRun.get(runId) ?? []);
  if (jobs.length === 0) return undefined;
  const path = longestPath(runTasks(jobs, link));
  const runStart = Date.parse(run.run_started_at ?? run.created_at);
  const firstStart = Math.min(...jobs.map((j) => j.startedMs));
  const start = Number.isFinite(runStart) ? Math.min(runStart, firstStart) : firstStart;
  const end = Math.max(...jobs.map((j) => j.completedMs));
  return { runId, jobs: path.keys, pathSeconds: path.seconds, wallSeconds: Math.max(0, (end - start) / 1000) };
}

export interface CriticalPathSummary {
  readonly runs: number;
  /** The job sequence most often critical (by job, legs folded), with how many runs it was. */
  readonly usualPath: readonly string[];
  readonly usualPathRuns: number;
  readonly medianPathSeconds: number;
  readonly medianWallSeconds: number;
  readonly perRun: readonly RunCriticalPath[];
}

export function criticalPathSummary(
  history: RunHistory,
  link: JobGraphLink | undefined,
  fold: (name: string) => string,
): CriticalPathSummary | undefined {
  const perRun = history.runs
    .map((r) => runCriticalPath(r, history, link))
    .filter((p): p is RunCriticalPath => p !== undefined);
  if (perRun.length === 0) return undefined;
  const counts = new Map<string, { path: string[]; runs: number }>();
  for (const p of perRun) {
    const folded = p.jobs.map(fold);
    const key = folded.join('\u0000');
    const seen = counts.get(key);
    if (seen) seen.runs++;
    else counts.set(key, { path: folded, runs: 1 });
  }
  const usual = [...counts.values()].sort((a, b) => b.runs - a.runs)[0] ?? { path: [], runs: 0 };
  return {
    runs: perRun.length,
    usualPath: usual.path,
    usualPathRuns: usual.runs,
    medianPathSeconds: median(perRun.map((p) => p.pathSeconds)),
    medianWallSeconds: median(perRun.map((p) => p.wallSeconds)),
    perRun,
  };
}
