// Retraining the failure model on one repository's own history, and the rule for using it: a retrained model replaces
// the incumbent only on evidence (adoptionEvidence.ts): on the same time-ordered held-out results (the newest 20 % of
// finished success/failure results, which neither model was fitted or calibrated on), enough of them to measure, and a
// Brier improvement whose 95 % interval excludes none. The incumbent is judged as the editor uses it, with its
// repository calibration fitted on the results before the held-out ones. Two models are retrained: one on the runs (the workflow lens,
// incumbent: the default model) and one on the jobs of those runs (the job lenses, incumbent: the workflow-level model
// that scores jobs otherwise).
import { classificationReport, type ClassificationReport } from '../metrics';
import {
  comparePaired,
  comparisonText,
  DEFAULT_EVIDENCE_MINIMUMS,
  type ComparisonWords,
  type EvidenceMinimums,
  type PairedComparison,
} from './adoptionEvidence';
import type { RunRecord } from '../runs/runRecord';
import type { FailureModel } from './failureModel';
import { buildFeatureTable, type FeatureTable } from './features';
import { jobTrainingTable } from './jobTrainingTable';
import { calibratedProbabilities } from './scoreRows';
import { joinRows, selectRows, timeSplit, type TimeSplit } from './timeSplit';
import { previousFailedOf } from './baselines';
import { calibrationPoints } from './calibrationPoints';
import { applyRepoCalibration, fitRepoCalibration } from './repoCalibration';
import { trainFailureModelOnTable, type TrainingReport } from './trainFailureModel';
import type { TrainingProgress } from '../gbdt/trainGbdt';

export interface RetrainComparison {
  readonly heldOutRuns: number;
  /** The retrained model and the one it would replace, on the same held-out rows. */
  readonly repo: ClassificationReport;
  readonly incumbent: ClassificationReport;
  /** The paired Brier comparison that decides. */
  readonly paired: PairedComparison;
  readonly minimums: EvidenceMinimums;
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

export interface RetrainOptions {
  readonly now?: Date;
  readonly onProgress?: (p: TrainingProgress) => void;
  /** How many held-out results a replacement must be judged on (settings `preflight.risk.evidence.*`). */
  readonly evidence?: EvidenceMinimums;
}

/**
 * The incumbent as the editor uses it on the held-out rows: calibrated on the repository's results before them (those
 * it never learned from, repoCalibration.ts), so a candidate must beat what the user already sees, not the raw model.
 */
function incumbentAsUsed(
  incumbent: FailureModel,
  table: FeatureTable,
  split: TimeSplit,
  test: ReturnType<typeof selectRows>,
): Float64Array {
  const calibration = fitRepoCalibration(calibrationPoints(incumbent, table, joinRows(split.train, split.valid)));
  const f = table.featureCount;
  return calibratedProbabilities(incumbent, test.values, test.rowCount).map((p, k) =>
    applyRepoCalibration(calibration, p, previousFailedOf(test.values.subarray(k * f, (k + 1) * f))),
  );
}

/** Trains on the table and compares the result with the incumbent on the table's newest 20 % (neither model saw them). */
function retrainOnTable(table: FeatureTable, incumbent: FailureModel, options: RetrainOptions): RetrainOutcome {
  const trained = trainFailureModelOnTable(table, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!trained.ok) return trained;
  const split = timeSplit(table);
  const test = selectRows(table, split.test);
  const incumbentP = incumbentAsUsed(incumbent, table, split, test);
  const incumbentReport = classificationReport(test.labels, incumbentP, incumbent.threshold);
  const minimums = options.evidence ?? DEFAULT_EVIDENCE_MINIMUMS;
  const candidateP = trained.value.predictions.map((p) => p.probability);
  const paired = comparePaired(test.labels, candidateP, incumbentP, minimums);
  const comparison = {
    heldOutRuns: test.rowCount,
    repo: trained.value.report.test,
    incumbent: incumbentReport,
    paired,
    minimums,
  };
  return {
    ok: true,
    model: trained.value.model,
    report: trained.value.report,
    comparison,
    beatsIncumbent: paired.verdict === 'adopt',
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

/** How a workflow model's comparison names its results and models. */
export const RUN_WORDS: ComparisonWords = {
  rows: 'finished runs',
  candidate: 'repository model',
  incumbent: 'default model',
};

/** What was compared, on how many results, and the interval (adoptionEvidence.ts). */
export function retrainComparisonText(c: RetrainComparison, words: ComparisonWords = RUN_WORDS): string {
  return comparisonText(c.paired, words, c.minimums);
}
