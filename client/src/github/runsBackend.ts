// The seam between the Runs panel and whatever talks to GitHub. The language server's requests implement it (polling
// with ETags, rerun/cancel, logs); the panel controller depends only on this interface. Runs arrive in the one shape the
// server sends (protocol/pipelineRuns.ts); failures carry the server's PipelineFailure. No vscode import.
import type { PipelineFailure, PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';

/** Which repository and branch to watch, and with which API. */
export interface RunsTarget {
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** null on a detached HEAD: then only runs of `headSha` are of interest. */
  readonly branch: string | null;
  readonly headSha: string | null;
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

/** A failed backend request: the server's sentence, its kind and GitHub's status, as the server sent them. */
export class RunsRequestError extends Error {
  constructor(readonly failure: PipelineFailure) {
    super(failure.error);
  }
}

export interface Subscription {
  dispose(): void;
}

/** Re-runs, cancel and job logs reject with a RunsRequestError when the server answers with a failure. */
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
  onSnapshot(listener: (snapshot: PipelineRunsSnapshot) => void): Subscription;
  rerunFailedJobs(runId: number): Promise<void>;
  rerunJob(jobId: number): Promise<void>;
  rerunRun(runId: number): Promise<void>;
  cancelRun(runId: number): Promise<void>;
  /** The job's full log text, as GitHub serves it (timestamps included). */
  jobLog(jobId: number): Promise<string>;
  /** Where the step is defined in the workflow file of the workspace (the server reads the file). */
  locateStep(query: StepLocationQuery): Promise<StepLocationAnswer>;
}
