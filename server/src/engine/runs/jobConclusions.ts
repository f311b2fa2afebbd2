// The latest result of each job of a workflow, for CodeLens on the job's line: from the newest run of that workflow file
// the watcher has jobs for. Matrix and reusable-workflow jobs (several API jobs for one `jobs:` entry) are summarised.
import type { PipelineJob, PipelineRun } from '../../../../protocol/pipelineRuns';
import { failedByItself, rerunAsFailed } from '../../../../protocol/runsView';
import type { Position } from '../findings';
import { workflowModel } from '../github/workflowModel';
import { nodeRange } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { runJobFinder } from './runLocations';

export interface JobConclusionLens {
  readonly position: Position;
  /** With a codicon, e.g. "$(error) failure · Train #12". */
  readonly title: string;
  readonly runId: number;
  readonly jobIds: readonly number[];
  /** The first of them that failed by itself (not cancelled): the one "Explain failure" reads the log of. */
  readonly failedJobId: number | undefined;
}

const ICONS: Record<string, string> = {
  success: '$(pass)',
  failure: '$(error)',
  cancelled: '$(circle-slash)',
  skipped: '$(debug-step-over)',
  timed_out: '$(watch)',
};

function summary(jobs: readonly PipelineJob[]): string {
  const running = jobs.filter((j) => j.status !== 'completed');
  if (running.length > 0)
    return `$(sync) ${running.some((j) => j.status === 'in_progress') ? 'in progress' : 'queued'}`;
  const failed = jobs.filter((j) => rerunAsFailed(j.conclusion));
  if (jobs.length > 1 && failed.length > 0) return `$(error) ${failed.length} of ${jobs.length} failed`;
  const conclusion = jobs[0]?.conclusion ?? 'unknown';
  return `${ICONS[conclusion] ?? '$(question)'} ${conclusion}`;
}

export function jobConclusionLenses(
  yaml: ParsedYaml,
  workflowPath: string,
  runs: readonly PipelineRun[],
): JobConclusionLens[] {
  const run = runs.find((r) => r.path === workflowPath && r.jobs !== null);
  const model = workflowModel(yaml);
  if (!run || !model) return [];
  const jobOf = runJobFinder(model.jobs);
  const lenses: JobConclusionLens[] = [];
  for (const job of model.jobs) {
    const apiJobs = (run.jobs ?? []).filter((j) => jobOf(j.name) === job);
    if (apiJobs.length === 0) continue;
    lenses.push({
      position: nodeRange(yaml.lines, job.keyNode).start,
      title: `${summary(apiJobs)} · ${run.name ?? 'run'} #${run.run_number}${(run.run_attempt ?? 1) > 1 ? ` (attempt ${run.run_attempt ?? 1})` : ''}`,
      runId: run.id,
      jobIds: apiJobs.map((j) => j.id),
      failedJobId: apiJobs.find(
        (j) => j.status === 'completed' && j.conclusion !== null && failedByItself(j.conclusion),
      )?.id,
    });
  }
  return lenses;
}
