// The live pipeline panel's server side: holds the GitHub session the client sends, runs one RunWatcher for the workspace's
// repository and branch, forwards its snapshots, and carries out re-run / cancel / log requests. Every handler catches and
// answers with one clear sentence; the token is never logged.
import type { ServerContext } from './serverContext';
import {
  CancelRunRequest,
  GitHubSessionNotification,
  JobLogRequest,
  PipelineRunsNotification,
  RerunFailedJobsRequest,
  RerunJobRequest,
  RerunRunRequest,
  WatchPipelineRunsRequest,
  type RepositoryParams,
} from '../../../protocol/lsp';
import type { PipelineActionResult, PipelineJobLogResult, PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import {
  ActionsClient,
  GITHUB_API_URL,
  type ActionsClientOptions,
  type RepoRef,
} from '../engine/github/api/actionsClient';
import { GitHubApiError } from '../engine/github/api/githubApiError';
import { RunWatcher, type WatchTarget } from '../engine/github/api/runWatcher';
import { pipelineFailure, refused } from './pipelineFailure';

const SIGN_IN_FIRST = 'Sign in to GitHub first (Preflight: Show Pipeline Panel, then Sign in).';

function isName(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function repoOf(params: RepositoryParams): RepoRef | undefined {
  return isName(params.owner) && isName(params.repo) ? { owner: params.owner, repo: params.repo } : undefined;
}

function parseTarget(value: unknown): WatchTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { repository, branch, headSha } = value as Record<string, unknown>;
  const optionalString = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length < 300);
  if (!optionalString(branch) || !optionalString(headSha)) return undefined;
  if (repository === null) return { repository: null, branch, headSha };
  if (typeof repository !== 'object') return undefined;
  const ref = repoOf(repository as RepositoryParams);
  return ref ? { repository: ref, branch, headSha } : undefined;
}

export interface PipelineRunsOptions {
  /** Overrides for the GitHub client (tests lower retry delays). */
  readonly client?: Omit<ActionsClientOptions, 'token' | 'baseUrl'>;
  /** Also told of every snapshot sent to the client (CodeLens on workflow jobs). */
  readonly onSnapshot?: (snapshot: PipelineRunsSnapshot) => void;
  /** Told whenever the session or the watched repository and branch change (failure risk reads the same repository). */
  readonly onWatch?: (client: ActionsClient | undefined, target: WatchTarget | undefined) => void;
}

export function registerPipelineRuns(ctx: ServerContext, options: PipelineRunsOptions = {}): void {
  const { connection, logError } = ctx;
  let client: ActionsClient | undefined;
  /** Base URL and token of the current session, to notice a real change (memory only, never logged). */
  let sessionKey = '';
  let target: WatchTarget | undefined;
  let watcher: RunWatcher | undefined;
  let paused = false;

  const restartWatcher = (): void => {
    watcher?.stop();
    watcher = undefined;
    options.onWatch?.(client, target);
    if (target === undefined) return;
    watcher = new RunWatcher({
      client,
      target,
      ...(options.client?.clock ? { clock: options.client.clock } : {}),
      onSnapshot: (snapshot) => {
        void connection.sendNotification(PipelineRunsNotification.type, snapshot);
        options.onSnapshot?.(snapshot);
      },
    });
    if (paused) watcher.pause();
    else
      void watcher.start().catch((error: unknown) => {
        logError('watching runs', error);
      });
  };

  connection.onNotification(GitHubSessionNotification.type, (params) => {
    try {
      const token = typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
      const baseUrl =
        typeof params.baseUrl === 'string' && /^https?:\/\//.test(params.baseUrl) ? params.baseUrl : GITHUB_API_URL;
      // The client re-sends the session when VS Code reports a change; the same session keeps its client and ETag cache.
      const key = token === undefined ? '' : `${baseUrl}\n${token}`;
      if (key === sessionKey) return;
      sessionKey = key;
      client = token === undefined ? undefined : new ActionsClient({ ...options.client, token, baseUrl });
      restartWatcher();
    } catch (error) {
      logError('GitHub session', error);
    }
  });

  connection.onRequest(WatchPipelineRunsRequest.type, async (params): Promise<PipelineActionResult> => {
    try {
      switch (params.action) {
        case 'start': {
          const parsed = parseTarget(params.target);
          if (!parsed) return refused('The repository, branch or commit to watch is malformed.');
          target = parsed;
          restartWatcher();
          return { ok: true };
        }
        case 'stop':
          target = undefined;
          restartWatcher();
          return { ok: true };
        case 'pause':
          paused = true;
          watcher?.pause();
          return { ok: true };
        case 'resume':
          paused = false;
          await watcher?.resume();
          return { ok: true };
        case 'refresh':
          await watcher?.pollNow();
          return { ok: true };
        default:
          return refused('Unknown watch action.');
      }
    } catch (error) {
      logError('watch runs', error);
      return pipelineFailure(error);
    }
  });

  /** Runs one action with the current session and refreshes the panel right after it. */
  const act = async (
    params: RepositoryParams,
    id: unknown,
    action: (c: ActionsClient, ref: RepoRef, id: number) => Promise<void>,
  ): Promise<PipelineActionResult> => {
    try {
      const ref = repoOf(params);
      if (!ref || !isId(id)) return refused('The repository or run/job id is malformed.');
      if (!client) return refused(SIGN_IN_FIRST);
      await action(client, ref, id);
      void watcher?.afterAction().catch((error: unknown) => {
        logError('refresh after action', error);
      });
      return { ok: true };
    } catch (error) {
      if (!(error instanceof GitHubApiError)) logError('pipeline action', error);
      return pipelineFailure(error);
    }
  };

  connection.onRequest(RerunFailedJobsRequest.type, (params) =>
    act(params, params.runId, (c, ref, id) => c.rerunFailedJobs(ref, id)),
  );
  connection.onRequest(RerunJobRequest.type, (params) =>
    act(params, params.jobId, (c, ref, id) => c.rerunJob(ref, id)),
  );
  connection.onRequest(RerunRunRequest.type, (params) =>
    act(params, params.runId, (c, ref, id) => c.rerunRun(ref, id)),
  );
  connection.onRequest(CancelRunRequest.type, (params) =>
    act(params, params.runId, (c, ref, id) => c.cancelRun(ref, id)),
  );

  connection.onRequest(JobLogRequest.type, async (params): Promise<PipelineJobLogResult> => {
    try {
      const ref = repoOf(params);
      if (!ref || !isId(params.jobId)) return refused('The repository or job id is malformed.');
      if (!client) return refused(SIGN_IN_FIRST);
      const log = await client.jobLog(ref, params.jobId);
      return { ok: true, ...log };
    } catch (error) {
      if (!(error instanceof GitHubApiError)) logError('job log', error);
      return pipelineFailure(error);
    }
  });

  connection.onShutdown(() => {
    watcher?.stop();
  });
}
