// API objects (server/src/engine/github/api/types.ts) into the panel's view model (protocol/runsView.ts). Values the
// view does not know (a conclusion GitHub adds later) become null rather than breaking the page's validation.
import {
  RUN_CONCLUSIONS,
  RUN_STATUSES,
  type JobView,
  type RunConclusionView,
  type RunStatusView,
  type RunView,
  type StepView,
} from '../../../protocol/runsView';
import type { WorkflowJob, WorkflowRun, WorkflowStep } from '../../../shared/githubApi';

/** The page accepts at most 2000 characters per text; GitHub titles can be whole commit messages. */
const MAX_TEXT = 2000;

function text(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
}

function status(value: string | null): RunStatusView {
  return (RUN_STATUSES as readonly (string | null)[]).includes(value) ? (value as RunStatusView) : 'queued';
}

function conclusion(value: string | null): RunConclusionView | null {
  return (RUN_CONCLUSIONS as readonly (string | null)[]).includes(value) ? (value as RunConclusionView) : null;
}

function time(value: string | null | undefined): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? value : null;
}

export function stepView(step: WorkflowStep): StepView {
  return {
    number: step.number,
    name: text(step.name),
    status: status(step.status),
    conclusion: conclusion(step.conclusion),
    startedAt: time(step.started_at),
    completedAt: time(step.completed_at),
  };
}

export function jobView(job: WorkflowJob): JobView {
  // Step numbers key the rows: keep the first of any repeats.
  const seen = new Set<number>();
  const steps = (job.steps ?? [])
    .filter((s) => s.number > 0 && !seen.has(s.number) && seen.add(s.number))
    .map(stepView);
  return {
    id: job.id,
    name: text(job.name),
    status: status(job.status),
    conclusion: conclusion(job.conclusion),
    startedAt: time(job.started_at),
    completedAt: time(job.completed_at),
    steps,
  };
}

/** The first line of the commit message, as GitHub titles a push run when display_title is missing. */
function title(run: WorkflowRun): string {
  const message = run.display_title ?? run.head_commit?.message ?? '';
  return text(message.split('\n')[0] ?? '');
}

export function runView(run: WorkflowRun, jobs: readonly WorkflowJob[] | undefined): RunView {
  const seen = new Set<number>();
  return {
    id: run.id,
    workflowName: text(run.name ?? run.path ?? `workflow ${run.workflow_id}`),
    title: title(run),
    headSha: text(run.head_sha),
    runNumber: Math.max(1, run.run_number),
    attempt: Math.max(1, run.run_attempt ?? 1),
    event: text(run.event),
    actor: run.triggering_actor?.login ?? run.actor?.login ?? null,
    status: status(run.status),
    conclusion: conclusion(run.conclusion),
    createdAt: run.created_at,
    startedAt: time(run.run_started_at),
    updatedAt: run.updated_at,
    jobs: jobs ? jobs.filter((j) => !seen.has(j.id) && seen.add(j.id)).map(jobView) : null,
  };
}
