// The parts of GitHub's Actions REST API objects that Preflight reads, in the API's own field names, so run history from the
// API, from exported JSON files (`gh api ... > runs.json`) and from the stand-in used in tests all fit one shape.
// Field meanings follow GitHub's OpenAPI description (components/schemas/workflow-run, job).

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type RunConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'neutral'
  | 'stale'
  | 'startup_failure';

export interface WorkflowRun {
  readonly id: number;
  readonly name?: string | null;
  readonly run_number: number;
  readonly run_attempt?: number;
  readonly event: string;
  readonly status: RunStatus | null;
  readonly conclusion: RunConclusion | null;
  readonly workflow_id: number;
  /** Repository-relative path of the workflow file, e.g. `.github/workflows/ci.yml` (may carry `@ref` on reusable runs). */
  readonly path?: string;
  readonly head_branch: string | null;
  readonly head_sha: string;
  readonly display_title?: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly run_started_at?: string;
  readonly html_url: string;
  readonly actor?: { readonly login: string; readonly type?: string } | null;
  readonly triggering_actor?: { readonly login: string; readonly type?: string } | null;
  readonly head_commit?: { readonly id: string; readonly message: string; readonly timestamp: string } | null;
}

export interface WorkflowStep {
  readonly name: string;
  readonly status: 'queued' | 'in_progress' | 'completed' | 'pending';
  readonly conclusion: string | null;
  readonly number: number;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}

export interface WorkflowJob {
  readonly id: number;
  readonly run_id: number;
  readonly run_attempt?: number;
  readonly name: string;
  readonly status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  readonly conclusion: string | null;
  readonly created_at?: string;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly html_url: string | null;
  readonly head_sha: string;
  readonly head_branch?: string | null;
  readonly workflow_name?: string | null;
  readonly labels: readonly string[];
  readonly runner_name?: string | null;
  readonly steps?: readonly WorkflowStep[];
}
