// The watcher's runs (protocol PipelineRun, as the panel shows them) as run history in the API's shape, so the editor's
// graph, lenses and duration model read the same history the CLI reads from `gh api` exports.
import type { PipelineRun } from '../../../../protocol/pipelineRuns';
import type { WorkflowJob, WorkflowRun } from '../../../../shared/githubApi';

export interface SnapshotHistory {
  readonly runs: readonly WorkflowRun[];
  readonly jobs: readonly WorkflowJob[];
}

/** Only runs of `workflowPath` (repository-relative; the snapshot's paths carry no `@ref`) whose jobs the watcher fetched. */
export function snapshotHistory(runs: readonly PipelineRun[], workflowPath: string): SnapshotHistory {
  const ofWorkflow = runs.filter((r) => r.path === workflowPath && r.jobs !== null);
  return {
    runs: ofWorkflow.map((r): WorkflowRun => ({
      id: r.id,
      name: r.name,
      run_number: r.run_number,
      ...(r.run_attempt === null ? {} : { run_attempt: r.run_attempt }),
      event: r.event,
      status: r.status,
      conclusion: r.conclusion as WorkflowRun['conclusion'],
      workflow_id: r.workflow_id,
      path: workflowPath,
      head_branch: r.head_branch,
      head_sha: r.head_sha,
      created_at: r.created_at,
      updated_at: r.updated_at,
      ...(r.run_started_at === null ? {} : { run_started_at: r.run_started_at }),
      html_url: r.html_url,
    })),
    jobs: ofWorkflow.flatMap((r) =>
      (r.jobs ?? []).map((j): WorkflowJob => ({
        id: j.id,
        run_id: j.run_id,
        ...(j.run_attempt === null ? {} : { run_attempt: j.run_attempt }),
        name: j.name,
        status: j.status,
        conclusion: j.conclusion,
        created_at: r.created_at,
        // The API's type says started_at is always set; a queued job's missing time reads as NaN in the history, as there.
        started_at: j.started_at ?? '',
        completed_at: j.completed_at,
        html_url: j.html_url,
        head_sha: r.head_sha,
        head_branch: r.head_branch,
        labels: j.labels,
        runner_name: j.runner_name,
        steps: j.steps,
      })),
    ),
  };
}
