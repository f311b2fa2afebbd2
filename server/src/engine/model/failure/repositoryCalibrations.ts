// The repository calibrations the editor uses: one for workflow risks (fitted on the history's finished runs) and one for
// job risks (on its job results), each for the model that scores them, refitted whenever the history or a model changes;
// each carries the repository's record and its weight against the model (fitRiskInUse.ts). The history should be the
// newest CALIBRATION_HISTORY_RUNS runs: the replay of `preflight evaluate` (asUsedReplay.ts) assumes as much. Also the
// words the Model section shows about them.
import type { EvidenceMinimums } from './adoptionEvidence';
import { finishedResults } from './calibrationPoints';
import type { FailureModel } from './failureModel';
import { buildFeatureTable } from './features';
import { fitRiskInUse } from './fitRiskInUse';
import { jobTrainingTable } from './jobTrainingTable';
import { isCalibratedOnRepository, type RepoCalibration } from './repoCalibration';
import type { RunRecord } from '../runs/runRecord';
import { TRAINING_HISTORY } from '../runs/repoRunHistory';

/**
 * Runs of history (newest first, any outcome) the calibrations should be fitted on: as many as retraining reads. With
 * the lens's 200, a repository that fails one run in fifteen has too few failures to calibrate on, and the record and
 * its weight start over every few weeks (measured in docs/model-card.md).
 */
export const CALIBRATION_HISTORY_RUNS = TRAINING_HISTORY.maxPages * 100;

export interface RepositoryCalibrations {
  readonly runs: RepoCalibration;
  readonly jobs: RepoCalibration;
}

/** Fits both maps: `workflowModel` on the runs, `jobModel` (the job model in use, else the workflow model) on job results. */
export function fitRepositoryCalibrations(
  history: readonly RunRecord[],
  workflowModel: FailureModel,
  jobModel: FailureModel,
): RepositoryCalibrations {
  const fit = (model: FailureModel, table: ReturnType<typeof buildFeatureTable>): RepoCalibration =>
    fitRiskInUse(finishedResults(model, table), model.training.failureRate);
  return { runs: fit(workflowModel, buildFeatureTable(history)), jobs: fit(jobModel, jobTrainingTable(history)) };
}

/**
 * "Calibrated on acme/ml: 412 finished runs the model never learned from (53 failures)", or why not yet: the Model
 * section says whether its percentages mean what they say here.
 */
export function calibrationNote(
  calibration: RepoCalibration,
  minimums: EvidenceMinimums,
  repository: string,
  rows: string,
): string {
  const counted = `${calibration.results} ${rows} the model never learned from (${calibration.failures} failure${calibration.failures === 1 ? '' : 's'})`;
  return isCalibratedOnRepository(calibration, minimums)
    ? `Calibrated on ${repository}: ${counted}.`
    : `Not calibrated on ${repository} yet: ${counted}; at least ${minimums.results} with ${minimums.failures} failures are needed. Risks show as bands until then.`;
}
