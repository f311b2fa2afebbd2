// Custom LSP messages between the VS Code client and the Preflight server. Declared once here and used on both sides,
// never as bare method strings (pattern from vscode-eslint's customMessages.ts).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { PIPELINE_GRAPHS, type PipelineGraphs, type PipelineGraphsParams } from './graphView';
import { LIST_PIPELINE_FILES, type PipelineFileSummary } from './pipelineFiles';
import type { PipelineActionResult, PipelineJobLogResult, PipelineRunsSnapshot } from './pipelineRuns';

/** The Files tab's list (LIST_PIPELINE_FILES, pipelineFiles.ts). */
export namespace ListPipelineFilesRequest {
  export const method = LIST_PIPELINE_FILES.method;
  export const type = new RequestType0<PipelineFileSummary[], void>(method);
}

/** The Graph tab's graphs (PIPELINE_GRAPHS, graphView.ts). */
export namespace PipelineGraphsRequest {
  export const method = PIPELINE_GRAPHS.method;
  export type Params = PipelineGraphsParams;
  export type Result = PipelineGraphs;
  export const type = new RequestType<Params, Result, void>(method);
}

/** Checks every pipeline file in the workspace and publishes diagnostics for all of them, open or not. */
export namespace CheckWorkspaceRequest {
  export const method = 'preflight/checkWorkspace';
  export interface Result {
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
  }
  export const type = new RequestType0<Result, void>(method);
}

