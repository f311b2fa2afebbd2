// The repository calibrations the editor uses: one for workflow risks (fitted on the history's finished runs) and one for
// job risks (on its job results), each for the model that scores them, refitted whenever the history or a model changes.
// Also the words the Model section shows about them.
import type { EvidenceMinimums } from './adoptionEvidence';
import { calibrationPoints } from './calibrationPoints';
import type { FailureModel } from './failureModel';
import { buildFeatureTable } from './features';
import { jobTrainingTable } from './jobTrainingTable';
import { fitRepoCalibration, isCalibratedOnRepository, type RepoCalibration } from './repoCalibration';
import type { RunRecord } from '../runs/runRecord';

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
  return {
    runs: fitRepoCalibration(calibrationPoints(workflowModel, buildFeatureTable(history))),
    jobs: fitRepoCalibration(calibrationPoints(jobModel, jobTrainingTable(history))),
  };
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
