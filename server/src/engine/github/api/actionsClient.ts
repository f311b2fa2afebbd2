// The GitHub Actions REST client behind the panel, the watcher and the CLI. On top of octokit (retry of 5xx and dropped
// connections, throttled writes) it adds what polling needs: conditional requests with an ETag cache per URL (a 304
// reuses the cached body and costs no rate limit), one request per endpoint at a time, Link pagination, and rate-limit
// awareness (no request leaves while GitHub said to wait). octokit loads on first use so activation stays fast.
import { systemClock, type Clock } from './clock';
import { EtagCache } from './etagCache';
import { GitHubApiError, isSecondaryLimitMessage, rateLimitedError, translateStatus, type ErrorContext } from './githubApiError';
import { RateLimitTracker } from './rateLimitTracker';
import { SingleFlight } from './singleFlight';
import type { WorkflowJob, WorkflowRun } from './types';

export const GITHUB_API_URL = 'https://api.github.com';
/** Job logs can be large; the panel shows the end of the log, where failures are. */
export const MAX_LOG_CHARS = 4_000_000;

export interface ActionsClientOptions {
  /** undefined sends unauthenticated requests (public repositories, 60 requests an hour). */
  readonly token: string | undefined;
  /** REST root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
  /** Retries of 5xx and dropped connections (octokit's retry plugin). */
  readonly retries?: number;
  /** Base of the retry delay (retry n waits n² x this); tests lower it. */
  readonly retryDelayMs?: number;
}

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
}

export interface Workflow {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly state: string;
}

type HeaderValues = Readonly<Record<string, string | number | undefined>>;

interface Reply {
  readonly status: number;
  readonly data: unknown;
  readonly headers: HeaderValues;
}

interface OctokitLike {
  request(route: string, options: { headers: Record<string, string> }): Promise<{ status: number; data: unknown; headers: HeaderValues }>;
}

interface RequestErrorLike {
  readonly status: number;
  readonly response?: { readonly data: unknown; readonly headers: HeaderValues };
  readonly message: string;
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

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
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['total_count'] : undefined;
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
  private octokit: Promise<OctokitLike> | undefined;

  constructor(private readonly options: ActionsClientOptions) {
    this.baseUrl = (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
  }

  private load(): Promise<OctokitLike> {
    this.octokit ??= import('octokit').then(({ Octokit }) => {
      const quiet = (): void => undefined;
      const client = new Octokit({
        ...(this.options.token === undefined ? {} : { auth: this.options.token }),
        baseUrl: this.baseUrl,
        userAgent: 'preflight-vscode',
        log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
        // 304 is an answer, 409 is final, 429/403 limits are ours to schedule (the watcher waits; nobody blocks a request
        // for minutes), so retries cover only 5xx and dropped connections.
        retry: { retries: this.options.retries ?? 2, retryAfterBaseValue: this.options.retryDelayMs ?? 1000, doNotRetry: [304, 400, 401, 403, 404, 409, 410, 422, 429, 451] },
        throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
      });
      return client;
    });
    return this.octokit;
  }

  /** One request, with rate-limit gate and error translation. 304 comes back as a reply, not an error. */
  private async send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, context: ErrorContext): Promise<Reply> {
    const blocked = this.rateLimit.blockedAt(this.clock.now());
    if (blocked !== undefined) throw rateLimitedError(blocked);
    const octokit = await this.load();
    this.stats.sent++;
    try {
      const reply = await octokit.request(`${method} ${url}`, { headers: { 'x-github-api-version': '2022-11-28', ...headers } });
      this.rateLimit.observe(reply.headers, this.clock.now());
      return reply;
    } catch (error) {
      if (!isRequestError(error)) throw new GitHubApiError('unexpected', `GitHub request failed: ${error instanceof Error ? error.message : String(error)}`, undefined);
      const response = error.response;
      if (response === undefined) throw translateStatus(0, { message: error.message }, context);
      const now = this.clock.now();
      this.rateLimit.observe(response.headers, now);
      if (error.status === 304) {
        this.stats.notModified++;
        return { status: 304, data: undefined, headers: response.headers };
      }
      if (error.status === 403 || error.status === 429) {
        if (String(response.headers['x-ratelimit-remaining']) === '0') this.rateLimit.observePrimaryLimit(response.headers, now);
        else if (error.status === 429 || response.headers['retry-after'] !== undefined || isSecondaryLimitMessage(error.message)) this.rateLimit.observeSecondaryLimit(response.headers, now);
      }
      throw translateStatus(error.status, response.data, context, this.rateLimit.blockedAt(now));
    }
  }

