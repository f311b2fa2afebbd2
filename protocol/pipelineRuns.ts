// What the pipeline panel shows about GitHub Actions runs: runs with their jobs and steps, plus the watch state. Shared by
// the engine, the server, the client and the webview, so it imports nothing. Run, job and step fields keep GitHub's REST
// API names (components/schemas/workflow-run, job) so they read like GitHub's documentation; our additions are camelCase.

export type PipelineRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';

export interface PipelineStep {
  readonly number: number;
  readonly name: string;
  readonly status: 'queued' | 'in_progress' | 'completed' | 'pending';
  /** success | failure | cancelled | skipped | ... ; null while the step has not completed. */
  readonly conclusion: string | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
}

export interface PipelineJob {
  readonly id: number;
  readonly run_id: number;
  readonly run_attempt: number | null;
  readonly name: string;
  readonly status: PipelineRunStatus;
  readonly conclusion: string | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  readonly html_url: string | null;
  readonly labels: readonly string[];
  readonly runner_name: string | null;
  readonly steps: readonly PipelineStep[];
}

export interface PipelineRun {
  readonly id: number;
  /** Workflow name. */
  readonly name: string | null;
  readonly run_number: number;
  readonly run_attempt: number | null;
  /** The trigger: push, pull_request, workflow_dispatch, schedule, ... */
  readonly event: string;
  readonly status: PipelineRunStatus | null;
  readonly conclusion: string | null;
  readonly workflow_id: number;
  /**
   * Repository-relative workflow file, e.g. `.github/workflows/ci.yml`, without the `@ref` GitHub appends for reusable
   * workflows; null when GitHub did not say.
   */
  readonly path: string | null;
  readonly head_branch: string | null;
  readonly head_sha: string;
  /** Commit title or PR title. Untrusted text: render as text, never as HTML. */
  readonly display_title: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly run_started_at: string | null;
  readonly html_url: string;
  readonly actor: string | null;
  readonly triggering_actor: string | null;
  /** The run's jobs with steps; null when the watcher did not fetch them (older completed runs). */
  readonly jobs: readonly PipelineJob[] | null;
}

/**
 * Why the panel shows what it shows. On every non-ok state the snapshot keeps the last runs it had, so the panel can keep
 * them on screen (no layout jump) under a banner.
 */
export type PipelineRunsState =
  | { readonly kind: 'ok' }
  | { readonly kind: 'signedOut'; readonly message: string }
  | { readonly kind: 'noRemote'; readonly message: string }
  | { readonly kind: 'noRuns'; readonly message: string }
  | { readonly kind: 'offline'; readonly message: string }
  /** `until` is an ISO time when requests may resume (x-ratelimit-reset or retry-after). */
  | { readonly kind: 'rateLimited'; readonly message: string; readonly until: string }
  | { readonly kind: 'permissionDenied'; readonly message: string };

/** Everything the panel needs for one repository and branch; sent whenever something changed. */
export interface PipelineRunsSnapshot {
  /** null until a repository is known. */
  readonly owner: string | null;
  readonly repo: string | null;
  readonly branch: string | null;
  readonly headSha: string | null;
  readonly state: PipelineRunsState;
  /** Newest first. */
  readonly runs: readonly PipelineRun[];
  /** ISO time of the last successful contact with GitHub (a 304 counts); null before the first. */
  readonly fetchedAt: string | null;
  /** Whether polling is paused (panel hidden or window unfocused). */
  readonly paused: boolean;
  /** Runs GitHub's last list had without the fields Preflight reads (an id, a creation time, ...): left out, counted here. */
  readonly leftOut?: number;
}

/**
 * A failed request: one clear sentence for the user and its kind, decided by the server, which saw GitHub's status and
 * rate-limit headers. The client words its advice by the kind (and by GitHub's HTTP status, which only `http` carries);
 * it never reads the sentence for them.
 * - `http`: GitHub answered with an error status (401: sign in again, 403: scope or access, 409, 5xx, ...).
 * - `rateLimited`: GitHub's primary or secondary rate limit; the server holds requests back until it resets.
 * - `offline`: GitHub did not answer (network down, DNS, proxy, timeout).
 * - `other`: the sentence says it all (not signed in, a malformed request, a broken or unconfirmed reply from GitHub).
 */
export type PipelineFailure =
  | { readonly ok: false; readonly error: string; readonly kind: 'http'; readonly status: number }
  | { readonly ok: false; readonly error: string; readonly kind: 'rateLimited' | 'offline' | 'other' };

/** Result of an action on a run or job: done, or why not. */
export type PipelineActionResult = { readonly ok: true } | PipelineFailure;

export type PipelineJobLogResult =
  { readonly ok: true; readonly text: string; readonly truncated: boolean } | PipelineFailure;
