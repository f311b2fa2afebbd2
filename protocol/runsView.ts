// The panel's view of GitHub Actions runs for the current branch: plain data the extension sends and the webview draws.
// Names are camelCase view fields, not the API's; the extension builds them from the server's runs (protocol/
// pipelineRuns.ts) in client/src/github/runViews.ts. The webview validates every snapshot on arrival (parseRunsMessage)
// like any other input.

export const RUN_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
export type RunStatusView = (typeof RUN_STATUSES)[number];

export const RUN_CONCLUSIONS = [
  'success',
  'failure',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'neutral',
  'stale',
  'startup_failure',
] as const;
export type RunConclusionView = (typeof RUN_CONCLUSIONS)[number];

/**
 * What "failed" means, written once for the engine, the extension and the panel. A job or run failed by itself when it
 * failed, timed out or could not start: its log says why. "Re-run failed jobs" also picks up cancelled jobs (GitHub's
 * own definition), which were stopped by something else (a user, a newer run, a failed sibling with fail-fast).
 */
const FAILED_BY_ITSELF: ReadonlySet<string | null> = new Set(['failure', 'timed_out', 'startup_failure']);

export function failedByItself(conclusion: string | null): boolean {
  return FAILED_BY_ITSELF.has(conclusion);
}

export function rerunAsFailed(conclusion: string | null): boolean {
  return conclusion === 'cancelled' || FAILED_BY_ITSELF.has(conclusion);
}

export interface StepView {
  /** As the API counts them: 1 is "Set up job", then the workflow's steps, then post steps and "Complete job". */
  readonly number: number;
  readonly name: string;
  readonly status: RunStatusView;
  readonly conclusion: RunConclusionView | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

export interface JobView {
  readonly id: number;
  readonly name: string;
  readonly status: RunStatusView;
  readonly conclusion: RunConclusionView | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly steps: readonly StepView[];
}

export interface RunView {
  readonly id: number;
  readonly workflowName: string;
  /** The commit title (or PR title) GitHub shows for the run. */
  readonly title: string;
  readonly headSha: string;
  readonly runNumber: number;
  readonly attempt: number;
  /** The trigger: push, pull_request, schedule, workflow_dispatch… */
  readonly event: string;
  readonly actor: string | null;
  readonly status: RunStatusView;
  readonly conclusion: RunConclusionView | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly updatedAt: string;
  /** null while the jobs have not been fetched yet. */
  readonly jobs: readonly JobView[] | null;
}

/** Why the list is what it is. `ok` and `loading` show the runs; the rest explain an empty or stale list. */
export type RunsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok' }
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'noRemote' }
  | { readonly kind: 'noRuns' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'rateLimited'; readonly until: string }
  | { readonly kind: 'permissionDenied'; readonly detail: string };

export interface RunsMessage {
  readonly type: 'runs';
  readonly state: RunsState;
  /** owner/name, when a GitHub remote was found. */
  readonly repository: string | null;
  readonly branch: string | null;
  /** Newest first. May be the last good list while offline or rate limited. */
  readonly runs: readonly RunView[];
  /** When the list was last confirmed current (a 200 or a 304), ISO 8601. */
  readonly updatedAt: string | null;
  /**
   * Set when the runs are the last snapshot kept from an earlier session (client/src/github/runsSnapshotStore.ts), drawn
   * at once while the first fetch is in flight; the page marks them as cached until fresh data replaces them.
   */
  readonly cached?: true;
  /** Runs GitHub listed without the fields Preflight reads: not drawn, but counted so the page can say so. */
  readonly leftOut?: number;
}

/** At most this many runs are drawn; the extension sends the newest page. */
const MAX_RUNS = 100;
const MAX_JOBS = 256;
const MAX_STEPS = 1000;
const MAX_TEXT = 2000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GitHub ids are positive integers well inside 2^53. */
export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

function optionalTime(value: unknown): string | null | undefined {
  if (value === null) return null;
  return isTime(value) ? value : undefined;
}

function isStatus(value: unknown): value is RunStatusView {
  return (RUN_STATUSES as readonly unknown[]).includes(value);
}

function conclusionOf(value: unknown): RunConclusionView | null | undefined {
  if (value === null) return null;
  return (RUN_CONCLUSIONS as readonly unknown[]).includes(value) ? (value as RunConclusionView) : undefined;
}

