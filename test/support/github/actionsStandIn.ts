// A stateful local stand-in for GitHub's Actions REST API on 127.0.0.1, for tests, the benchmark, the E2E suite and the
// demo. It behaves like GitHub where Preflight depends on it: weak ETags with If-None-Match -> 304 (free of rate limit),
// Link pagination, x-ratelimit-* headers, the primary limit (403, remaining 0) and secondary limits (429/403 with
// retry-after), job logs as a 302 to a blob URL, re-run/cancel semantics, and token/scope checks. Every JSON reply is
// validated against GitHub's OpenAPI description; an invalid reply is recorded and makes close() throw.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActionRefused, ActionsState, type JobState } from './actionsState';
import { OpenApiValidator } from './openApiValidator';

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly ifNoneMatch: string | undefined;
  /** Whether the request cost rate limit (304s and /rate_limit do not). */
  readonly counted: boolean;
  /** Virtual or real time the request arrived. */
  readonly at: number;
}

export type Fault =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'secondaryLimit'; readonly status: 403 | 429; readonly retryAfterSeconds: number }
  // Hostile replies, deliberately not GitHub's (they bypass the OpenAPI check): what a broken proxy, a half-open
  // connection or a failing server sends.
  /** Never answers. */
  | { readonly kind: 'silent' }
  /** Sends headers, then one byte of a runs page every `intervalMs`. */
  | { readonly kind: 'drip'; readonly intervalMs: number }
  /** A 200 with this body as JSON text, whatever it is. */
  | { readonly kind: 'raw'; readonly body: string }
  /** A runs page that never ends: items until the client hangs up. */
  | { readonly kind: 'endless' }
  /** Carries the request out (a re-run happens), then resets the connection instead of answering. */
  | { readonly kind: 'resetAfterHandling' };

export interface StandInOptions {
  /** Clock for timestamps and rate-limit resets (the benchmark passes a virtual one). */
  readonly now?: () => number;
  readonly rateLimit?: number;
}

const SECONDARY_MESSAGE = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const DOCS = 'https://docs.github.com/rest';

export class ActionsStandIn {
  readonly state: ActionsState;
  readonly requests: LoggedRequest[] = [];
  readonly invalidReplies: string[] = [];
  private readonly validator = new OpenApiValidator();
  private readonly server: http.Server;
  private readonly now: () => number;
  private faults: { fault: Fault; match: RegExp | undefined }[] = [];
  private holds: RegExp[] = [];
  private arrivalWaiters: { match: RegExp; resolve: () => void }[] = [];
  private loggedWaiters: { test: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }[] = [];
  private readonly heldReplies: (() => void)[] = [];
  private requiredToken: { token: string; scopes: readonly string[] } | undefined;
  private limit: number;
  private remaining: number;
  private resetAt: number;
  private readonly blobs = new Map<string, string>();
  private baseUrl = '';

  constructor(options: StandInOptions = {}) {
    this.now = options.now ?? Date.now;
    this.state = new ActionsState(this.now);
    this.limit = options.rateLimit ?? 5000;
    this.remaining = this.limit;
    this.resetAt = this.now() + 3_600_000;
    this.server = http.createServer((req, res) => {
      this.handle(req, res);
    });
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Stops the server; throws when any reply broke GitHub's schema, so a drifting stand-in fails the test that used it. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
    if (this.invalidReplies.length > 0)
      throw new Error(
        `stand-in sent replies that break GitHub's OpenAPI description:\n${this.invalidReplies.join('\n')}`,
      );
  }

  // ---- scenario controls --------------------------------------------------------------------------------------

  /** The next `count` requests whose path matches `match` (all when omitted) fail this way. */
  injectFault(fault: Fault, count = 1, match?: RegExp): void {
    for (let i = 0; i < count; i++) this.faults.push({ fault, match });
  }

  setRateLimit(remaining: number, resetAt: number = this.now() + 3_600_000, limit: number = this.limit): void {
    this.limit = limit;
    this.remaining = remaining;
    this.resetAt = resetAt;
  }

  get rateLimitRemaining(): number {
    this.refillIfReset();
    return this.remaining;
  }

