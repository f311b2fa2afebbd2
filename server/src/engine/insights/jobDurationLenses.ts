// Duration CodeLens on each job of a workflow: "median 12m 40s · p90 18m · +35% over last 30 runs", from every run of
// that workflow file the watcher has jobs for (matrix legs pooled under their job). Shown once a job has finished at
// least MIN_SAMPLES times: a median of one run is an anecdote.
import type { PipelineRun } from '../../../../protocol/pipelineRuns';
import type { Position } from '../findings';
import { findRunJob } from '../github/api/runLocations';
import { workflowModel } from '../github/workflowModel';
import { nodeRange } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { durationLine } from './durationText';
import { summarise } from './durations';

const MIN_SAMPLES = 3;
const TREND_RUNS = 30;

export interface JobDurationLens {
  readonly position: Position;
  readonly title: string;
}

export function jobDurationLenses(yaml: ParsedYaml, workflowPath: string, runs: readonly PipelineRun[]): JobDurationLens[] {
  const model = workflowModel(yaml);
  if (!model) return [];
  // Oldest first, so the trend's x axis is run order.
  const ofWorkflow = runs.filter((r) => r.path?.split('@')[0] === workflowPath && r.jobs !== null).sort((a, b) => a.created_at.localeCompare(b.created_at));
  const lenses: JobDurationLens[] = [];
  for (const job of model.jobs) {
    const points: { x: number; y: number }[] = [];
    ofWorkflow.forEach((run, x) => {
      for (const apiJob of run.jobs ?? []) {
        if (apiJob.status !== 'completed' || (apiJob.conclusion !== 'success' && apiJob.conclusion !== 'failure')) continue;
        if (!apiJob.started_at || !apiJob.completed_at || findRunJob(model.jobs, apiJob.name) !== job) continue;
        const seconds = (Date.parse(apiJob.completed_at) - Date.parse(apiJob.started_at)) / 1000;
        if (Number.isFinite(seconds) && seconds >= 0) points.push({ x, y: seconds });
      }
    });
    if (points.length < MIN_SAMPLES) continue;
    lenses.push({ position: nodeRange(yaml.lines, job.keyNode).start, title: `$(clock) ${durationLine(summarise(points, TREND_RUNS))}` });
  }
  return lenses;
}
