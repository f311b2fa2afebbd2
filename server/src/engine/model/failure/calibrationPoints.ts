// The points a repository calibration is fitted on: each finished success/failure run (or job result) of the history that
// the model never learned from (created after its training data ended), with the model's probability for it as it
// would have been predicted then (features replay history in time order), the previous outcome, and what happened.
// The risk in use (fitRiskInUse.ts) reads every finished result, with those times and its subject.
import { isLabelled } from '../runs/runRecord';
import type { FailureModel } from './failureModel';
import type { FeatureTable } from './features';
import { previousFailedOf } from './baselines';
import { subjectOf, type FinishedResult } from './fitRiskInUse';
import type { CalibrationPoint } from './repoCalibration';
import { calibratedProbabilities } from './scoreRows';

/** When the model's training data ended: runs created later were never learned from. */
export function learnedUntil(model: FailureModel): number {
  const to = Date.parse(model.training.to);
  return Number.isFinite(to) ? to : Number.NEGATIVE_INFINITY;
}

/** The points of the table's labelled rows (or of `among` only) created after the model's training data ended. */
export function calibrationPoints(
  model: FailureModel,
  table: FeatureTable,
  among?: ArrayLike<number>,
): CalibrationPoint[] {
  const after = learnedUntil(model);
  const f = table.featureCount;
  const rows: number[] = [];
  const candidates = among ?? Array.from(table.runs, (_, i) => i);
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k] ?? 0;
    const run = table.runs[i];
    if (run && isLabelled(run) && run.createdAt > after) rows.push(i);
  }
  const values = new Float32Array(rows.length * f);
  rows.forEach((r, k) => {
    values.set(table.values.subarray(r * f, (r + 1) * f), k * f);
  });
  const p = calibratedProbabilities(model, values, rows.length);
  return rows.map((r, k) => ({
    p: p[k] ?? 0,
    previousFailed: previousFailedOf(values.subarray(k * f, (k + 1) * f)),
    failed: table.runs[r]?.conclusion === 'failure' ? 1 : 0,
  }));
}

/**
 * A finished result of table row `i` (a success/failure run), with `p` the model's probability when the model never
 * learned from it. A run with no completion time is taken as known when it was created (a history fetched from GitHub
 * lists only finished outcomes).
 */
export function finishedResultOf(table: FeatureTable, i: number, p: number | undefined): FinishedResult | undefined {
  const run = table.runs[i];
  if (!run || !isLabelled(run)) return undefined;
  const f = table.featureCount;
  return {
    subject: subjectOf(run),
    createdAt: run.createdAt,
    completedAt: run.completedAt ?? run.createdAt,
    previousFailed: previousFailedOf(table.values.subarray(i * f, (i + 1) * f)),
    failed: run.conclusion === 'failure' ? 1 : 0,
    p,
  };
}

/** Every finished result of the table, scored by the model where it never learned from them. */
export function finishedResults(model: FailureModel, table: FeatureTable): FinishedResult[] {
  const after = learnedUntil(model);
  const unseen: number[] = [];
  table.runs.forEach((run, i) => {
    if (isLabelled(run) && run.createdAt > after) unseen.push(i);
  });
  const f = table.featureCount;
  const values = new Float32Array(unseen.length * f);
  unseen.forEach((r, k) => {
    values.set(table.values.subarray(r * f, (r + 1) * f), k * f);
  });
  const scored = calibratedProbabilities(model, values, unseen.length);
  const p = new Map(unseen.map((r, k) => [r, scored[k] ?? 0]));
  return table.runs.flatMap((_, i) => finishedResultOf(table, i, p.get(i)) ?? []);
}
