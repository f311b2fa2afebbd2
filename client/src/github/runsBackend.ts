// The seam between the Runs panel and whatever talks to GitHub. The language server's requests implement it (polling
// with ETags, rerun/cancel, logs); the panel controller depends only on this interface. Types only: no vscode import.
import type { RunsState } from '../../../protocol/runsView';
import type { WorkflowJob, WorkflowRun } from '../../../shared/githubApi';

/** Which repository and branch to watch, and with which API. */
export interface RunsTarget {
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** null on a detached HEAD: then only runs of `headSha` are of interest. */
  readonly branch: string | null;
  readonly headSha: string | null;
}

export interface RunsSnapshot {
  /** `ok`, `noRuns`, `offline`, `rateLimited`, `permissionDenied` (the panel adds `signedOut`/`noRemote` itself). */
  readonly state: RunsState;
  /** Newest first. */
  readonly runs: readonly WorkflowRun[];
  /** Jobs per run id; a run without an entry has not had its jobs fetched yet. */
  readonly jobs: ReadonlyMap<number, readonly WorkflowJob[]>;
  /** When the data was last confirmed current (200 or 304), ISO 8601. */
  readonly updatedAt: string | null;
  /** Runs GitHub listed without the fields Preflight reads, left out of `runs`. */
  readonly leftOut?: number;
}

export interface StepLocationQuery {
  /** Repository-relative path of the workflow file (the run's `path`). */
  readonly workflowPath: string;
  readonly jobName: string;
  readonly stepNumber: number;
  readonly stepName?: string;
}

export type StepLocationAnswer =
  { readonly ok: true; readonly line: number } | { readonly ok: false; readonly error: string };

/** An error from the backend: `status` is the HTTP status when GitHub answered, undefined for network failures. */
export interface RunsBackendError {
  readonly status?: number;
  readonly message: string;
}

export interface Subscription {
  dispose(): void;
}

export interface RunsBackend {
  /** Starts watching (or switches to) a target with a token; snapshots follow through onSnapshot. */
  watch(target: RunsTarget, token: string): void;
  /** Stops watching and forgets the token. */
  stop(): void;
  /** Keeps the target but stops polling (panel hidden, window unfocused). */
  pause(): void;
  resume(): void;
  /** Polls now (after an action, or when the user asks). */
  refresh(): void;
  onSnapshot(listener: (snapshot: RunsSnapshot) => void): Subscription;
  rerunFailedJobs(runId: number): Promise<void>;
  rerunJob(jobId: number): Promise<void>;
  rerunRun(runId: number): Promise<void>;
  cancelRun(runId: number): Promise<void>;
  /** The job's full log text, as GitHub serves it (timestamps included). */
  jobLog(jobId: number): Promise<string>;
  /** Where the step is defined in the workflow file of the workspace (the server reads the file). */
  locateStep(query: StepLocationQuery): Promise<StepLocationAnswer>;
}
