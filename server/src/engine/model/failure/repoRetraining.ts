// Retraining the failure model on one repository's own history, and the rule for using it: a retrained model replaces
// the incumbent only when it beats it on the same time-ordered held-out rows (the newest 20 % of finished
// success/failure results, which neither model was fitted or calibrated on): higher F1 on failures, or equal F1 and a
// lower Brier score. Two models are retrained: one on the runs (the workflow lens, incumbent: the default model) and
// one on the jobs of those runs (the job lenses, incumbent: the workflow-level model that scores jobs otherwise).
import { classificationReport, type ClassificationReport } from '../metrics';
import type { RunRecord } from '../runs/runRecord';
import type { FailureModel } from './failureModel';
import { buildFeatureTable, type FeatureTable } from './features';
import { jobTrainingTable } from './jobTrainingTable';
import { calibratedProbabilities } from './scoreRows';
import { selectRows, timeSplit } from './timeSplit';
import { trainFailureModelOnTable, type TrainingReport } from './trainFailureModel';
import type { TrainingProgress } from '../gbdt/trainGbdt';

export interface RetrainComparison {
  readonly heldOutRuns: number;
  /** The retrained model and the one it would replace, on the same held-out rows. */
  readonly repo: ClassificationReport;
  readonly incumbent: ClassificationReport;
}

export type RetrainOutcome =
  | {
      readonly ok: true;
      readonly model: FailureModel;
      readonly report: TrainingReport;
      readonly comparison: RetrainComparison;
      readonly beatsIncumbent: boolean;
    }
  | { readonly ok: false; readonly error: string };

export function beats(candidate: ClassificationReport, incumbent: ClassificationReport): boolean {
  if (candidate.f1 !== incumbent.f1) return candidate.f1 > incumbent.f1;
  return candidate.brier < incumbent.brier;
}

export interface RetrainOptions {
  readonly now?: Date;
  readonly onProgress?: (p: TrainingProgress) => void;
}

/** Trains on the table and compares the result with the incumbent on the table's newest 20 % (neither model saw them). */
function retrainOnTable(table: FeatureTable, incumbent: FailureModel, options: RetrainOptions): RetrainOutcome {
  const trained = trainFailureModelOnTable(table, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!trained.ok) return trained;
  const test = selectRows(table, timeSplit(table).test);
  const incumbentReport = classificationReport(
    test.labels,
    calibratedProbabilities(incumbent, test.values, test.rowCount),
    incumbent.threshold,
  );
  const comparison = { heldOutRuns: test.rowCount, repo: trained.value.report.test, incumbent: incumbentReport };
  return {
    ok: true,
    model: trained.value.model,
    report: trained.value.report,
    comparison,
    beatsIncumbent: beats(comparison.repo, comparison.incumbent),
  };
}

/** The workflow-level model retrained on the repository's runs, against the default model. */
export function retrainOnRepoHistory(
  runs: readonly RunRecord[],
  defaultModel: FailureModel,
  options: RetrainOptions = {},
): RetrainOutcome {
  return retrainOnTable(buildFeatureTable(runs), defaultModel, options);
}

/**
 * A job-level model retrained on the jobs of the repository's runs, against `incumbent`: the workflow-level model that
 * scores jobs otherwise (the repository's when it won, else the default), on the same held-out job results.
 */
export function retrainJobsOnRepoHistory(
  runs: readonly RunRecord[],
  incumbent: FailureModel,
  options: RetrainOptions = {},
): RetrainOutcome {
  return retrainOnTable(jobTrainingTable(runs), incumbent, options);
}

/** "on the newest 120 finished runs: repository model F1 …; default model F1 …" (`words` name the rows and the two models). */
export function comparisonText(
  c: RetrainComparison,
  words: { readonly rows: string; readonly repo: string; readonly incumbent: string } = {
    rows: 'finished runs',
    repo: 'repository model',
    incumbent: 'default model',
  },
): string {
  const f = (r: ClassificationReport): string =>
    `F1 ${r.f1.toFixed(2)}, recall ${r.recall.toFixed(2)}, Brier ${r.brier.toFixed(3)}`;
  return `on the newest ${c.heldOutRuns} ${words.rows}: ${words.repo} ${f(c.repo)}; ${words.incumbent} ${f(c.incumbent)}`;
}
