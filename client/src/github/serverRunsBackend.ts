// The Runs panel's backend: the language server, which polls GitHub with ETags (server/src/lsp/pipelineRuns.ts). Its
// snapshots (protocol/pipelineRuns.ts) pass through as they are; the panel's actions become the server's requests. Every
// action names the repository it was issued for, so a switch of repository meanwhile cannot redirect it.
import type { PipelineActionResult, PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import type { PreflightServer } from '../preflightServer';
import {
  RunsRequestError,
  type RunsBackend,
  type RunsTarget,
  type StepLocationAnswer,
  type StepLocationQuery,
  type Subscription,
} from './runsBackend';

/** A request the client could not even send: the sentence says it all. */
function unsent(error: string): RunsRequestError {
  return new RunsRequestError({ ok: false, error, kind: 'other' });
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
    if (!runs) throw unsent('the Preflight server is not running: run "Preflight: Restart Server"');
    return runs;
  }

  private repository(): { owner: string; repo: string } {
    if (!this.target) throw unsent('no repository is being watched');
    return { owner: this.target.owner, repo: this.target.repo };
  }

  private static async done(result: Promise<PipelineActionResult>): Promise<void> {
    const answer = await result;
    if (!answer.ok) throw new RunsRequestError(answer);
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

  onSnapshot(listener: (snapshot: PipelineRunsSnapshot) => void): Subscription {
    return this.server.onPipelineRuns(listener);
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
    if (!answer.ok) throw new RunsRequestError(answer);
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
