// The model's figures as the extension would have shown them on this history: replayed in time order, each run's risk
// is the model's probability through the repository calibration fitted on the runs that had FINISHED before that run was
// created (and that the model never learned from), shrunk on a thin workflow history (riskInUse.ts), exactly as the
// editor computes a lens. Nothing is fitted on a run before it is predicted. Also counts how often the editor would have
// shown a band instead of a percentage.
import { classificationReport, type ClassificationReport } from '../metrics';
import { isLabelled } from '../runs/runRecord';
import type { EvidenceMinimums } from './adoptionEvidence';
import { previousFailedOf } from './baselines';
import { learnedUntil } from './calibrationPoints';
import type { FailureModel } from './failureModel';
import type { FeatureTable } from './features';
import { fitRepoCalibration, SHIPPED_CALIBRATION, type CalibrationPoint } from './repoCalibration';
import { riskAsUsed, riskShown, type RiskUse } from './riskInUse';

export interface AsUsedReport {
  /** Each evaluated run's risk as the editor would have shown it, in the order of `rows`. */
  readonly probabilities: Float64Array;
  /** Quality of those risks over every evaluated run. */
  readonly report: ClassificationReport;
  /** The runs predicted once at least `warmUp` results were in the calibration. */
  readonly afterWarmUp: {
    readonly warmUp: number;
    readonly report: ClassificationReport | undefined;
    /** Which of the evaluated runs (indices into `rows`) these are, to score a baseline on the same runs. */
    readonly runs: readonly number[];
  };
  /** Share of predictions the editor would have shown as a band (calibration or workflow history too thin). */
  readonly bandShare: number;
  /** Calibration refits during the replay. */
  readonly refits: number;
}

export interface AsUsedOptions {
  readonly minimums: EvidenceMinimums;
  /** Results in the calibration before a run's figures count as "after warm-up" (default 300: a few hundred). */
  readonly warmUp?: number;
}

/**
 * `rows`: table rows to evaluate, in time order; `probabilities`: the model's own (calibrated) probability for each.
 * The calibration is refitted whenever its pool has grown by a twentieth (at least 5 results) since the last fit, which
 * keeps the replay near-linear and moves no figure by more than the editor's refit on every finished run would.
 */
export function replayAsUsed(
  model: FailureModel,
  table: FeatureTable,
  rows: Int32Array,
  probabilities: ArrayLike<number>,
  options: AsUsedOptions,
): AsUsedReport {
  const warmUp = options.warmUp ?? 300;
  const f = table.featureCount;
  const after = learnedUntil(model);
  const probabilityOf = new Map<number, number>();
  rows.forEach((r, k) => probabilityOf.set(r, probabilities[k] ?? 0));
  // Every labelled run, by the time its outcome became known.
  const finished = table.runs
    .map((run, i) => ({ run, i }))
    .filter(({ run }) => isLabelled(run) && run.completedAt !== undefined)
    .sort((a, b) => (a.run.completedAt ?? 0) - (b.run.completedAt ?? 0));
  let next = 0;
  const pool: CalibrationPoint[] = [];
  const workflowRuns = new Map<string, number>();
  const workflowKey = (i: number): string => {
    const run = table.runs[i];
    return `${run?.repo ?? ''}\u0000${run?.workflowId ?? ''}`;
  };
  let use: RiskUse = {
    calibration: SHIPPED_CALIBRATION,
    minimums: options.minimums,
    repository: 'the repository',
    trainingFailureRate: model.training.failureRate,
  };
  let fittedOn = 0;
  let refits = 0;
  let bands = 0;
  const labels = new Uint8Array(rows.length);
  const asUsed = new Float64Array(rows.length);
  const warm: number[] = [];
  rows.forEach((r, k) => {
    const createdAt = table.runs[r]?.createdAt ?? 0;
    for (; next < finished.length && (finished[next]?.run.completedAt ?? 0) < createdAt; next++) {
      const { run, i } = finished[next] as (typeof finished)[number];
      const key = workflowKey(i);
      workflowRuns.set(key, (workflowRuns.get(key) ?? 0) + 1);
      const p = probabilityOf.get(i);
      if (p !== undefined && run.createdAt > after)
        pool.push({
          p,
          previousFailed: previousFailedOf(table.values.subarray(i * f, (i + 1) * f)),
          failed: run.conclusion === 'failure' ? 1 : 0,
        });
    }
    if (pool.length >= fittedOn + Math.max(5, fittedOn / 20)) {
      use = { ...use, calibration: fitRepoCalibration(pool) };
      fittedOn = pool.length;
      refits++;
    }
    const subjectRuns = workflowRuns.get(workflowKey(r)) ?? 0;
    const row = table.values.subarray(r * f, (r + 1) * f);
    const q = riskAsUsed(use, probabilities[k] ?? 0, previousFailedOf(row), subjectRuns);
    asUsed[k] = q;
    labels[k] = table.runs[r]?.conclusion === 'failure' ? 1 : 0;
    if (riskShown(use, q, subjectRuns, 'workflow').kind === 'band') bands++;
    if (use.calibration.results >= warmUp) warm.push(k);
  });
  const report = classificationReport(labels, asUsed, model.threshold);
  const warmReport =
    warm.length > 0
      ? classificationReport(
          warm.map((k) => labels[k] ?? 0),
          warm.map((k) => asUsed[k] ?? 0),
          model.threshold,
        )
      : undefined;
  return {
    probabilities: asUsed,
    report,
    afterWarmUp: { warmUp, report: warmReport, runs: warm },
    bandShare: rows.length > 0 ? bands / rows.length : 0,
    refits,
  };
}
