// Retraining the failure model on one repository's own history, and the rule for using it: the repository model replaces
// the default only when it beats the default on the same time-ordered held-out runs (the newest 20 % of finished
// success/failure runs, which neither model was fitted or calibrated on): higher F1 on failures, or equal F1 and a
// lower Brier score.
import { applyCalibration } from '../calibration';
import { classificationReport, type ClassificationReport } from '../metrics';
import type { RunRecord } from '../runs/runRecord';
import { predictMargin } from '../scoreTreeEnsemble';
import type { FailureModel } from './failureModel';
import { buildFeatureTable } from './features';
import { selectRows, timeSplit } from './timeSplit';
import { trainFailureModel, type TrainingReport } from './trainFailureModel';
import type { TrainingProgress } from '../gbdt/trainGbdt';

export interface RetrainComparison {
  readonly heldOutRuns: number;
  readonly repo: ClassificationReport;
  readonly default: ClassificationReport;
}

export type RetrainOutcome =
  | { readonly ok: true; readonly model: FailureModel; readonly report: TrainingReport; readonly comparison: RetrainComparison; readonly beatsDefault: boolean }
  | { readonly ok: false; readonly error: string };

/** The default model's calibrated probabilities on table rows. */
function scoreRows(model: FailureModel, values: Float64Array, rowCount: number): Float64Array {
  const f = model.ensemble.featureNames.length;
  return Float64Array.from({ length: rowCount }, (_, i) => {
    const p = 1 / (1 + Math.exp(-predictMargin(model.ensemble, values.subarray(i * f, (i + 1) * f))));
    return applyCalibration(model.calibration, p);
  });
}

export function beats(candidate: ClassificationReport, incumbent: ClassificationReport): boolean {
  if (candidate.f1 !== incumbent.f1) return candidate.f1 > incumbent.f1;
  return candidate.brier < incumbent.brier;
}

export function retrainOnRepoHistory(runs: readonly RunRecord[], defaultModel: FailureModel, options: { readonly now?: Date; readonly onProgress?: (p: TrainingProgress) => void } = {}): RetrainOutcome {
  const trained = trainFailureModel(runs, { ...(options.now ? { now: options.now } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (!trained.ok) return trained;
  const table = buildFeatureTable(runs);
  const test = selectRows(table, timeSplit(table).test);
  const defaultReport = classificationReport(test.labels, scoreRows(defaultModel, test.values, test.rowCount), defaultModel.threshold);
  const comparison = { heldOutRuns: test.rowCount, repo: trained.value.report.test, default: defaultReport };
  return { ok: true, model: trained.value.model, report: trained.value.report, comparison, beatsDefault: beats(comparison.repo, comparison.default) };
}

export function comparisonText(c: RetrainComparison): string {
  const f = (r: ClassificationReport): string => `F1 ${r.f1.toFixed(2)}, recall ${r.recall.toFixed(2)}, Brier ${r.brier.toFixed(3)}`;
  return `on the newest ${c.heldOutRuns} finished runs: repository model ${f(c.repo)}; default model ${f(c.default)}`;
}
