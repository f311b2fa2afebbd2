// Next-run durations for the jobs of one workflow file from the runs the editor's watcher holds: the same model and
// explanations as `preflight insights`, trained on that history; none when it is too short to train on, or when the
// model is only the baseline (the lens already shows the median).
import type { PipelineRun } from '../../../../../protocol/pipelineRuns';
import { buildRunHistory } from '../../history/runHistory';
import { snapshotHistory } from '../../history/snapshotHistory';
import { predictNextDurations, type DurationPrediction } from './predictDurations';
import { trainDurationModel } from './trainDurationModel';

export async function predictWorkflowDurations(
  runs: readonly PipelineRun[],
  workflowPath: string,
  at: number,
): Promise<readonly DurationPrediction[]> {
  const { runs: apiRuns, jobs } = snapshotHistory(runs, workflowPath);
  const history = buildRunHistory(apiRuns, jobs);
  const trained = trainDurationModel(history);
  return trained.ok && !trained.value.evaluation.fallback ? predictNextDurations(trained.value, history, at) : [];
}
