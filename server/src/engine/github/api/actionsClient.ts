// The GitHub Actions REST client behind the panel, the watcher and the CLI. Over a bounded transport (a deadline per
// exchange, a size limit, broken bodies reported as such, the token kept to the API's origin) it adds what polling needs:
// conditional requests with an ETag cache per URL (a 304 reuses the cached body and costs no rate limit), one request per
// endpoint at a time, Link pagination with each item checked, retries of reads that failed for a passing reason, and
// rate-limit awareness (no request leaves while GitHub said to wait). Writes (re-run, cancel) are never sent twice unless
// the first surely did not reach GitHub: a second re-run is a second attempt, billed and noisy.
import { systemClock, type Clock } from './clock';
import { EtagCache } from './etagCache';
import {
  GitHubApiError,
  githubMessage,
  isSecondaryLimitMessage,
  rateLimitedError,
  translateStatus,
  type ErrorContext,
} from './githubApiError';
import { exchange, TransportProblem, type TransportReply } from './githubTransport';
import { RateLimitTracker } from './rateLimitTracker';
import { listItemIsValid, type ListField } from './replyShapes';
import { SingleFlight } from './singleFlight';
import type { WorkflowJob, WorkflowRun } from '../../../../../shared/githubApi';

export const GITHUB_API_URL = 'https://api.github.com';
/** Job logs can be large; the panel shows the end of the log, where failures are. */
export const MAX_LOG_CHARS = 4_000_000;

export interface ActionsClientOptions {
  /** undefined sends unauthenticated requests (public repositories, 60 requests an hour). */
  readonly token: string | undefined;
  /** REST root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
  /** Retries of a read that failed for a passing reason (5xx, dropped connection, timeout, broken body). */
  readonly retries?: number;
  /** Base of the retry delay (retry n waits n² x this); tests lower it. */
  readonly retryDelayMs?: number;
  /** Deadline of one exchange, headers and body (default 30 s; a job log gets four times as long). */
  readonly timeoutMs?: number;
}

/** How much of a reply is read, and how long it may take as a multiple of the client's deadline. */
interface ReplyBounds {
  readonly maxBytes: number;
  readonly deadlineScale: number;
}
/** A page of 100 runs is about 0.5 MB; a reply far beyond that is not a page GitHub sends. */
const JSON_REPLY: ReplyBounds = { maxBytes: 32 * 1_048_576, deadlineScale: 1 };
/** Job logs are read whole, then trimmed to their end (MAX_LOG_CHARS); they are large and slow to arrive. */
const LOG_REPLY: ReplyBounds = { maxBytes: 256 * 1_048_576, deadlineScale: 4 };
const DEFAULT_TIMEOUT_MS = 30_000;

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export interface ListRunsQuery extends RepoRef {
  readonly branch?: string | null;
  readonly headSha?: string | null;
  /** queued | in_progress | completed | a conclusion such as failure. */
  readonly status?: string;
  readonly perPage?: number;
  readonly maxPages?: number;
}

export interface Listed<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
  /** False when every page came back 304 (nothing changed since the last call). */
  readonly changed: boolean;
  /** Items GitHub sent that lack what Preflight reads (an id, a status): left out, counted so callers can say so. */
  readonly malformed: number;
}

export interface Workflow {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly state: string;
}

type Reply = TransportReply;

function nextLink(link: string | undefined): string | undefined {
  return link?.match(/<([^>]+)>;\s*rel="next"/)?.[1];
}

function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

function arrayField(data: unknown, field: string): unknown[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return Array.isArray(value) ? value : undefined;
}

function totalCount(data: unknown): number {
  const value =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['total_count'] : undefined;
  return typeof value === 'number' ? value : 0;
}

export class ActionsClient {
  readonly baseUrl: string;
  readonly rateLimit = new RateLimitTracker();
  /** Counts for the benchmark and tests: requests that left, and how many GitHub answered 304. */
  readonly stats = { sent: 0, notModified: 0 };
  private readonly clock: Clock;
  private readonly cache = new EtagCache();
  private readonly flights = new SingleFlight();