  /** Requests must carry this token; writes also need the `repo` scope among `scopes`. */
  requireToken(token: string, scopes: readonly string[] = ['repo', 'workflow']): void {
    this.requiredToken = { token, scopes };
  }

  /** Replies to paths matching `match` wait until the returned function is called (a slow GitHub); then all go out. */
  hold(match: RegExp): () => void {
    this.holds.push(match);
    return () => {
      this.holds = this.holds.filter((m) => m !== match);
      for (const respond of this.heldReplies.splice(0)) respond();
    };
  }

  /** Resolves when the next request whose path matches `match` arrives (before it is answered, or not). */
  arrival(match: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.arrivalWaiters.push({ match, resolve });
    });
  }

  /**
   * The first logged request (answered, with its status) that passes `test`, from the `from`-th entry of the log on:
   * one already logged, or the next one.
   */
  whenLogged(test: (r: LoggedRequest) => boolean, from = 0): Promise<LoggedRequest> {
    const logged = this.requests.slice(from).find(test);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve) => {
      this.loggedWaiters.push({ test, resolve });
    });
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  private refillIfReset(): void {
    if (this.now() >= this.resetAt) {
      this.remaining = this.limit;
      this.resetAt = this.now() + 3_600_000;
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const ifNoneMatch = req.headers['if-none-match'];
    const log = (status: number, counted: boolean): void => {
      const entry: LoggedRequest = { method, path: url.pathname, query, status, ifNoneMatch, counted, at: this.now() };
      this.requests.push(entry);
      for (const waiter of this.loggedWaiters.filter((w) => w.test(entry))) {
        this.loggedWaiters = this.loggedWaiters.filter((w) => w !== waiter);
        waiter.resolve(entry);
      }
    };
    // Blob URLs are not API calls: no auth, no rate limit (like GitHub's signed log URLs).
    if (url.pathname.startsWith('/_blobs/')) {
      const text = this.blobs.get(url.pathname);
      log(text === undefined ? 404 : 200, false);
      res.writeHead(text === undefined ? 404 : 200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text ?? 'expired');
      return;
    }
    req.resume();
    req.on('end', () => {
      for (const waiter of this.arrivalWaiters.filter((w) => w.match.test(url.pathname))) {
        this.arrivalWaiters = this.arrivalWaiters.filter((w) => w !== waiter);
        waiter.resolve();
      }
      const respond = (): void => {
        const faultIndex = this.faults.findIndex((f) => f.match === undefined || f.match.test(url.pathname));
        const fault = faultIndex === -1 ? undefined : this.faults.splice(faultIndex, 1)[0]?.fault;
        if (fault) {
          switch (fault.kind) {
            case 'drop':
              log(0, false);
              req.socket.destroy();
              return;
            case 'status':
              log(fault.status, false);
              this.reply(res, method, url.pathname, fault.status, { message: 'Server Error' });
              return;
            case 'secondaryLimit':
              log(fault.status, false);
              this.reply(
                res,
                method,
                url.pathname,
                fault.status,
                {
                  message: SECONDARY_MESSAGE,
                  documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
                },
                { 'retry-after': String(fault.retryAfterSeconds) },
              );
              return;
            case 'resetAfterHandling':
              try {
                this.route(method, url);
              } finally {
                log(0, true);
                req.socket.destroy();
              }
              return;
            case 'silent':
            case 'drip':
            case 'raw':
            case 'endless':
              log(fault.kind === 'silent' ? 0 : 200, false);
              sendHostile(fault, res);
              return;
          }
        }
        const auth = this.checkAuth(req.headers.authorization, method);
        if (auth) {
          log(auth.status, false);
          this.reply(res, method, url.pathname, auth.status, { message: auth.message, documentation_url: DOCS });
          return;
        }
        const isRateLimitCall = url.pathname === '/rate_limit';
        this.refillIfReset();
        if (!isRateLimitCall && this.remaining <= 0) {
          log(403, false);
          this.reply(res, method, url.pathname, 403, {
            message: 'API rate limit exceeded for user ID 1.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          });
          return;
        }
        let result: { status: number; body?: unknown; headers?: Record<string, string> };
        try {
          result = this.route(method, url);
        } catch (error) {
          result =
            error instanceof ActionRefused
              ? { status: error.status, body: { message: error.message, documentation_url: DOCS } }
              : { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
        }
        // Weak ETag over the reply body: changes exactly when the content does, like GitHub's.
        if (method === 'GET' && result.status === 200 && result.body !== undefined) {
          const etag = `W/"${createHash('sha1').update(JSON.stringify(result.body)).digest('hex')}"`;
          result.headers = { ...result.headers, etag };
          if (ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
            log(304, false);
            res.writeHead(304, { ...this.rateHeaders(), etag });
            res.end();
            return;
          }
        }
        const counted = !isRateLimitCall;
        if (counted) this.remaining--;
        log(result.status, counted);
        if (result.status === 302) {
          res.writeHead(302, { ...this.rateHeaders(), ...result.headers });
          res.end();
          return;
        }
        this.reply(res, method, url.pathname, result.status, result.body, result.headers);
      };
      // A held path answers only when the test releases it (GitHub being slow), in arrival order.
      if (this.holds.some((m) => m.test(url.pathname))) this.heldReplies.push(respond);
      else respond();
    });
  }

  private checkAuth(header: string | undefined, method: string): { status: number; message: string } | undefined {
    if (!this.requiredToken) return undefined;
    const token = header?.replace(/^(token|bearer)\s+/i, '');
    if (token !== this.requiredToken.token) return { status: 401, message: 'Bad credentials' };
    if (method !== 'GET' && !this.requiredToken.scopes.includes('repo'))
      return { status: 403, message: 'Resource not accessible by integration' };
    return undefined;
  }

  private rateHeaders(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.remaining)),
      'x-ratelimit-used': String(this.limit - Math.max(0, this.remaining)),
      'x-ratelimit-reset': String(Math.ceil(this.resetAt / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }

  private reply(
    res: http.ServerResponse,
    method: string,
    pathname: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const problems = this.validator.check(method, pathname, status, body);
    this.invalidReplies.push(...problems);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...this.rateHeaders(), ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  /** Link header and slice for `per_page` / `page`, as GitHub pages lists. */
  private page<T>(url: URL, items: readonly T[]): { items: T[]; link: string | undefined } {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const at = (n: number): string => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(n));
      return `<${u.toString()}>`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(`${at(page - 1)}; rel="prev"`);
    if (page < last) rels.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) rels.push(`${at(1)}; rel="first"`);
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      link: rels.length > 0 ? rels.join(', ') : undefined,
    };
  }

  private route(method: string, url: URL): { status: number; body?: unknown; headers?: Record<string, string> } {
    const api = this.baseUrl;
    const parts = url.pathname.split('/').filter((p) => p !== '');
    if (method === 'GET' && url.pathname === '/rate_limit') {
      this.refillIfReset();
      const core = {
        limit: this.limit,
        used: this.limit - this.remaining,
        remaining: this.remaining,
        reset: Math.ceil(this.resetAt / 1000),
      };
      return { status: 200, body: this.state.rateLimitJson(core) };
    }
    if (parts[0] !== 'repos' || parts.length < 3) throw new ActionRefused(404, 'Not Found');
    const repo = this.state.repo(parts[1] ?? '', parts[2] ?? '');
    if (!repo) throw new ActionRefused(404, 'Not Found');
    const key = `${repo.owner}/${repo.name}`.toLowerCase();
    const rest = parts.slice(3).join('/');
    const id = Number(parts[5]);
    const withLink = (body: unknown, link: string | undefined) => ({
      status: 200,
      body,
      ...(link === undefined ? {} : { headers: { link } }),
    });
    if (method === 'GET' && rest === '') return { status: 200, body: this.state.repoJson(repo, api) };
    if (method === 'GET' && rest === 'actions/workflows') {
      const all = [...this.state.workflows.values()].filter((w) => w.repoKey === key);
      const { items, link } = this.page(url, all);
      return withLink({ total_count: all.length, workflows: items.map((w) => this.state.workflowJson(w, api)) }, link);
    }
    if (method === 'GET' && /^actions\/workflows\/\d+$/.test(rest)) {
      const workflow = this.state.workflows.get(id);
      if (!workflow || workflow.repoKey !== key) throw new ActionRefused(404, 'Not Found');
      return { status: 200, body: this.state.workflowJson(workflow, api) };
    }
    if (method === 'GET' && rest === 'actions/runs') {
      const q = url.searchParams;
      const all = [...this.state.runs.values()]
        .filter((r) => r.repoKey === key)
        .filter((r) => !q.get('branch') || r.headBranch === q.get('branch'))
        .filter((r) => !q.get('head_sha') || r.headSha === q.get('head_sha'))
        .filter((r) => !q.get('event') || r.event === q.get('event'))
        .filter((r) => !q.get('actor') || r.actor === q.get('actor'))
        .filter((r) => !q.get('status') || r.status === q.get('status') || r.conclusion === q.get('status'))
        .sort((a, b) => b.id - a.id);
      const { items, link } = this.page(url, all);
      return withLink({ total_count: all.length, workflow_runs: items.map((r) => this.state.runJson(r, api)) }, link);
    }
    if (/^actions\/runs\/\d+/.test(rest)) {
      const run = this.state.run(id);
      if (run.repoKey !== key) throw new ActionRefused(404, 'Not Found');
      const action = parts.slice(6).join('/');
      if (method === 'GET' && action === '') return { status: 200, body: this.state.runJson(run, api) };
      if (method === 'GET' && action === 'jobs') {
        const jobs = url.searchParams.get('filter') === 'all' ? run.jobs : this.state.latestJobs(run);
        const { items, link } = this.page(url, jobs);
        return withLink({ total_count: jobs.length, jobs: items.map((j) => this.state.jobJson(run, j, api)) }, link);
      }
      if (method === 'POST' && action === 'cancel') {
        this.state.cancel(run.id);
        return { status: 202, body: {} };
      }
      if (method === 'POST' && action === 'rerun') {
        this.state.rerun(run.id, () => true);
        return { status: 201, body: {} };
      }
      if (method === 'POST' && action === 'rerun-failed-jobs') {
        this.state.rerun(
          run.id,
          (j: JobState) => j.conclusion === 'failure' || j.conclusion === 'cancelled' || j.conclusion === 'timed_out',
        );
        return { status: 201, body: {} };
      }
    }
    if (/^actions\/jobs\/\d+/.test(rest)) {
      const { run, job } = this.state.job(id);
      if (run.repoKey !== key) throw new ActionRefused(404, 'Not Found');
      const action = parts.slice(6).join('/');
      if (method === 'GET' && action === '') return { status: 200, body: this.state.jobJson(run, job, api) };
      if (method === 'GET' && action === 'logs') {
        // GitHub answers with a short-lived signed URL on another host; the blob itself costs no rate limit.
        const blob = `/_blobs/${createHash('sha1').update(`${job.id}:${this.now()}`).digest('hex')}`;
        this.blobs.set(blob, job.log);
        return { status: 302, headers: { location: `${api}${blob}` } };
      }
      if (method === 'POST' && action === 'rerun') {
        this.state.rerun(run.id, (j) => j.name === job.name);
        return { status: 201, body: {} };
      }
    }
    throw new ActionRefused(404, 'Not Found');
  }
}

/** Writes one of the hostile replies (never answering is writing nothing). */
function sendHostile(
  fault: Extract<Fault, { kind: 'silent' | 'drip' | 'raw' | 'endless' }>,
  res: http.ServerResponse,
): void {
  const item =
    '{"id":1,"run_number":1,"event":"push","status":"completed","conclusion":"success","workflow_id":1,"head_branch":"main","head_sha":"abc","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","html_url":"x"}';
  switch (fault.kind) {
    case 'silent':
      return;
    case 'raw':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(fault.body);
      return;
    case 'drip': {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      const body = `{"total_count":1,"workflow_runs":[${item}]}`;
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= body.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(body.charAt(sent++));
      }, fault.intervalMs);
      res.on('close', () => {
        clearInterval(timer);
      });
      return;
    }
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write('{"total_count":1,"workflow_runs":[');
      const chunk = `${item},`.repeat(1000);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => {
        res.removeAllListeners('drain');
      });
      pump();
      return;
    }
  }
}