/** Maps each item, or returns undefined when any item is malformed or there are too many. */
export function all<T>(value: unknown, max: number, parse: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const out: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

/** The view keys rows by run id, job id and step number: a repeated key is a malformed message. */
function unique(keys: readonly number[]): boolean {
  return new Set(keys).size === keys.length;
}

function parseStep(value: unknown): StepView | undefined {
  if (!isRecord(value)) return undefined;
  const { number, name, status } = value;
  const conclusion = conclusionOf(value['conclusion']);
  const startedAt = optionalTime(value['startedAt']);
  const completedAt = optionalTime(value['completedAt']);
  if (!isId(number) || !isText(name) || !isStatus(status)) return undefined;
  if (conclusion === undefined || startedAt === undefined || completedAt === undefined) return undefined;
  return { number, name, status, conclusion, startedAt, completedAt };
}

function parseJob(value: unknown): JobView | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name, status } = value;
  const conclusion = conclusionOf(value['conclusion']);
  const startedAt = optionalTime(value['startedAt']);
  const completedAt = optionalTime(value['completedAt']);
  const steps = all(value['steps'], MAX_STEPS, parseStep);
  if (!isId(id) || !isText(name) || !isStatus(status) || !steps || !unique(steps.map((s) => s.number)))
    return undefined;
  if (conclusion === undefined || startedAt === undefined || completedAt === undefined) return undefined;
  return { id, name, status, conclusion, startedAt, completedAt, steps };
}

function parseRun(value: unknown): RunView | undefined {
  if (!isRecord(value)) return undefined;
  const { id, workflowName, title, headSha, runNumber, attempt, event, status, createdAt, updatedAt } = value;
  const actor = value['actor'];
  const conclusion = conclusionOf(value['conclusion']);
  const startedAt = optionalTime(value['startedAt']);
  const jobs = value['jobs'] === null ? null : all(value['jobs'], MAX_JOBS, parseJob);
  if (!isId(id) || !isText(workflowName) || !isText(title) || !isText(headSha) || !isId(runNumber) || !isId(attempt))
    return undefined;
  if (
    !isText(event) ||
    !(actor === null || isText(actor)) ||
    !isStatus(status) ||
    !isTime(createdAt) ||
    !isTime(updatedAt)
  )
    return undefined;
  if (conclusion === undefined || startedAt === undefined || jobs === undefined) return undefined;
  if (jobs && !unique(jobs.map((j) => j.id))) return undefined;
  return {
    id,
    workflowName,
    title,
    headSha,
    runNumber,
    attempt,
    event,
    actor,
    status,
    conclusion,
    createdAt,
    startedAt,
    updatedAt,
    jobs,
  };
}

function parseState(value: unknown): RunsState | undefined {
  if (!isRecord(value)) return undefined;
  const kind = value['kind'];
  switch (kind) {
    case 'loading':
    case 'ok':
    case 'signedOut':
    case 'noRemote':
    case 'noRuns':
    case 'offline':
      return { kind };
    case 'rateLimited': {
      const until = value['until'];
      return isTime(until) ? { kind, until } : undefined;
    }
    case 'permissionDenied': {
      const detail = value['detail'];
      return isText(detail) ? { kind, detail } : undefined;
    }
    default:
      return undefined;
  }
}

/** The `runs` message with only known fields, or undefined when anything in it is malformed. */
export function parseRunsMessage(value: Record<string, unknown>): RunsMessage | undefined {
  const state = parseState(value['state']);
  const { repository, branch } = value;
  const updatedAt = optionalTime(value['updatedAt']);
  const runs = all(value['runs'], MAX_RUNS, parseRun);
  if (!state || !runs || updatedAt === undefined) return undefined;
  if (!(repository === null || isText(repository)) || !(branch === null || isText(branch))) return undefined;
  if (!unique(runs.map((r) => r.id))) return undefined;
  const leftOut = value['leftOut'];
  const counted = typeof leftOut === 'number' && Number.isSafeInteger(leftOut) && leftOut > 0 ? { leftOut } : {};
  return {
    type: 'runs',
    state,
    repository,
    branch,
    runs,
    updatedAt,
    ...(value['cached'] === true ? { cached: true } : {}),
    ...counted,
  };
}
