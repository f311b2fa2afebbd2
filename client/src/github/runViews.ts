// The server's runs (protocol/pipelineRuns.ts) into the panel's view model (protocol/runsView.ts): the one place a run
// changes shape on its way to the page. Values the view does not know (a conclusion GitHub adds later) become null
// rather than breaking the page's validation.
import type { PipelineJob, PipelineRun, PipelineRunsState, PipelineStep } from '../../../protocol/pipelineRuns';
import {
  RUN_CONCLUSIONS,
  RUN_STATUSES,
  type JobView,
  type RunConclusionView,
  type RunStatusView,
  type RunView,
  type RunsState,
  type StepView,
} from '../../../protocol/runsView';

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

function time(value: string | null): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? value : null;
}

function stepView(step: PipelineStep): StepView {
  return {
    number: step.number,
    name: text(step.name),
    status: status(step.status),
    conclusion: conclusion(step.conclusion),
    startedAt: time(step.started_at),
    completedAt: time(step.completed_at),
  };
}

function jobView(job: PipelineJob): JobView {
  // Step numbers key the rows: keep the first of any repeats.
  const seen = new Set<number>();
  const steps = job.steps.filter((s) => s.number > 0 && !seen.has(s.number) && seen.add(s.number)).map(stepView);
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

export function runView(run: PipelineRun): RunView {
  const seen = new Set<number>();
  return {
    id: run.id,
    workflowName: text(run.name ?? run.path ?? `workflow ${run.workflow_id}`),
    // The first line: a push run's title is its whole commit message.
    title: text((run.display_title ?? '').split('\n')[0] ?? ''),
    headSha: text(run.head_sha),
    runNumber: Math.max(1, run.run_number),
    attempt: Math.max(1, run.run_attempt ?? 1),
    event: text(run.event),
    actor: run.triggering_actor ?? run.actor,
    status: status(run.status),
    conclusion: conclusion(run.conclusion),
    createdAt: run.created_at,
    startedAt: time(run.run_started_at),
    updatedAt: run.updated_at,
    jobs: run.jobs ? run.jobs.filter((j) => !seen.has(j.id) && seen.add(j.id)).map(jobView) : null,
  };
}

/** The page's state: the kind, and what the page shows of the server's sentence (the rest is the page's own words). */
export function runsStateView(state: PipelineRunsState): RunsState {
  switch (state.kind) {
    case 'rateLimited':
      return { kind: 'rateLimited', until: state.until };
    case 'permissionDenied':
      return { kind: 'permissionDenied', detail: state.message };
    case 'ok':
    case 'signedOut':
    case 'noRemote':
    case 'noRuns':
    case 'offline':
      return { kind: state.kind };
  }
}
