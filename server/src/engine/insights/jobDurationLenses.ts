// Duration CodeLens on each job of a workflow: "median 12m 40s · p90 18m · +35% over last 30 runs", from every run of
// that workflow file the watcher has jobs for (matrix legs pooled under their job). Shown once a job has finished at
// least MIN_SAMPLES times: a median of one run is an anecdote. When the duration model could be trained on that history,
// the lens adds its prediction for the next run (the slowest leg of a matrix) and the tooltip says why.
import type { PipelineRun } from '../../../../protocol/pipelineRuns';
import type { Position } from '../findings';
import { workflowModel } from '../github/workflowModel';
import type { DurationPrediction } from '../model/duration/predictDurations';
import { runJobFinder } from '../runs/runLocations';
import { nodeRange } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { durationLine, formatDuration } from './durationText';
import { summarise } from './durations';

const MIN_SAMPLES = 3;
const TREND_RUNS = 30;

export interface JobDurationLens {
  readonly position: Position;
  readonly title: string;
  /** The prediction's reasons, when there is a prediction. */
  readonly tooltip?: string;
}

function predictionTooltip(p: DurationPrediction): string {
  const signed = (s: number): string => `${s >= 0 ? '+' : '−'}${formatDuration(Math.abs(s))}`;
  return [
    `Next run of ${p.job}: about ${formatDuration(p.predictedSeconds)} (median of the last 10 runs: ${formatDuration(p.recentMedianSeconds)})`,
    ...p.topFactors.map((f) => `${f.reason}: ${signed(f.seconds)}`),
  ].join('\n');
}

export function jobDurationLenses(
  yaml: ParsedYaml,
  workflowPath: string,
  runs: readonly PipelineRun[],
  predictions: readonly DurationPrediction[] = [],
): JobDurationLens[] {
  const model = workflowModel(yaml);
  if (!model) return [];
  // Oldest first, so the trend's x axis is run order.
  const ofWorkflow = runs
    .filter((r) => r.path === workflowPath && r.jobs !== null)
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
  const jobOf = runJobFinder(model.jobs);
  const lenses: JobDurationLens[] = [];
  for (const job of model.jobs) {
    const points: { x: number; y: number }[] = [];
    ofWorkflow.forEach((run, x) => {
      for (const apiJob of run.jobs ?? []) {
        if (apiJob.status !== 'completed' || (apiJob.conclusion !== 'success' && apiJob.conclusion !== 'failure'))
          continue;
        if (!apiJob.started_at || !apiJob.completed_at || jobOf(apiJob.name) !== job) continue;
        const seconds = (Date.parse(apiJob.completed_at) - Date.parse(apiJob.started_at)) / 1000;
        if (Number.isFinite(seconds) && seconds >= 0) points.push({ x, y: seconds });
      }
    });
    if (points.length < MIN_SAMPLES) continue;
    const slowest = predictions
      .filter((p) => jobOf(p.job) === job)
      .sort((a, b) => b.predictedSeconds - a.predictedSeconds)[0];
    const next = slowest ? ` · next ≈ ${formatDuration(slowest.predictedSeconds)}` : '';
    lenses.push({
      position: nodeRange(yaml.lines, job.keyNode).start,
      title: `$(clock) ${durationLine(summarise(points, TREND_RUNS))}${next}`,
      ...(slowest ? { tooltip: predictionTooltip(slowest) } : {}),
    });
  }
  return lenses;
}
