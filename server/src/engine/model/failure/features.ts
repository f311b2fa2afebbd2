// Feature rows for every run, replaying history in time order. Runs created at the same instant are featurised together
// before any of them is registered, so their order in the input never matters; a run's outcome enters the histories
// only once its completion time is STRICTLY before the run being featurised was created.
import type { RunRecord } from '../runs/runRecord';
import { sortByCreation } from '../runs/runRecord';
import type { FeatureContext } from './featureContext';
import { FEATURES } from './featureSpecs';
import { outcomeOf, RunHistory } from './runHistory';

export interface FeatureTable {
  /** Runs in time order (createdAt, then id). */
  readonly runs: readonly RunRecord[];
  /** Row-major: row i, feature j at i * featureCount + j; NaN is "unknown". */
  readonly values: Float64Array;
  readonly featureCount: number;
}

type Histories = Map<string, RunHistory>;

function historyOf(histories: Histories, key: string): RunHistory {
  let h = histories.get(key);
  if (!h) {
    h = new RunHistory();
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

function contextOf(histories: Histories, run: RunRecord): FeatureContext {
  const [workflow, workflowBranch, commit, workflowCommit, actor, actorWorkflow, branch, repo] = keysOf(run).map((k) => historyOf(histories, k));
  if (!workflow || !workflowBranch || !commit || !workflowCommit || !actor || !actorWorkflow || !branch || !repo) throw new Error('keysOf and contextOf disagree');
  return { run, workflow, workflowBranch, commit, workflowCommit, actor, actorWorkflow, branch, repo };
}

/** Pending completions as a binary min-heap on completion time. */
class CompletionQueue {
  private readonly heap: RunRecord[] = [];

  push(run: RunRecord): void {
    const h = this.heap;
    h.push(run);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at(h, p) <= at(h, i)) break;
      [h[p], h[i]] = [h[i] as RunRecord, h[p] as RunRecord];
      i = p;
    }
  }

  /** Removes and returns every run that completed strictly before `time`. */
  popBefore(time: number): RunRecord[] {
    const out: RunRecord[] = [];
    const h = this.heap;
    while (h.length > 0 && at(h, 0) < time) {
      out.push(h[0] as RunRecord);
      const last = h.pop() as RunRecord;
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
        [h[m], h[i]] = [h[i] as RunRecord, h[m] as RunRecord];
        i = m;
      }
    }
    return out;
  }
}

function at(heap: readonly RunRecord[], i: number): number {
  return heap[i]?.completedAt ?? Number.POSITIVE_INFINITY;
}

export function buildFeatureTable(input: readonly RunRecord[]): FeatureTable {
  const runs = sortByCreation(input);
  const featureCount = FEATURES.length;
  const values = new Float64Array(runs.length * featureCount);
  const histories: Histories = new Map();
  const pending = new CompletionQueue();
  let start = 0;
  while (start < runs.length) {
    const time = runs[start]?.createdAt ?? 0;
    let end = start;
    while (end < runs.length && runs[end]?.createdAt === time) end++;
    for (const done of pending.popBefore(time)) {
      const outcome = outcomeOf(done.conclusion);
      for (const key of keysOf(done)) historyOf(histories, key).noteFinished(done.createdAt, outcome, done.sha);
    }
    for (let i = start; i < end; i++) {
      const context = contextOf(histories, runs[i] as RunRecord);
      // float32, as ONNX reads its input: JS scoring, SHAP and onnxruntime then see identical values.
      for (let j = 0; j < featureCount; j++) values[i * featureCount + j] = Math.fround(FEATURES[j]?.value(context) ?? Number.NaN);
    }
    for (let i = start; i < end; i++) {
      const run = runs[i] as RunRecord;
      for (const key of keysOf(run)) historyOf(histories, key).noteStarted();
      if (run.completedAt !== undefined) pending.push(run);
    }
    start = end;
  }
  return { runs, values, featureCount };
}
