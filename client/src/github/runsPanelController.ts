// Joins the Runs tab to a RunsBackend: decides what to watch (signed in? a GitHub remote? which branch?), turns snapshots
// into the page's view model, pauses polling while nobody can see it, and carries out the page's requests. Every action
// is checked against the runs this controller listed (the page is untrusted), confirmed in a modal, run under a progress
// notification, followed by a refresh, and any failure is reported in words (actionErrors.ts). Until the first fetch for
// the target answers, the page gets the runs kept from an earlier session (runsSnapshotStore.ts), marked as cached.
// The page also learns whether a language model is there: with none, "Explain failure (AI)" is simply not offered.
import type { PipelineJob, PipelineRun, PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import { failedByItself, rerunAsFailed, type RunsMessage, type RunsState } from '../../../protocol/runsView';
import type { RunAction, ToWebview } from '../../../protocol/webview';
import { displayLog, findFailure, splitLogSections, type LogStep } from '../../../shared/logSections';
import { NO_LANGUAGE_MODEL_MESSAGE, type LanguageModelPresence } from '../ai/languageModelPresence';
import type { PanelRunsParticipant, RunsPanelMessage } from '../panel/panelRunsParticipant';
import { describeActionError } from './actionErrors';
import type { GithubSignIn } from './githubSession';
import { parseRemoteUrl, webHostOf } from './gitRemote';
import type { GitState } from './gitRepository';
import type { LogToShow } from './logDocuments';
import type { RunsBackend, RunsTarget, Subscription } from './runsBackend';
import { snapshotKey, type RunsSnapshotCache } from './runsSnapshotStore';
import { runsStateView, runView } from './runViews';

/** A failed job for the language model to explain (client/src/ai/explainFailure.ts): its log and where it is defined. */
export interface FailedJobToExplain {
  readonly workflowName: string;
  /** Repository-relative, without any @ref; undefined when GitHub did not say. */
  readonly workflowPath: string | undefined;
  readonly runTitle: string;
  readonly jobId: number;
  readonly jobName: string;
  /** The job's full log, as GitHub serves it. */
  readonly log: string;
  readonly steps: readonly LogStep[];
  readonly failedStep: { readonly number: number; readonly name: string } | undefined;
}

/** The editor-side effects the controller needs; vscodeRunsUi.ts implements them with the VS Code API. */
export interface RunsUi {
  /** A modal warning with one action button; true when the user chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T>;
  showError(message: string): void;
  showInfo(message: string): void;
  explainFailure(failure: FailedJobToExplain): Promise<void>;
  showLog(log: LogToShow): Promise<void>;
  /** Opens a repository-relative file at a 0-based line. */
  openWorkflow(relativePath: string, line: number): Promise<void>;
}

export interface RunsControllerDeps {
  readonly backend: RunsBackend;
  readonly ui: RunsUi;
  readonly signIn: (interactive: boolean) => Promise<GithubSignIn | undefined>;
  readonly gitState: () => GitState | undefined;
  readonly baseUrl: () => string;
  /** The last runs seen per repository and branch, drawn while a fetch is in flight. */
  readonly snapshots: RunsSnapshotCache;
  /** Whether the editor has a chat model to explain failures with. */
  readonly languageModels: LanguageModelPresence;
}

/** The page draws at most this many runs. */
const MAX_RUNS = 100;

/**
 * Whether a snapshot says something about GitHub's runs yet. A watcher that has not answered once emits an empty `ok`
 * (e.g. when paused before its first poll); that is no news, and the kept runs stay on screen.
 */
function answered(snapshot: PipelineRunsSnapshot): boolean {
  return snapshot.fetchedAt !== null || snapshot.state.kind !== 'ok';
}

/** A job that failed by itself (not cancelled): its log says why. */
function isExplainable(job: PipelineJob): boolean {
  return job.status === 'completed' && failedByItself(job.conclusion);
}

/** The job's steps as the log splitter takes them. */
function logSteps(job: PipelineJob): LogStep[] {
  return job.steps.map((s) => ({ number: s.number, name: s.name, startedAt: s.started_at, conclusion: s.conclusion }));
}

/** The step that failed the job (a cancelled step did not fail it). */
function failedStepOf(job: PipelineJob): { number: number; name: string } | undefined {
  const step = job.steps.find((s) => failedByItself(s.conclusion));
  return step ? { number: step.number, name: step.name } : undefined;
}

/** States under which kept runs are worth showing: still loading, or GitHub out of reach for now. */
function showsKeptRuns(state: RunsState): boolean {
  return state.kind === 'loading' || state.kind === 'offline' || state.kind === 'rateLimited';
}

export class RunsPanelController implements PanelRunsParticipant, Subscription {
  private post: ((message: ToWebview) => void) | undefined;
  private focused = true;
  /** Set when there is nothing to watch; otherwise the backend's snapshots decide the state. */
  private localState: RunsState = { kind: 'loading' };
  private target: RunsTarget | undefined;
  private snapshot: PipelineRunsSnapshot | undefined;
  private generation = 0;
  private readonly subscription: Subscription;
  private readonly modelSubscription: Subscription;
  /** The last answer about language models; undefined until the editor was first asked. */
  private languageModel: boolean | undefined;

  constructor(private readonly deps: RunsControllerDeps) {
    this.subscription = deps.backend.onSnapshot((snapshot) => {
      const target = this.target;
      if (!target) return; // a late snapshot after stop()
      this.snapshot = snapshot;
      const message = this.message();
      const key = snapshotKey(target);
      if (key !== undefined && answered(snapshot) && (snapshot.state.kind === 'ok' || snapshot.state.kind === 'noRuns'))
        this.deps.snapshots.put(key, message);
      this.post?.(message);
    });
    this.modelSubscription = deps.languageModels.onDidChange((available) => {
      this.languageModelIs(available);
    });
  }

  /**
   * Starts watching before any page asks, so the first fetch is done or in flight when the panel opens. Silent: with no
   * session already granted this only notes `signedOut`, never prompts. Polling stays paused until a page is attached.
   */
  warm(): void {
    if (this.post !== undefined || this.target !== undefined || this.generation > 0) return;
    void this.connect(false);
  }

  /** The kept snapshots were read from disk: a page still waiting for its first fetch can draw them now. */
  snapshotsLoaded(): void {
    if (this.post && (!this.snapshot || !answered(this.snapshot))) this.send();
  }

  attach(post: (message: ToWebview) => void): void {
    const first = this.post === undefined && this.target === undefined && this.localState.kind === 'loading';
    this.post = post;
    this.send();
    if (this.languageModel !== undefined) post({ type: 'languageModels', available: this.languageModel });
    void this.deps.languageModels.available().then((available) => {
      this.languageModelIs(available);
    });
    if (first) void this.connect(false);
    else this.applyVisibility();
  }

  detach(): void {
    this.post = undefined;
    this.applyVisibility();
  }

  /** The window gained or lost focus: nobody watches an unfocused window's panel closely enough to poll for it. */
  setWindowFocused(focused: boolean): void {
    this.focused = focused;
    this.applyVisibility();
  }

  /** Sign-in state or settings changed. */
  sessionChanged(): void {
    void this.connect(false);
  }

  /** HEAD moved (branch switch, commit, remote change): retarget if the branch or remote changed. */
  gitChanged(): void {
    void this.connect(false);
  }

  handle(message: RunsPanelMessage): void {
    switch (message.type) {
      case 'signIn':
        void this.connect(true);
        break;
      case 'refresh':
        if (this.target) this.deps.backend.refresh();
        else void this.connect(false);
        break;
      case 'rerunFailed':
      case 'rerunRun':
      case 'rerunJob':
      case 'cancelRun':
      case 'openLog':
      case 'openStep':
      case 'explainFailure':
        void this.act(message);
        break;
    }
  }

  /** The command's way in: the newest failed job among the runs shown. */
  async explainLatestFailure(): Promise<void> {
    if (!(await this.hasLanguageModel())) return;
    for (const run of this.snapshot?.runs ?? []) {
      const job = run.jobs?.find(isExplainable);
      if (job) {
        await this.act({ type: 'explainFailure', runId: run.id, jobId: job.id });
        return;
      }
    }
    this.deps.ui.showInfo(
      this.target
        ? 'Preflight: no failed job among the runs shown for this branch.'
        : 'Preflight: open the Preflight panel and sign in to GitHub to see the runs of this branch first.',
    );
  }

  /** A failed job's "Explain failure" lens: that job of that run, when it is among the runs listed. */
  async explainJobFailure(runId: number, jobId: number): Promise<void> {
    if (!this.findJob(runId, jobId) && (!this.snapshot || answered(this.snapshot))) {
      this.deps.ui.showInfo(
        'Preflight: that run is no longer among the runs shown for this branch; open the Preflight panel to pick a failed job.',
      );
      return;
    }
    await this.act({ type: 'explainFailure', runId, jobId });
  }

  dispose(): void {
    this.subscription.dispose();
    this.modelSubscription.dispose();
    this.deps.backend.stop();
    this.target = undefined;
  }

  /** Works out the target and (re)starts watching it; a newer call makes an older one drop its result. */
  private async connect(interactive: boolean): Promise<void> {
    const generation = ++this.generation;
    let session: GithubSignIn | undefined;
    try {
      session = await this.deps.signIn(interactive);
    } catch (error) {
      if (interactive) this.deps.ui.showError(error instanceof Error ? error.message : String(error));
    }
    if (generation !== this.generation) return;
    const target = session ? this.targetFor(this.deps.gitState(), session.baseUrl) : undefined;
    if (!session || !target) {
      this.unwatch({ kind: session ? 'noRemote' : 'signedOut' });
      return;
    }
    const same = this.target && JSON.stringify(this.target) === JSON.stringify(target);
    if (!same) {
      this.target = target;
      this.snapshot = undefined;
      this.localState = { kind: 'loading' };
      this.deps.backend.watch(target, session.token);
      this.applyVisibility();
      this.send();
    }
  }

  private targetFor(git: GitState | undefined, baseUrl: string): RunsTarget | undefined {
    const remote = git?.remoteUrl === undefined ? undefined : parseRemoteUrl(git.remoteUrl);
    // A remote on another host (GitLab, another GHES) is not one this API can answer for.
    if (!git || !remote || remote.host !== webHostOf(baseUrl)) return undefined;
    return { baseUrl, owner: remote.owner, repo: remote.repo, branch: git.branch, headSha: git.headSha };
  }

  private unwatch(state: RunsState): void {
    if (this.target) this.deps.backend.stop();
    this.target = undefined;
    this.snapshot = undefined;
    this.localState = state;
    this.send();
  }

  private applyVisibility(): void {
    if (!this.target) return;
    if (this.post && this.focused) this.deps.backend.resume();
    else this.deps.backend.pause();
  }

  private message(): RunsMessage {
    const git = this.deps.gitState();
    const repository = this.target ? `${this.target.owner}/${this.target.repo}` : null;
    const branch = this.target?.branch ?? git?.branch ?? null;
    const snapshot = this.target ? this.snapshot : undefined;
    const news = snapshot && answered(snapshot) ? snapshot : undefined;
    const state = news ? runsStateView(news.state) : this.localState;
    if (!news || (news.runs.length === 0 && showsKeptRuns(state))) {
      const kept = showsKeptRuns(state) ? this.keptRuns() : undefined;
      if (kept && kept.runs.length > 0)
        return { ...kept, state, repository: repository ?? kept.repository, branch: branch ?? kept.branch };
      if (!news) return { type: 'runs', state, repository, branch, runs: [], updatedAt: null };
    }
    const seen = new Set<number>();
    const runs = news.runs
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .slice(0, MAX_RUNS)
      .map(runView);
    return {
      type: 'runs',
      state,
      repository,
      branch,
      runs,
      updatedAt: news.fetchedAt,
      ...(news.leftOut ? { leftOut: news.leftOut } : {}),
    };
  }

  /** The runs kept for the target, or before the session is known for the target the git state points at. */
  private keptRuns(): RunsMessage | undefined {
    const target = this.target ?? this.targetFor(this.deps.gitState(), this.deps.baseUrl());
    const key = target && snapshotKey(target);
    return key === undefined ? undefined : this.deps.snapshots.get(key);
  }

  private send(): void {
    this.post?.(this.message());
  }

  private languageModelIs(available: boolean): void {
    if (available === this.languageModel) return;
    this.languageModel = available;
    this.post?.({ type: 'languageModels', available });
  }

  /** Asks the editor afresh (the page's view may be stale); with no model, says why instead of fetching a log for nothing. */
  private async hasLanguageModel(): Promise<boolean> {
    const available = await this.deps.languageModels.available();
    this.languageModelIs(available);
    if (!available) this.deps.ui.showInfo(NO_LANGUAGE_MODEL_MESSAGE);
    return available;
  }

  private findRun(runId: number): PipelineRun | undefined {
    return this.snapshot?.runs.find((r) => r.id === runId);
  }

  private findJob(runId: number, jobId: number): PipelineJob | undefined {
    return this.findRun(runId)?.jobs?.find((j) => j.id === jobId);
  }

  private async act(action: RunAction): Promise<void> {
    const run = this.findRun(action.runId);
    // Runs drawn from the kept snapshot are not confirmed yet: say why the click did nothing.
    if (
      !run &&
      (!this.snapshot || !answered(this.snapshot)) &&
      this.keptRuns()?.runs.some((r) => r.id === action.runId)
    ) {
      this.deps.ui.showError(
        'Preflight is still fetching the current runs from GitHub; try again when the list says "Updated".',
      );
      return;
    }
    // Only runs (and their jobs) this controller listed can be acted on; a forged or stale id does nothing.
    if (!run || !this.target) return;
    const job = 'jobId' in action ? this.findJob(action.runId, action.jobId) : undefined;
    if ('jobId' in action && !job) return;
    const label = `"${run.name ?? 'workflow'}" #${run.run_number}`;
    const repository = `${this.target.owner}/${this.target.repo}`;
    const { backend, ui } = this.deps;
    try {
      switch (action.type) {
        case 'rerunFailed': {
          const failed = (run.jobs ?? []).filter((j) => rerunAsFailed(j.conclusion)).map((j) => j.name);
          const which =
            failed.length > 0 ? `Failed jobs: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? '…' : ''}. ` : '';
          if (
            !(await ui.confirm(
              `Re-run the failed jobs of ${label}?`,
              `${which}Jobs that succeeded keep their results.`,
              'Re-run',
            ))
          )
            return;
          await ui.withProgress(`Re-running the failed jobs of ${label}…`, () => backend.rerunFailedJobs(run.id));
          break;
        }
        case 'rerunRun':
          if (
            !(await ui.confirm(
              `Re-run all jobs of ${label}?`,
              'Every job runs again, including those that succeeded.',
              'Re-run',
            ))
          )
            return;
          await ui.withProgress(`Re-running ${label}…`, () => backend.rerunRun(run.id));
          break;
        case 'rerunJob':
          if (
            !job ||
            !(await ui.confirm(
              `Re-run job "${job.name}" of ${label}?`,
              'Jobs that depend on it run again too.',
              'Re-run',
            ))
          )
            return;
          await ui.withProgress(`Re-running "${job.name}"…`, () => backend.rerunJob(job.id));
          break;
        case 'cancelRun':
          if (
            !(await ui.confirm(
              `Cancel ${label}?`,
              'Jobs still running are stopped and the run ends as cancelled.',
              'Cancel Run',
            ))
          )
            return;
          await ui.withProgress(`Cancelling ${label}…`, () => backend.cancelRun(run.id));
          break;
        case 'openLog':
          if (job) await this.openLog(run, job);
          return;
        case 'openStep':
          if (job) await this.openStep(run, job, action.stepNumber);
          return;
        case 'explainFailure':
          if (job && isExplainable(job) && (await this.hasLanguageModel())) await this.explain(run, job);
          return;
      }
      backend.refresh();
    } catch (error) {
      ui.showError(describeActionError(action.type, error, repository));
    }
  }

  private async openLog(run: PipelineRun, job: PipelineJob): Promise<void> {
    const log = await this.deps.ui.withProgress(`Fetching the log of "${job.name}"…`, () =>
      this.deps.backend.jobLog(job.id),
    );
    const failure = findFailure(splitLogSections(log, logSteps(job)), failedStepOf(job)?.number);
    await this.deps.ui.showLog({
      jobId: job.id,
      title: `${run.name ?? 'run'} #${run.run_number} ${job.name}`,
      text: displayLog(log),
      revealLine: failure?.line,
    });
  }

  private async explain(run: PipelineRun, job: PipelineJob): Promise<void> {
    const log = await this.deps.ui.withProgress(`Fetching the log of "${job.name}"…`, () =>
      this.deps.backend.jobLog(job.id),
    );
    await this.deps.ui.explainFailure({
      workflowName: run.name ?? run.path ?? 'workflow',
      workflowPath: run.path ?? undefined,
      runTitle: run.display_title ?? '',
      jobId: job.id,
      jobName: job.name,
      log,
      steps: logSteps(job),
      failedStep: failedStepOf(job),
    });
  }

  private async openStep(run: PipelineRun, job: PipelineJob, stepNumber: number): Promise<void> {
    const workflowPath = run.path;
    if (!workflowPath) {
      this.deps.ui.showError(
        'Preflight could not find the step: GitHub did not say which workflow file this run came from.',
      );
      return;
    }
    const stepName = job.steps.find((s) => s.number === stepNumber)?.name;
    const answer = await this.deps.backend.locateStep({
      workflowPath,
      jobName: job.name,
      stepNumber,
      ...(stepName === undefined ? {} : { stepName }),
    });
    if (!answer.ok) {
      this.deps.ui.showError(`Preflight could not find the step in ${workflowPath}: ${answer.error}.`);
      return;
    }
    await this.deps.ui.openWorkflow(workflowPath, answer.line);
  }
}
