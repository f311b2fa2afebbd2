// Watches the Actions runs of one repository and branch: lists the newest runs, fetches jobs with steps for the runs that
// are active or recent, and emits a snapshot whenever what the panel would show changed. Polling adapts (pollingPolicy.ts),
// pauses while nobody looks, refreshes right after an action, and keeps the last runs on screen when GitHub cannot be
// reached, under a state that says why.
import type { PipelineRun, PipelineRunsSnapshot, PipelineRunsState } from '../../../../../protocol/pipelineRuns';
import type { ActionsClient } from './actionsClient';
import { systemClock, type Clock } from './clock';
import { GitHubApiError } from './githubApiError';
import { DEFAULT_INTERVALS, nextPollDelay, type PollingIntervals } from './pollingPolicy';
import { isActive, toPipelineRun } from './runsSnapshot';
import type { WorkflowJob, WorkflowRun } from '../../../../../shared/githubApi';

export interface WatchTarget {
  readonly repository: { readonly owner: string; readonly repo: string } | null;
  readonly branch: string | null;
  readonly headSha: string | null;
}

export interface RunWatcherOptions {
  /** undefined when signed out: the watcher reports `signedOut` and does not poll. */
  readonly client: ActionsClient | undefined;
  readonly target: WatchTarget;
  readonly onSnapshot: (snapshot: PipelineRunsSnapshot) => void;
  readonly clock?: Clock;
  readonly intervals?: Partial<PollingIntervals>;
  /** Runs listed per poll (newest first). */
  readonly runsPerPoll?: number;
  /** Completed runs (newest first) whose jobs are shown too; older completed runs show without jobs. */
  readonly completedRunsWithJobs?: number;
}

/** What an error means for the panel. */
export function stateForError(error: unknown): PipelineRunsState {
  if (!(error instanceof GitHubApiError))
    return {
      kind: 'offline',
      message: `Could not load runs: ${error instanceof Error ? error.message : String(error)}`,
    };
  switch (error.kind) {
    case 'unauthorized':
      return { kind: 'signedOut', message: error.message };
    case 'forbidden':
    case 'notFound':
      return { kind: 'permissionDenied', message: error.message };
    case 'rateLimited':
      return { kind: 'rateLimited', message: error.message, until: new Date(error.retryAt ?? 0).toISOString() };
    case 'offline':
    case 'server':
    case 'conflict':
    case 'unexpected':
      return { kind: 'offline', message: error.message };
  }
}

export class RunWatcher {
  private readonly clock: Clock;
  private readonly intervals: PollingIntervals;
  private timer: unknown;
  private paused = false;
  private stopped = false;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private fastUntil = 0;
  private consecutiveErrors = 0;
  private last: PipelineRunsSnapshot;
  private lastEmitted = '';
  /** Jobs of completed runs by run id, with the run's version they belong to: a finished run's jobs only change on re-run. */
  private readonly jobsOfCompleted = new Map<number, { version: string; jobs: readonly WorkflowJob[] }>();

  constructor(private readonly options: RunWatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervals = { ...DEFAULT_INTERVALS, ...options.intervals };
    const { repository, branch, headSha } = options.target;
    this.last = {
      owner: repository?.owner ?? null,
      repo: repository?.repo ?? null,
      branch,
      headSha,
      state: { kind: 'ok' },
      runs: [],
      fetchedAt: null,
      paused: false,
    };
  }

  get snapshot(): PipelineRunsSnapshot {
    return this.last;
  }

