// GitHub's run/job/step objects -> the panel's view (protocol/pipelineRuns.ts): only the fields the panel shows, with
// absent optional fields made explicit nulls so the webview never guesses.
import type { PipelineJob, PipelineRun, PipelineStep } from '../../../../../protocol/pipelineRuns';
import type { WorkflowJob, WorkflowRun, WorkflowStep } from '../../../../../shared/githubApi';

export function toPipelineStep(step: WorkflowStep): PipelineStep {
  return {
    number: step.number,
    name: step.name,
    status: step.status,
    conclusion: step.conclusion,
    started_at: step.started_at ?? null,
    completed_at: step.completed_at ?? null,
  };
}

export function toPipelineJob(job: WorkflowJob): PipelineJob {
  return {
    id: job.id,
    run_id: job.run_id,
    run_attempt: job.run_attempt ?? null,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    // GitHub sends started_at even for queued jobs; it only means something once the job runs.
    started_at: job.status === 'queued' ? null : job.started_at,
    completed_at: job.completed_at,
    html_url: job.html_url,
    labels: [...job.labels],
    runner_name: job.runner_name ?? null,
    steps: (job.steps ?? []).map(toPipelineStep),
  };
}

export function toPipelineRun(run: WorkflowRun, jobs: readonly WorkflowJob[] | null): PipelineRun {
  return {
    id: run.id,
    name: run.name ?? null,
    run_number: run.run_number,
    run_attempt: run.run_attempt ?? null,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    // Reusable-workflow runs carry `@ref` (`ci.yml@refs/heads/main`); the panel opens the file, so keep the path only.
    path: run.path ? (run.path.split('@')[0] ?? null) : null,
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    display_title: run.display_title ?? null,
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.run_started_at ?? null,
    html_url: run.html_url,
    actor: run.actor?.login ?? null,
    triggering_actor: run.triggering_actor?.login ?? null,
    jobs: jobs === null ? null : jobs.map(toPipelineJob),
  };
}

/** A run that GitHub may still change by itself (the watcher polls fast while one exists). */
export function isActive(run: { readonly status: string | null }): boolean {
  return run.status !== 'completed' && run.status !== null;
}
