// The seam between the light activation bundle and the lazily loaded language client bundle: plain types only, so
// importing it costs nothing at activation.
import type * as vscode from 'vscode';
import type {
  GitHubSessionNotification,
  LocateRunStepRequest,
  SuggestionGateRequest,
  WatchPipelineRunsRequest,
} from '../../protocol/lsp';
import type { PipelineActionResult, PipelineJobLogResult, PipelineRunsSnapshot } from '../../protocol/pipelineRuns';
import type { ModelReportProgressNotification, ModelReportRequest } from '../../protocol/modelInsights';
import type { PanelRequestSender } from '../../protocol/panelRequests';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { RiskExplanationView } from '../../protocol/failureRisk';
import type {
  ExplainRiskRequest,
  FailureRiskNotification,
  RetrainFailureModelRequest,
} from '../../protocol/failureRiskLsp';

export type ServerState = 'starting' | 'ready' | 'checking' | 'stopped';

export interface WorkspaceCheckResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface SessionEvents {
  onState(state: ServerState): void;
  onFilesChanged(): void;
  onModelReportProgress(progress: ModelReportProgressNotification.Params): void;
  onPipelineRuns(snapshot: PipelineRunsSnapshot): void;
  /** One file's new counts after it was validated. */
  onFileCounts(file: PipelineFileSummary): void;
  /** The next-run risk of each workflow and the model's health (failure risk). */
  onFailureRisk(params: FailureRiskNotification.Params): void;
}

/** Failure risk's requests to the server (protocol/failureRisk.ts). */
export interface FailureRiskSession {
  explain(params: ExplainRiskRequest.Params): Promise<RiskExplanationView | null>;
  retrain(): Promise<RetrainFailureModelRequest.Result>;
}

/** The gate's request and verdict are the protocol's own types (type-only imports cost nothing at run time). */
export type SuggestionRequest = SuggestionGateRequest.Params;
export type SuggestionVerdict = SuggestionGateRequest.Result;

export interface RuleDocs {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
}

export interface WorkspaceFileFix {
  readonly uri: string;
  readonly version: number | null;
  readonly edits: readonly {
    readonly range: {
      readonly start: { readonly line: number; readonly character: number };
      readonly end: { readonly line: number; readonly character: number };
    };
    readonly newText: string;
  }[];
  readonly fixes: number;
}

/** The pipeline panel's requests to the server (protocol/lsp.ts), typed here so the activation bundle needs no protocol code. */
export interface PipelineRunsSession {
  setGitHubSession(params: GitHubSessionNotification.Params): void;
  watch(params: WatchPipelineRunsRequest.Params): Promise<PipelineActionResult>;
  rerunFailedJobs(owner: string, repo: string, runId: number): Promise<PipelineActionResult>;
  rerunJob(owner: string, repo: string, jobId: number): Promise<PipelineActionResult>;
  rerunRun(owner: string, repo: string, runId: number): Promise<PipelineActionResult>;
  cancelRun(owner: string, repo: string, runId: number): Promise<PipelineActionResult>;
  jobLog(owner: string, repo: string, jobId: number): Promise<PipelineJobLogResult>;
  locateRunStep(params: LocateRunStepRequest.Params): Promise<LocateRunStepRequest.Result>;
}

export interface LanguageClientSession {
  readonly pipelineRuns: PipelineRunsSession;
  readonly failureRisk: FailureRiskSession;
  fixWorkspace(): Promise<readonly WorkspaceFileFix[]>;
  gateSuggestion(request: SuggestionRequest): Promise<SuggestionVerdict>;
  ruleDocs(rule: string): Promise<RuleDocs | null>;
  modelReport(params: ModelReportRequest.Params, token: vscode.CancellationToken): Promise<ModelReportRequest.Result>;
  isRunning(): boolean;
  /** The pipeline panel's requests, every one by its name in protocol/panelRequests.ts. */
  readonly panelRequest: PanelRequestSender;
  checkWorkspace(): Promise<WorkspaceCheckResult>;
  /** Tells the server whether the editor has a chat model (it then offers "Explain failure" lenses). */
  setLanguageModels(available: boolean): void;
  stop(): Promise<void>;
}

export interface LanguageClientModule {
  /** `storagePath`: the extension's storage folder, where the server keeps retrained models and the prediction log. */
  startLanguageClientSession(
    serverModule: string,
    output: vscode.LogOutputChannel,
    events: SessionEvents,
    storagePath?: string,
  ): Promise<LanguageClientSession>;
}