  /** Starts polling now. */
  start(): Promise<void> {
    this.stopped = false;
    return this.pollNow();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Panel hidden or window unfocused: no polls until resume(). */
  pause(): void {
    if (this.paused || this.stopped) return;
    this.paused = true;
    this.clearTimer();
    this.emit({ ...this.last, paused: true });
  }

  /** Polls at once: whatever happened while paused shows immediately (a 304 costs nothing when nothing did). */
  resume(): Promise<void> {
    if (!this.paused || this.stopped) return Promise.resolve();
    this.paused = false;
    this.emit({ ...this.last, paused: false });
    return this.pollNow();
  }

  /** After a re-run or cancel: poll now and keep polling fast for a while, since GitHub takes seconds to queue the new attempt. */
  afterAction(): Promise<void> {
    this.fastUntil = this.clock.now() + this.intervals.afterActionWindowMs;
    return this.pollNow();
  }

  /** Polls now (or right after the poll in flight, which may predate what the caller knows changed). */
  pollNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.clearTimer();
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (this.pollAgain && !this.stopped) {
        this.pollAgain = false;
        void this.pollNow();
      } else {
        this.scheduleNext();
      }
    });
    return this.polling;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(): void {
    this.clearTimer();
    const client = this.options.client;
    if (this.stopped || this.paused || client === undefined || this.options.target.repository === null) return;
    const now = this.clock.now();
    const delay = nextPollDelay(
      {
        now,
        anyActive: this.last.runs.some(isActive),
        fastUntil: this.fastUntil,
        consecutiveErrors: this.consecutiveErrors,
        blockedUntil: client.rateLimit.blockedAt(now),
      },
      this.intervals,
    );
    this.timer = this.clock.setTimeout(() => this.pollNow(), delay);
  }

  private emit(snapshot: PipelineRunsSnapshot): void {
    this.last = snapshot;
    if (this.stopped) return;
    // fetchedAt moves on every poll; only what the panel shows decides whether to send.
    const key = JSON.stringify({ ...snapshot, fetchedAt: null });
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.options.onSnapshot(snapshot);
  }

  private async poll(): Promise<void> {
    const { client, target } = this.options;
    if (client === undefined) {
      this.emit({
        ...this.last,
        state: { kind: 'signedOut', message: 'Sign in to GitHub to see the runs of this branch.' },
      });
      return;
    }
    const repository = target.repository;
    if (repository === null) {
      this.emit({
        ...this.last,
        state: { kind: 'noRemote', message: 'This workspace has no GitHub remote, so there are no runs to show.' },
      });
      return;
    }
    try {
      const listed = await client.listRuns({
        ...repository,
        // A detached HEAD has no branch: show the runs of its commit instead.
        branch: target.branch,
        headSha: target.branch === null ? target.headSha : null,
        perPage: this.options.runsPerPoll ?? 10,
      });
      if (listed.items.length === 0 && listed.malformed > 0) {
        throw new GitHubApiError(
          'unexpected',
          `GitHub's reply listed ${listed.malformed} runs without the fields Preflight reads; Preflight will try again.`,
          undefined,
        );
      }
      const runs = await this.withJobs(client, repository, listed.items);
      if (this.stopped) return;
      this.consecutiveErrors = 0;
      const state: PipelineRunsState =
        runs.length === 0
          ? {
              kind: 'noRuns',
              message:
                target.branch === null
                  ? 'No workflow runs for this commit yet.'
                  : `No workflow runs on ${target.branch} yet.`,
            }
          : { kind: 'ok' };
      const { leftOut: _previous, ...last } = this.last;
      this.emit({
        ...last,
        state,
        runs,
        fetchedAt: new Date(this.clock.now()).toISOString(),
        paused: this.paused,
        ...(listed.malformed > 0 ? { leftOut: listed.malformed } : {}),
      });
    } catch (error) {
      if (this.stopped) return;
      if (!(error instanceof GitHubApiError && error.kind === 'rateLimited')) this.consecutiveErrors++;
      this.emit({ ...this.last, state: stateForError(error), paused: this.paused });
    }
  }

  /** Jobs for active runs (every poll, conditional) and the newest completed ones (once per run version). */
  private async withJobs(
    client: ActionsClient,
    repository: { owner: string; repo: string },
    runs: readonly WorkflowRun[],
  ): Promise<PipelineRun[]> {
    // Every listed run: the duration lenses and the job graph need history, and a completed run's jobs are fetched once.
    let completedBudget = this.options.completedRunsWithJobs ?? 10;
    const wanted = runs.map((run) => isActive(run) || completedBudget-- > 0);
    const jobs = await Promise.all(
      runs.map(async (run, i): Promise<readonly WorkflowJob[] | null> => {
        if (wanted[i] !== true) return null;
        const version = `${run.run_attempt ?? 1}|${run.updated_at}|${run.status ?? ''}`;
        const cached = this.jobsOfCompleted.get(run.id);
        if (!isActive(run) && cached?.version === version) return cached.jobs;
        const listed = await client.listJobs(repository, run.id);
        if (!isActive(run)) this.jobsOfCompleted.set(run.id, { version, jobs: listed.items });
        return listed.items;
      }),
    );
    const listedIds = new Set(runs.map((r) => r.id));
    for (const id of this.jobsOfCompleted.keys()) if (!listedIds.has(id)) this.jobsOfCompleted.delete(id);
    return runs.map((run, i) => toPipelineRun(run, jobs[i] ?? null));
  }
}