/** Server state for the status bar. */
export namespace ServerStatusNotification {
  export const method = 'preflight/status';
  export interface Params {
    readonly state: 'ready' | 'checking';
    /** Files whose diagnostics the server currently holds. */
    readonly checkedFiles: number;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * Sent when the set of pipeline files may have changed (workspace folders, a workspace check) or a file's counts cannot
 * be told on their own, so an open panel lists the workspace again. It carries its reason (for the log): the server's
 * connection sends every notification with a parameter, so a parameterless type made the client report a mismatch
 * ("defines 0 params but received 1 arguments") on each one.
 */
export namespace PipelineFilesChangedNotification {
  export const method = 'preflight/pipelineFilesChanged';
  export interface Params {
    /** Folders added or removed; the whole workspace checked; a checked file the panel cannot update in place. */
    readonly reason: 'folders' | 'workspaceChecked' | 'fileNotListed';
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * Sent after an open pipeline file inside a workspace folder is validated: that one file's summary, as the workspace
 * list would show it, so an open panel updates its row instead of listing (and checking) the whole workspace again.
 */
export namespace PipelineFileCountsNotification {
  export const method = 'preflight/pipelineFileCounts';
  export type Params = PipelineFileSummary;
  export const type = new NotificationType<Params>(method);
}

/** Opens a rule's documentation (text lives in the engine). */
export namespace RuleDocsRequest {
  export const method = 'preflight/ruleDocs';
  export interface Params {
    readonly rule: string;
  }
  export interface Result {
    readonly id: string;
    readonly title: string;
    readonly markdown: string;
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

/**
 * Checks a model-suggested version of an open document before anyone sees it: the target finding must be gone and no
 * new error may appear. The client offers the suggestion only when `accepted` is true.
 */
export namespace SuggestionGateRequest {
  export const method = 'preflight/gateSuggestion';
  export interface Params {
    readonly uri: string;
    /** The document version the suggestion was made for; a newer version rejects it. */
    readonly version: number;
    readonly proposedText: string;
    readonly rule: string;
    readonly message: string;
    /** 0-based line of the finding. */
    readonly line: number;
    /** For whole-job requests: the job's lines, instead of a finding (rule and message are then empty). */
    readonly scope?: { readonly startLine: number; readonly endLine: number; readonly label: string };
  }
  export type Result =
    { readonly accepted: true; readonly fixedFindings: number } | { readonly accepted: false; readonly reason: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** Every certain fix in every pipeline file of the workspace, as full-text replacements the client previews. */
export namespace FixWorkspaceRequest {
  export const method = 'preflight/fixWorkspace';
  export interface FileFix {
    readonly uri: string;
    /** Version of the open document the edit was computed for; null for files read from disk. */
    readonly version: number | null;
    /** Line-level edits (only the changed lines), so the preview shows exactly what changes. */
    readonly edits: readonly {
      readonly range: {
        readonly start: { readonly line: number; readonly character: number };
        readonly end: { readonly line: number; readonly character: number };
      };
      readonly newText: string;
    }[];
    readonly fixes: number;
  }
  export interface Result {
    readonly files: readonly FileFix[];
  }
  export const type = new RequestType0<Result, void>(method);
}

/**
 * Client -> server: the GitHub session to use for the pipeline panel. Sent on start and whenever the session or the base
 * URL setting changes. The token is a secret: the server keeps it in memory only and never logs or echoes it.
 */
export namespace GitHubSessionNotification {
  export const method = 'preflight/github/session';
  export interface Params {
    /** null when signed out (the watcher then reports `signedOut`). */
    readonly token: string | null;
    /** REST API root: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
    readonly baseUrl: string;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * Client -> server: whether the editor has a chat language model. Sent on start and whenever models come or go; the
 * server offers AI lenses ("Explain failure" on a failed job) only while one is there.
 */
export namespace LanguageModelsNotification {
  export const method = 'preflight/languageModels';
  export interface Params {
    readonly available: boolean;
  }
  export const type = new NotificationType<Params>(method);
}

/** Client -> server: what to watch and whether to poll. The server answers with snapshots (PipelineRunsNotification). */
export namespace WatchPipelineRunsRequest {
  export const method = 'preflight/github/watchRuns';
  export interface Target {
    /** From the workspace's git remote; null when there is no GitHub remote (the snapshot then says `noRemote`). */
    readonly repository: { readonly owner: string; readonly repo: string } | null;
    /** The checked-out branch; null on a detached HEAD (runs are then matched by headSha). */
    readonly branch: string | null;
    /** The commit at HEAD, so the panel can mark runs of exactly this commit; null when unknown. */
    readonly headSha: string | null;
  }
  export type Params =
    | { readonly action: 'start'; readonly target: Target }
    /** Stop polling and forget the target. */
    | { readonly action: 'stop' }
    /** Panel hidden or window unfocused: keep the target, stop polling. */
    | { readonly action: 'pause' }
    | { readonly action: 'resume' }
    /** Poll now (the refresh button). */
    | { readonly action: 'refresh' };
  export const type = new RequestType<Params, PipelineActionResult, void>(method);
}

/** Server -> client: the latest runs snapshot, sent when anything in it changed. */
export namespace PipelineRunsNotification {
  export const method = 'preflight/github/runs';
  export type Params = PipelineRunsSnapshot;
  export const type = new NotificationType<Params>(method);
}

/** Owner and repository every run/job action names explicitly, so an action never lands on a repository switched to meanwhile. */
export interface RepositoryParams {
  readonly owner: string;
  readonly repo: string;
}

/** Re-runs the failed jobs of a run (and the jobs that depend on them). */
export namespace RerunFailedJobsRequest {
  export const method = 'preflight/github/rerunFailedJobs';
  export interface Params extends RepositoryParams {
    readonly runId: number;
  }
  export const type = new RequestType<Params, PipelineActionResult, void>(method);
}

/** Re-runs one job. */
export namespace RerunJobRequest {
  export const method = 'preflight/github/rerunJob';
  export interface Params extends RepositoryParams {
    readonly jobId: number;
  }
  export const type = new RequestType<Params, PipelineActionResult, void>(method);
}

/** Re-runs every job of a run. */
export namespace RerunRunRequest {
  export const method = 'preflight/github/rerunRun';
  export interface Params extends RepositoryParams {
    readonly runId: number;
  }
  export const type = new RequestType<Params, PipelineActionResult, void>(method);
}

/** Cancels a queued or in-progress run (a completed run answers "run already completed"). */
export namespace CancelRunRequest {
  export const method = 'preflight/github/cancelRun';
  export interface Params extends RepositoryParams {
    readonly runId: number;
  }
  export const type = new RequestType<Params, PipelineActionResult, void>(method);
}

/** A job's plain-text log (GitHub keeps logs of finished jobs; very long logs are cut and flagged `truncated`). */
export namespace JobLogRequest {
  export const method = 'preflight/github/jobLog';
  export interface Params extends RepositoryParams {
    readonly jobId: number;
  }
  export const type = new RequestType<Params, PipelineJobLogResult, void>(method);
}

/**
 * Where a run's job (or one of its steps) is defined, so clicking a step or a failed step's error opens the workflow file
 * there. `workflowPath` is the run's repository-relative `path` (PipelineRun.path); names and numbers are as GitHub reports
 * them. null when the workspace has no such file or job.
 */
export namespace LocateRunStepRequest {
  export const method = 'preflight/github/locateRunStep';
  export interface Params {
    readonly workflowPath: string;
    readonly jobName: string;
    readonly step: { readonly number: number; readonly name: string } | null;
  }
  /** Where the job or step is defined, or why it could not be found (a sentence for the user). */
  export type Result =
    | { readonly ok: true; readonly uri: string; /** 0-based. */ readonly line: number; readonly character: number }
    | { readonly ok: false; readonly error: string };
  export const type = new RequestType<Params, Result, void>(method);
}