  /** A conditional GET through the ETag cache; concurrent calls for one URL share one request. */
  private getJson(url: string, context: ErrorContext): Promise<{ data: unknown; link: string | undefined; changed: boolean }> {
    return this.flights.run(`GET ${url}`, async () => {
      const cached = this.cache.get(url);
      const reply = await this.send('GET', url, cached ? { 'if-none-match': cached.etag } : {}, context);
      if (reply.status === 304 && cached) return { data: cached.data, link: cached.link, changed: false };
      if (reply.status === 304) throw new GitHubApiError('unexpected', 'GitHub answered 304 to a request Preflight had no cached reply for.', 304);
      const etag = reply.headers['etag'];
      const link = reply.headers['link'];
      const linkText = typeof link === 'string' ? link : undefined;
      if (typeof etag === 'string') this.cache.set(url, { etag, data: reply.data, link: linkText });
      return { data: reply.data, link: linkText, changed: true };
    });
  }

  /** Follows `rel="next"` up to maxPages; only links on our own API origin, so the token never goes elsewhere. */
  private async getPages<T>(firstUrl: string, field: string, maxPages: number, context: ErrorContext): Promise<Listed<T>> {
    const items: T[] = [];
    let url: string | undefined = firstUrl;
    let changed = false;
    let total = 0;
    for (let page = 0; url !== undefined && page < maxPages; page++) {
      const reply: { data: unknown; link: string | undefined; changed: boolean } = await this.getJson(url, context);
      const pageItems = arrayField(reply.data, field);
      if (!pageItems) throw new GitHubApiError('unexpected', `GitHub's reply to ${firstUrl} has no ${field} list.`, undefined);
      items.push(...(pageItems as T[]));
      changed ||= reply.changed;
      if (page === 0) total = totalCount(reply.data);
      const next = nextLink(reply.link);
      url = next !== undefined && new URL(next).origin === new URL(this.baseUrl).origin ? next : undefined;
    }
    return { items, totalCount: total, changed };
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
    return this.getPages(`${this.repoPath(query)}/actions/runs?${params.toString()}`, 'workflow_runs', query.maxPages ?? 1, query);
  }

  /** Jobs (with steps) of a run: the latest attempt, or every attempt with filter 'all'. */
  listJobs(ref: RepoRef, runId: number, filter: 'latest' | 'all' = 'latest'): Promise<Listed<WorkflowJob>> {
    return this.getPages(`${this.repoPath(ref)}/actions/runs/${segment(runId)}/jobs?filter=${filter}&per_page=100`, 'jobs', 10, ref);
  }

  listWorkflows(ref: RepoRef): Promise<Listed<Workflow>> {
    return this.getPages(`${this.repoPath(ref)}/actions/workflows?per_page=100`, 'workflows', 5, ref);
  }

  async getRun(ref: RepoRef, runId: number): Promise<WorkflowRun> {
    return (await this.getJson(`${this.repoPath(ref)}/actions/runs/${segment(runId)}`, ref)).data as WorkflowRun;
  }

  async getJob(ref: RepoRef, jobId: number): Promise<WorkflowJob> {
    return (await this.getJson(`${this.repoPath(ref)}/actions/jobs/${segment(jobId)}`, ref)).data as WorkflowJob;
  }

  async getWorkflow(ref: RepoRef, workflowId: number): Promise<Workflow> {
    return (await this.getJson(`${this.repoPath(ref)}/actions/workflows/${segment(workflowId)}`, ref)).data as Workflow;
  }

  async getRepo(ref: RepoRef): Promise<{ readonly full_name: string; readonly default_branch: string; readonly private: boolean }> {
    return (await this.getJson(this.repoPath(ref), ref)).data as { full_name: string; default_branch: string; private: boolean };
  }

  private write(ref: RepoRef, path: string, action: string): Promise<void> {
    return this.flights.run(`POST ${path}`, async () => {
      await this.send('POST', `${this.repoPath(ref)}${path}`, {}, { ...ref, action });
    });
  }

  rerunFailedJobs(ref: RepoRef, runId: number): Promise<void> {
    return this.write(ref, `/actions/runs/${segment(runId)}/rerun-failed-jobs`, `re-run the failed jobs of run ${runId}`);
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
      const reply = await this.send('GET', path, {}, { ...ref, action: `download the log of job ${jobId}` });
      const text = typeof reply.data === 'string' ? reply.data : reply.data instanceof ArrayBuffer ? new TextDecoder().decode(reply.data) : '';
      return text.length > MAX_LOG_CHARS ? { text: text.slice(text.length - MAX_LOG_CHARS), truncated: true } : { text, truncated: false };
    });
  }
}
