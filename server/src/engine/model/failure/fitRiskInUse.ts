// What the editor makes of a model on one repository, fitted on the repository's finished results: the calibration map
// (repoCalibration.ts), the repository's own record after a failure and after a success (outcomeRecord.ts), and how much
// of the risk each gets.
//
// The weights follow the evidence: the results are replayed in the order they happened, and each result the model never
// learned from is predicted both ways as the editor would have done when its run was created (the map fitted on the
// results finished by then, the record of the results finished by then). Each forecaster's weight is exp(−η · its total
// Brier loss) (exponentially weighted averaging, η = 1/2: the Brier loss is exp-concave for η ≤ 1/2, so the blend's total
// loss is never more than 2·ln 2 ≈ 1.4 above the better forecaster's, on any sequence of results; Cesa-Bianchi & Lugosi,
// "Prediction, Learning, and Games", 2006, Thm 3.3). The record is the rule "the previous run failed" with honest
// rates, so where failures come in long streaks the risk in use follows them as well as the rule does, and where the
// model predicts better it soon carries almost all the weight. Before any result both count equally.
import {
  EMPTY_RECORD,
  recordRisk,
  withResult,
  type OutcomeRecord,
  type RecordBlend,
  type RepositoryRecord,
} from './outcomeRecord';
import {
  fitRepoCalibration,
  PRIOR_PRECISION,
  SHIPPED_CALIBRATION,
  type CalibrationPoint,
  type RepoCalibration,
} from './repoCalibration';
import { modelRiskAsUsed } from './riskInUse';
import type { RunRecord } from '../runs/runRecord';

/** One finished success/failure run (or job result) of the repository. */
export interface FinishedResult {
  /** subjectOf its run: the workflow (or the job of a workflow) it belongs to. */
  readonly subject: string;
  readonly createdAt: number;
  /** When its outcome became known. */
  readonly completedAt: number;
  /** 1 when the previous finished result of the same subject had failed (known when the run was created). */
  readonly previousFailed: number;
  readonly failed: number;
  /** The model's probability for it, when the model never learned from it (created after its training data ended). */
  readonly p: number | undefined;
}

/** The key of a run's subject: its workflow (a job's runs carry their job's workflow id: workflowRisk.ts jobHistory). */
export function subjectOf(run: Pick<RunRecord, 'repo' | 'workflowId'>): string {
  return `${run.repo}\u0000${run.workflowId}`;
}

/** η of the exponential weights (the largest for which the Brier loss is exp-concave). */
const LEARNING_RATE = 0.5;

/** The model's share of the risk from the two forecasters' total Brier losses on the same results. */
export function modelWeight(modelLoss: number, recordLoss: number): number {
  const logRatio = Math.max(-50, Math.min(50, LEARNING_RATE * (modelLoss - recordLoss)));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * Fits the risk in use on the finished results (any order): the map on those the model never learned from, the record
 * on all, and the weights from the two forecasts of each result the model never learned from.
 */
export function fitRiskInUse(results: readonly FinishedResult[], trainingFailureRate: number): RepoCalibration {
  const byCreation = [...results].sort((a, b) => a.createdAt - b.createdAt);
  const byCompletion = [...results].sort((a, b) => a.completedAt - b.completedAt);
  const forecasts = new Map<FinishedResult, readonly [number, number]>();
  const pool: CalibrationPoint[] = [];
  const subjects = new Map<string, OutcomeRecord>();
  const subjectRuns = new Map<string, number>();
  let overall = EMPTY_RECORD;
  let calibration = SHIPPED_CALIBRATION;
  let fittedOn = 0;
  let paired = 0;
  let pairedFailures = 0;
  let modelLoss = 0;
  let recordLoss = 0;
  let next = 0;
  /** Takes in every result known before `time`; a result forecast earlier is scored both ways. */
  const learnUntil = (time: number): void => {
    for (; next < byCompletion.length && (byCompletion[next]?.completedAt ?? 0) < time; next++) {
      const r = byCompletion[next] as FinishedResult;
      overall = withResult(overall, r.previousFailed, r.failed);
      subjects.set(r.subject, withResult(subjects.get(r.subject) ?? EMPTY_RECORD, r.previousFailed, r.failed));
      subjectRuns.set(r.subject, (subjectRuns.get(r.subject) ?? 0) + 1);
      if (r.p !== undefined) pool.push({ p: r.p, previousFailed: r.previousFailed, failed: r.failed });
      const forecast = forecasts.get(r);
      if (forecast) {
        paired++;
        pairedFailures += r.failed;
        modelLoss += (forecast[0] - r.failed) ** 2;
        recordLoss += (forecast[1] - r.failed) ** 2;
      }
    }
  };
  for (const r of byCreation) {
    if (r.p === undefined) continue;
    learnUntil(r.createdAt);
    // Refitted as the pool grows by a twentieth (at least 5 results): a refit per result would move nothing more.
    if (pool.length >= fittedOn + Math.max(5, fittedOn / 20)) {
      calibration = fitRepoCalibration(pool, PRIOR_PRECISION, calibration);
      fittedOn = pool.length;
    }
    const use = { calibration, trainingFailureRate };
    forecasts.set(r, [
      modelRiskAsUsed(use, r.p, r.previousFailed, subjectRuns.get(r.subject) ?? 0),
      recordRisk(overall, subjects.get(r.subject), r.previousFailed, trainingFailureRate),
    ]);
  }
  learnUntil(Number.POSITIVE_INFINITY);
  const blend: RecordBlend = {
    results: paired,
    failures: pairedFailures,
    modelBrier: paired > 0 ? modelLoss / paired : Number.NaN,
    recordBrier: paired > 0 ? recordLoss / paired : Number.NaN,
    modelWeight: modelWeight(modelLoss, recordLoss),
  };
  const record: RepositoryRecord = { overall, subjects, blend };
  return { ...fitRepoCalibration(pool, PRIOR_PRECISION, calibration), record };
}
