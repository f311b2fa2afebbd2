// Feature rows for every run, replaying history in time order. Runs created at the same instant are featurised together
// before any of them is registered, so their order in the input never matters; a run's outcome enters the histories
// only once its completion time is STRICTLY before the run being featurised was created.
import type { RunRecord } from '../runs/runRecord';
import { sortByCreation } from '../runs/runRecord';
import type { FeatureContext } from './featureContext';
import { FEATURES } from './featureSpecs';
import { outcomeOf, RunCounts, RunHistory } from './runHistory';

export interface FeatureTable {
  /** Runs in time order (createdAt, then id). */
  readonly runs: readonly RunRecord[];
  /** Row-major: row i, feature j at i * featureCount + j; NaN is "unknown". float32, as ONNX reads its input: JS
   * scoring, SHAP and onnxruntime see identical values, in half the memory of float64. */
  readonly values: Float32Array;
  readonly featureCount: number;
}

type Histories = Map<string, RunCounts>;

function historyOf(histories: Histories, key: string, countsOnly: boolean): RunCounts {
  let h = histories.get(key);
  if (!h) {
    h = countsOnly ? new RunCounts() : new RunHistory();
    histories.set(key, h);
  }
  return h;
}

/** The group keys of a run; the repo prefix keeps repositories apart. The order matches `contextOf`. */
function keysOf(run: RunRecord): string[] {
  const r = `${run.repo}\u0000`;
  return [
    `w${r}${run.workflowId}`,
    `wb${r}${run.workflowId}\u0000${run.branch}`,
    `c${r}${run.sha}`,
    `wc${r}${run.workflowId}\u0000${run.sha}`,
    `a${r}${run.actor}`,
    `aw${r}${run.actor}\u0000${run.workflowId}`,
    `b${r}${run.branch}`,
    `r${r}`,
  ];
}

/** The run's groups in `keysOf` order. A commit and a workflow on a commit (keys 2 and 3) are counted only: features
 * read nothing else of them, and there are about as many of them as runs. */
function groupsOf(histories: Histories, run: RunRecord): RunCounts[] {
  return keysOf(run).map((k, i) => historyOf(histories, k, i === 2 || i === 3));
}

function contextOf(groups: readonly RunCounts[], run: RunRecord): FeatureContext {
  const [workflow, workflowBranch, commit, workflowCommit, actor, actorWorkflow, branch, repo] = groups;
  const full = (g: RunCounts | undefined): RunHistory => {
    if (!(g instanceof RunHistory)) throw new Error('keysOf and contextOf disagree');
    return g;
  };
  if (!commit || !workflowCommit) throw new Error('keysOf and contextOf disagree');
  return {
    run,
    workflow: full(workflow),
    workflowBranch: full(workflowBranch),
    commit,
    workflowCommit,
    actor: full(actor),
    actorWorkflow: full(actorWorkflow),
    branch: full(branch),
    repo: full(repo),
  };
}

/** A started run waiting for its outcome, with its histories looked up once (keys are strings built per lookup). */
interface PendingRun {
  readonly run: RunRecord;
  readonly groups: readonly RunCounts[];
}

/** Pending completions as a binary min-heap on completion time. */
class CompletionQueue {
  private readonly heap: PendingRun[] = [];

  push(run: PendingRun): void {
    const h = this.heap;
    h.push(run);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at(h, p) <= at(h, i)) break;
      [h[p], h[i]] = [h[i] as PendingRun, h[p] as PendingRun];
      i = p;
    }
  }

  /** Removes and returns every run that completed strictly before `time`. */
  popBefore(time: number): PendingRun[] {
    const out: PendingRun[] = [];
    const h = this.heap;
    while (h.length > 0 && at(h, 0) < time) {
      out.push(h[0] as PendingRun);
      const last = h.pop() as PendingRun;
      if (h.length === 0) break;
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && at(h, l) < at(h, m)) m = l;
        if (r < h.length && at(h, r) < at(h, m)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i] as PendingRun, h[m] as PendingRun];
        i = m;
      }
    }
    return out;
  }
}

function at(heap: readonly PendingRun[], i: number): number {
  return heap[i]?.run.completedAt ?? Number.POSITIVE_INFINITY;
}

export interface FeatureProgress {
  readonly rows: number;
  readonly total: number;
}

/** Feature rows of every run; `onProgress` hears every 10,000 rows and at the end (a million runs take a while). */
export function buildFeatureTable(
  input: readonly RunRecord[],
  onProgress?: (p: FeatureProgress) => void,
): FeatureTable {
  const runs = sortByCreation(input);
  const featureCount = FEATURES.length;
  const values = new Float32Array(runs.length * featureCount);
  const histories: Histories = new Map();
  const pending = new CompletionQueue();
  const groups: (readonly RunCounts[])[] = [];
  let start = 0;
  let reported = 0;
  while (start < runs.length) {
    const time = runs[start]?.createdAt ?? 0;
    let end = start;
    while (end < runs.length && runs[end]?.createdAt === time) end++;
    for (const done of pending.popBefore(time)) {
      const outcome = outcomeOf(done.run.conclusion);
      for (const h of done.groups) h.noteFinished(done.run.createdAt, outcome, done.run.sha, time);
    }
    groups.length = 0;
    for (let i = start; i < end; i++) {
      const run = runs[i] as RunRecord;
      const g = groupsOf(histories, run);
      groups.push(g);
      const context = contextOf(g, run);
      // float32, as ONNX reads its input (the array rounds each value the way Math.fround does).
      for (let j = 0; j < featureCount; j++) values[i * featureCount + j] = FEATURES[j]?.value(context) ?? Number.NaN;
    }
    for (let i = start; i < end; i++) {
      const run = runs[i] as RunRecord;
      const g = groups[i - start] ?? [];
      for (const h of g) h.noteStarted();
      if (run.completedAt !== undefined) pending.push({ run, groups: g });
    }
    start = end;
    if (onProgress && (start - reported >= 10_000 || start === runs.length)) {
      reported = start;
      onProgress({ rows: start, total: runs.length });
    }
  }
  return { runs, values, featureCount };
}
