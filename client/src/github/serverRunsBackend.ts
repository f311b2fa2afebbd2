// The Runs panel's backend: the language server, which polls GitHub with ETags (server/src/lsp/pipelineRuns.ts). This
// adapts the server's snapshots (protocol/pipelineRuns.ts) to the panel's RunsBackend and its actions to the server's
// requests. Every action names the repository it was issued for, so a switch of repository meanwhile cannot redirect it.
import type {
  PipelineActionResult,
  PipelineFailure,
  PipelineJob,
  PipelineRun,
  PipelineRunsSnapshot,
  PipelineRunsState,
} from '../../../protocol/pipelineRuns';
import type { RunsState } from '../../../protocol/runsView';
import type { RunConclusion, WorkflowJob, WorkflowRun } from '../../../shared/githubApi';
import type { PreflightServer } from '../preflightServer';
import type {
  RunsBackend,
  RunsBackendError,
  RunsSnapshot,
  RunsTarget,
  StepLocationAnswer,
  StepLocationQuery,
  Subscription,
} from './runsBackend';

function toState(state: PipelineRunsState): RunsState {
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

function toJob(job: PipelineJob, run: PipelineRun): WorkflowJob {
  return {
    id: job.id,
    run_id: job.run_id,
    ...(job.run_attempt === null ? {} : { run_attempt: job.run_attempt }),
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    started_at: job.started_at ?? run.created_at,
    completed_at: job.completed_at,
    html_url: job.html_url,
    head_sha: run.head_sha,
    labels: job.labels,
    runner_name: job.runner_name,
    steps: job.steps,
  };
}

function toRun(run: PipelineRun): WorkflowRun {
  return {
    id: run.id,
    name: run.name,
    run_number: run.run_number,
    ...(run.run_attempt === null ? {} : { run_attempt: run.run_attempt }),
    event: run.event,
    status: run.status,
    conclusion: run.conclusion as RunConclusion | null,
    workflow_id: run.workflow_id,
    ...(run.path === null ? {} : { path: run.path }),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    ...(run.display_title === null ? {} : { display_title: run.display_title }),
    created_at: run.created_at,
    updated_at: run.updated_at,
    ...(run.run_started_at === null ? {} : { run_started_at: run.run_started_at }),
    html_url: run.html_url,
    actor: run.actor === null ? null : { login: run.actor },
    triggering_actor: run.triggering_actor === null ? null : { login: run.triggering_actor },
  };
}

export function toRunsSnapshot(snapshot: PipelineRunsSnapshot): RunsSnapshot {
  const jobs = new Map<number, readonly WorkflowJob[]>();
  for (const run of snapshot.runs)
    if (run.jobs)
      jobs.set(
        run.id,
        run.jobs.map((j) => toJob(j, run)),
      );
  return {
    state: toState(snapshot.state),
    runs: snapshot.runs.map(toRun),
    jobs,
    updatedAt: snapshot.fetchedAt,
    ...(snapshot.leftOut ? { leftOut: snapshot.leftOut } : {}),
  };
}

/** A failed request: the server's sentence and GitHub's HTTP status, as the server sent them. */
class RunsRequestError extends Error implements RunsBackendError {
  readonly status?: number;
  constructor(message: string, status: number | undefined) {
    super(message);
    if (status !== undefined) this.status = status;
  }
}

function failure(answer: PipelineFailure | string): RunsRequestError {
  return typeof answer === 'string'
    ? new RunsRequestError(answer, undefined)
    : new RunsRequestError(answer.error, answer.status);
}

export class ServerRunsBackend implements RunsBackend {
  private target: RunsTarget | undefined;
  /** Memory only: resent when the server (re)starts, which forgets it. */
  private token: string | undefined;
  /** Resent with the watch after a (re)start, so a watch begun with no page open polls once and then waits. */
  private paused = false;

  constructor(private readonly server: PreflightServer) {
    // A watch asked for before the server was up, or lost in a server restart, starts once the server is ready.
    server.onDidChangeState((state) => {
      if (state === 'ready' && this.target && this.token !== undefined) {
        this.watch(this.target, this.token);
        if (this.paused) this.pause();
      }
    });
  }

  private session() {
    const runs = this.server.pipelineRuns;
    if (!runs) throw failure('the Preflight server is not running: run "Preflight: Restart Server"');
    return runs;
  }

  private repository(): { owner: string; repo: string } {
    if (!this.target) throw failure('no repository is being watched');
    return { owner: this.target.owner, repo: this.target.repo };
  }

  private static async done(result: Promise<PipelineActionResult>): Promise<void> {
    const answer = await result;
    if (!answer.ok) throw failure(answer);
  }

  watch(target: RunsTarget, token: string): void {
    this.target = target;
    this.token = token;
    const runs = this.server.pipelineRuns;
    if (!runs) return;
    runs.setGitHubSession({ token, baseUrl: target.baseUrl });
    void runs.watch({
      action: 'start',
      target: {
        repository: { owner: target.owner, repo: target.repo },
        branch: target.branch,
        headSha: target.headSha,
      },
    });
  }

  stop(): void {
    this.target = undefined;
    this.token = undefined;
    const runs = this.server.pipelineRuns;
    if (!runs) return;
    void runs.watch({ action: 'stop' });
  }

  pause(): void {
    this.paused = true;
    void this.server.pipelineRuns?.watch({ action: 'pause' });
  }

  resume(): void {
    this.paused = false;
    void this.server.pipelineRuns?.watch({ action: 'resume' });
  }
  refresh(): void {
    void this.server.pipelineRuns?.watch({ action: 'refresh' });
  }

  onSnapshot(listener: (snapshot: RunsSnapshot) => void): Subscription {
    return this.server.onPipelineRuns((snapshot) => {
      listener(toRunsSnapshot(snapshot));
    });
  }

  rerunFailedJobs(runId: number): Promise<void> {
    const { owner, repo } = this.repository();
    return ServerRunsBackend.done(this.session().rerunFailedJobs(owner, repo, runId));
  }

  rerunJob(jobId: number): Promise<void> {
    const { owner, repo } = this.repository();
    return ServerRunsBackend.done(this.session().rerunJob(owner, repo, jobId));
  }

  rerunRun(runId: number): Promise<void> {
    const { owner, repo } = this.repository();
    return ServerRunsBackend.done(this.session().rerunRun(owner, repo, runId));
  }

  cancelRun(runId: number): Promise<void> {
    const { owner, repo } = this.repository();
    return ServerRunsBackend.done(this.session().cancelRun(owner, repo, runId));
  }

  async jobLog(jobId: number): Promise<string> {
    const { owner, repo } = this.repository();
    const answer = await this.session().jobLog(owner, repo, jobId);
    if (!answer.ok) throw failure(answer);
    return answer.truncated
      ? `${answer.text}\n[Preflight: the log was cut; open it on GitHub for the rest]\n`
      : answer.text;
  }

  async locateStep(query: StepLocationQuery): Promise<StepLocationAnswer> {
    const answer = await this.session().locateRunStep({
      workflowPath: query.workflowPath,
      jobName: query.jobName,
      step: query.stepName === undefined ? null : { number: query.stepNumber, name: query.stepName },
    });
    return answer.ok ? { ok: true, line: answer.line } : { ok: false, error: answer.error };
  }
}