  constructor(private readonly options: ActionsClientOptions) {
    this.baseUrl = (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
  }

  /** One request, with rate-limit gate, retries and error translation. 304 comes back as a reply, not an error. */
  private async send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    context: ErrorContext,
    bounds: ReplyBounds = JSON_REPLY,
  ): Promise<Reply> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const blocked = this.rateLimit.blockedAt(this.clock.now());
      if (blocked !== undefined) throw rateLimitedError(blocked);
      this.stats.sent++;
      let reply: Reply;
      try {
        reply = await exchange({
          method,
          url: /^https?:/.test(url) ? url : `${this.baseUrl}${url}`,
          headers: {
            accept: 'application/vnd.github+json',
            'user-agent': 'preflight-vscode',
            'x-github-api-version': '2022-11-28',
            ...headers,
          },
          tokenOrigin: new URL(this.baseUrl).origin,
          token: this.options.token,
          timeoutMs: (this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) * bounds.deadlineScale,
          timers: this.clock,
          maxBodyBytes: bounds.maxBytes,
        });
      } catch (error) {
        if (!(error instanceof TransportProblem)) throw error;
        // A write is repeated only when it surely never left; a read may be repeated whenever the cause can pass.
        const repeatable = method === 'GET' ? error.kind !== 'too-large' : !error.maybeReachedGitHub;
        if (repeatable && attempt < retries) {
          await this.pause(attempt);
          continue;
        }
        throw transportError(error, method, context);
      }
      this.rateLimit.observe(reply.headers, this.clock.now());
      if (reply.status === 304) {
        this.stats.notModified++;
        return reply;
      }
      if (reply.status < 400) return reply;
      if (reply.status >= 500 && method === 'GET' && attempt < retries) {
        await this.pause(attempt);
        continue;
      }
      if (reply.status >= 500 && method === 'POST') throw unconfirmedWrite(`HTTP ${reply.status}`, context);
      const now = this.clock.now();
      if (reply.status === 403 || reply.status === 429) {
        if (reply.headers['x-ratelimit-remaining'] === '0') this.rateLimit.observePrimaryLimit(reply.headers, now);
        else if (
          reply.status === 429 ||
          reply.headers['retry-after'] !== undefined ||
          isSecondaryLimitMessage(githubMessage(reply.data))
        )
          this.rateLimit.observeSecondaryLimit(reply.headers, now);
      }
      throw translateStatus(reply.status, reply.data, context, this.rateLimit.blockedAt(now));
    }
  }

  private pause(attempt: number): Promise<void> {
    const ms = (attempt + 1) ** 2 * (this.options.retryDelayMs ?? 1000);
    return new Promise((resolve) => {
      setTimeout(resolve, ms);
    });
  }

  /** A conditional GET through the ETag cache; concurrent calls for one URL share one request. */
  private getJson(
    url: string,
    context: ErrorContext,
  ): Promise<{ data: unknown; link: string | undefined; changed: boolean }> {
    return this.flights.run(`GET ${url}`, async () => {
      const cached = this.cache.get(url);
      const reply = await this.send('GET', url, cached ? { 'if-none-match': cached.etag } : {}, context);
      if (reply.status === 304 && cached) return { data: cached.data, link: cached.link, changed: false };
      if (reply.status === 304)
        throw new GitHubApiError(
          'unexpected',
          'GitHub answered 304 to a request Preflight had no cached reply for.',
          304,
        );
      const etag = reply.headers['etag'];
      const link = reply.headers['link'];
      const linkText = typeof link === 'string' ? link : undefined;
      if (typeof etag === 'string') this.cache.set(url, { etag, data: reply.data, link: linkText });
      return { data: reply.data, link: linkText, changed: true };
    });
  }

  /** Follows `rel="next"` up to maxPages; only links on our own API origin, so the token never goes elsewhere. */
  private async getPages<T>(
    firstUrl: string,
    field: ListField,
    maxPages: number,
    context: ErrorContext,
  ): Promise<Listed<T>> {
    const items: T[] = [];
    let url: string | undefined = firstUrl;
    let changed = false;
    let total = 0;
    let malformed = 0;
    for (let page = 0; url !== undefined && page < maxPages; page++) {
      const reply: { data: unknown; link: string | undefined; changed: boolean } = await this.getJson(url, context);
      const pageItems = arrayField(reply.data, field);
      if (!pageItems)
        throw new GitHubApiError('unexpected', `GitHub's reply to ${firstUrl} has no ${field} list.`, undefined);
      // One at a time: spreading a huge page into push() overflows the stack.
      for (const item of pageItems) {
        if (listItemIsValid(field, item)) items.push(item as T);
        else malformed++;
      }
      changed ||= reply.changed;
      if (page === 0) total = totalCount(reply.data);
      const next = nextLink(reply.link);
      url = next !== undefined && new URL(next).origin === new URL(this.baseUrl).origin ? next : undefined;
    }
    return { items, totalCount: total, changed, malformed };
  }

  private repoPath({ owner, repo }: RepoRef): string {
    return `/repos/${segment(owner)}/${segment(repo)}`;
  }

  listRuns(query: ListRunsQuery): Promise<Listed<WorkflowRun>> {
    const params = new URLSearchParams();
    if (query.branch) params.set('branch', query.branch);
    if (query.headSha) params.set('head_sha', query.headSha);
    if (query.status) params.set('status', query.status);
    params.set('per_page', String(query.perPage ?? 20));
    return this.getPages(
      `${this.repoPath(query)}/actions/runs?${params.toString()}`,
      'workflow_runs',
      query.maxPages ?? 1,
      query,
    );
  }

  /** Jobs (with steps) of a run: the latest attempt, or every attempt with filter 'all'. */
  listJobs(ref: RepoRef, runId: number, filter: 'latest' | 'all' = 'latest'): Promise<Listed<WorkflowJob>> {
    return this.getPages(
      `${this.repoPath(ref)}/actions/runs/${segment(runId)}/jobs?filter=${filter}&per_page=100`,
      'jobs',
      10,
      ref,
    );
  }

  listWorkflows(ref: RepoRef): Promise<Listed<Workflow>> {
    return this.getPages(`${this.repoPath(ref)}/actions/workflows?per_page=100`, 'workflows', 5, ref);
  }

  getRun(ref: RepoRef, runId: number): Promise<WorkflowRun> {
    return this.getItem(`${this.repoPath(ref)}/actions/runs/${segment(runId)}`, 'workflow_runs', ref);
  }

  getJob(ref: RepoRef, jobId: number): Promise<WorkflowJob> {
    return this.getItem(`${this.repoPath(ref)}/actions/jobs/${segment(jobId)}`, 'jobs', ref);
  }

  getWorkflow(ref: RepoRef, workflowId: number): Promise<Workflow> {
    return this.getItem(`${this.repoPath(ref)}/actions/workflows/${segment(workflowId)}`, 'workflows', ref);
  }

  private async getItem<T>(url: string, kind: ListField, ref: RepoRef): Promise<T> {
    const { data } = await this.getJson(url, ref);
    if (!listItemIsValid(kind, data))
      throw new GitHubApiError(
        'unexpected',
        `GitHub's reply to ${url} is not the object Preflight asked for.`,
        undefined,
      );
    return data as T;
  }

  async getRepo(
    ref: RepoRef,
  ): Promise<{ readonly full_name: string; readonly default_branch: string; readonly private: boolean }> {
    return (await this.getJson(this.repoPath(ref), ref)).data as {
      full_name: string;
      default_branch: string;
      private: boolean;
    };
  }

  private write(ref: RepoRef, path: string, action: string): Promise<void> {
    return this.flights.run(`POST ${path}`, async () => {
      await this.send('POST', `${this.repoPath(ref)}${path}`, {}, { ...ref, action });
    });
  }

  rerunFailedJobs(ref: RepoRef, runId: number): Promise<void> {
    return this.write(
      ref,
      `/actions/runs/${segment(runId)}/rerun-failed-jobs`,
      `re-run the failed jobs of run ${runId}`,
    );
  }

  rerunRun(ref: RepoRef, runId: number): Promise<void> {
    return this.write(ref, `/actions/runs/${segment(runId)}/rerun`, `re-run run ${runId}`);
  }

  rerunJob(ref: RepoRef, jobId: number): Promise<void> {
    return this.write(ref, `/actions/jobs/${segment(jobId)}/rerun`, `re-run job ${jobId}`);
  }

  cancelRun(ref: RepoRef, runId: number): Promise<void> {
    return this.write(ref, `/actions/runs/${segment(runId)}/cancel`, `cancel run ${runId}`);
  }

  /** A job's log as text. GitHub answers with a 302 to a short-lived URL, which fetch follows (without our token, when cross-origin). */
  jobLog(ref: RepoRef, jobId: number): Promise<{ text: string; truncated: boolean }> {
    const path = `${this.repoPath(ref)}/actions/jobs/${segment(jobId)}/logs`;
    return this.flights.run(`GET ${path}`, async () => {
      const reply = await this.send('GET', path, {}, { ...ref, action: `download the log of job ${jobId}` }, LOG_REPLY);
      const text =
        typeof reply.data === 'string'
          ? reply.data
          : reply.data instanceof ArrayBuffer
            ? new TextDecoder().decode(reply.data)
            : '';
      return text.length > MAX_LOG_CHARS
        ? { text: text.slice(text.length - MAX_LOG_CHARS), truncated: true }
        : { text, truncated: false };
    });
  }
}

function transportError(problem: TransportProblem, method: 'GET' | 'POST', context: ErrorContext): GitHubApiError {
  if (method === 'POST' && problem.maybeReachedGitHub) return unconfirmedWrite(problem.message, context);
  if (problem.kind === 'network') return translateStatus(0, { message: problem.message }, context);
  if (problem.kind === 'timeout')
    return new GitHubApiError(
      'offline',
      `${problem.message}: the network or GitHub is slow; Preflight will try again.`,
      undefined,
    );
  return new GitHubApiError(
    'server',
    `GitHub sent a broken reply (${problem.message}); Preflight will try again.`,
    undefined,
  );
}

/** A write whose fate is unknown: it may have been carried out, so it is not sent again, and the user is told to look. */
function unconfirmedWrite(cause: string, context: ErrorContext): GitHubApiError {
  return new GitHubApiError(
    'server',
    `GitHub did not confirm the request to ${context.action ?? 'do that'} (${cause}). It may have gone through: refresh to see the run's state before trying again.`,
    undefined,
  );
}
