// The rule every failure model must beat: "predict failure if the previous run of this workflow failed". Two readings:
// as known when the run starts (previous FINISHED run; what a real predictor can use), and the README's/issue's reading
// (previous run by creation time, even if it was still running: it peeks at outcomes not yet known, so it flatters the rule).
import { isLabelled } from '../runs/runRecord';
import type { FeatureTable } from './features';
import { FEATURE_NAMES } from './featureSpecs';

/** The feature that holds the previous finished outcome of the same workflow (of the job, in a job table). */
const PREVIOUS_FAILED_COLUMN = FEATURE_NAMES.indexOf('workflow_prev_failed');

/** 1 when a feature row's previous finished run failed; 0 when it succeeded or there is none. */
export function previousFailedOf(row: ArrayLike<number>): number {
  return row[PREVIOUS_FAILED_COLUMN] === 1 ? 1 : 0;
}

/** 1 where the previous finished run of the workflow failed, per table row. */
export function previousFinishedFailed(table: FeatureTable, rows: Int32Array): Uint8Array {
  const f = table.featureCount;
  return Uint8Array.from(rows, (r) => previousFailedOf(table.values.subarray(r * f, (r + 1) * f)));
}

/** 1 where the previous labelled run of the same (repo, workflow) by creation time failed. */
export function previousCreatedFailed(table: FeatureTable, rows: Int32Array): Uint8Array {
  const last = new Map<string, string>();
  const byRow = new Uint8Array(table.runs.length);
  table.runs.forEach((run, i) => {
    if (!isLabelled(run)) return;
    const key = `${run.repo}\u0000${run.workflowId}`;
    byRow[i] = last.get(key) === 'failure' ? 1 : 0;
    last.set(key, run.conclusion);
  });
  return Uint8Array.from(rows, (r) => byRow[r] ?? 0);
}
