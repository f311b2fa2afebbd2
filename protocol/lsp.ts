// Custom LSP messages between the VS Code client and the Preflight server. Declared once here and used on both sides,
// never as bare method strings (pattern from vscode-eslint's customMessages.ts).
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { PipelineFileSummary } from './pipelineFiles';

/** Lists the pipeline files in the workspace folders, with finding counts. Used by the panel. */
export namespace ListPipelineFilesRequest {
  export const method = 'preflight/listPipelineFiles';
  export const type = new RequestType0<PipelineFileSummary[], void>(method);
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
 * be told on their own, so an open panel lists the workspace again.
 */
export namespace PipelineFilesChangedNotification {
  export const method = 'preflight/pipelineFilesChanged';
  export const type = new NotificationType0(method);
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
  export type Result = { readonly accepted: true; readonly fixedFindings: number } | { readonly accepted: false; readonly reason: string };
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
    readonly edits: readonly { readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } }; readonly newText: string }[];
    readonly fixes: number;
  }
  export interface Result {
    readonly files: readonly FileFix[];
  }
  export const type = new RequestType0<Result, void>(method);
}
