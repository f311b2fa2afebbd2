// Owns the connection to the language server: start, restart, state. Commands hold this object, not the client, so they
// keep working across restarts (rust-analyzer's ctx pattern). The language client library itself is loaded lazily
// from dist/languageClient.js after activation.
import * as vscode from 'vscode';
import type { ModelReportProgressNotification, ModelReportRequest } from '../../protocol/modelInsights';
import type { PanelRequester } from '../../protocol/panelRequests';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { PipelineRunsSnapshot } from '../../protocol/pipelineRuns';
import type { FailureRiskNotification } from '../../protocol/failureRiskLsp';
import type {
  FailureRiskSession,
  LanguageClientModule,
  LanguageClientSession,
  PipelineRunsSession,
  RuleDocs,
  ServerState,
  SuggestionRequest,
  SuggestionVerdict,
  WorkspaceCheckResult,
  WorkspaceFileFix,
} from './sessionTypes';

export type { ServerState };

export class PreflightServer implements vscode.Disposable {
  private session: LanguageClientSession | undefined;
  private state: ServerState = 'stopped';
  /** The last word on the editor's language models, passed on to every server started. */
  private languageModels = false;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly filesEmitter = new vscode.EventEmitter<void>();
  private readonly modelProgressEmitter = new vscode.EventEmitter<ModelReportProgressNotification.Params>();
  /** Progress of model reports (SHAP, fairness) computed by the server. */
  readonly onModelReportProgress = this.modelProgressEmitter.event;
  private readonly runsEmitter = new vscode.EventEmitter<PipelineRunsSnapshot>();
  /** GitHub Actions runs snapshots from the server's watcher. */
  readonly onPipelineRuns = this.runsEmitter.event;
  private readonly countsEmitter = new vscode.EventEmitter<PipelineFileSummary>();
  private readonly riskEmitter = new vscode.EventEmitter<FailureRiskNotification.Params>();
  /** Next-run failure risk of each workflow, whenever the server recomputes it. */
  readonly onFailureRisk = this.riskEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when pipeline files may have appeared or disappeared, or counts changed in a way only a listing tells. */
  readonly onDidChangeFiles = this.filesEmitter.event;
  /** Fires with one file's summary after the server validated it. */
  readonly onDidChangeFileCounts = this.countsEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get currentState(): ServerState {
    return this.state;
  }

  get isRunning(): boolean {
    return this.session?.isRunning() === true;
  }

  /** The pipeline panel's requests; undefined while the server is down. */
  readonly panelRequest: PanelRequester = async (name, ...args) =>
    this.session?.isRunning() === true ? this.session.panelRequest(name, ...args) : undefined;

  async checkWorkspace(): Promise<WorkspaceCheckResult | undefined> {
    return this.session?.isRunning() === true ? this.session.checkWorkspace() : undefined;
  }

  async fixWorkspace(): Promise<readonly WorkspaceFileFix[] | undefined> {
    return this.session?.isRunning() === true ? this.session.fixWorkspace() : undefined;
  }

  async gateSuggestion(request: SuggestionRequest): Promise<SuggestionVerdict> {
    return this.session?.isRunning() === true
      ? this.session.gateSuggestion(request)
      : { accepted: false, reason: 'the Preflight server is not running' };
  }

  async ruleDocs(rule: string): Promise<RuleDocs | null> {
    return this.session?.isRunning() === true ? this.session.ruleDocs(rule) : null;
  }

  /** Failure risk's requests, while the server runs. */
  get failureRisk(): FailureRiskSession | undefined {
    return this.session?.isRunning() === true ? this.session.failureRisk : undefined;
  }

  /** The pipeline panel's requests, while the server runs. */
  get pipelineRuns(): PipelineRunsSession | undefined {
    return this.session?.isRunning() === true ? this.session.pipelineRuns : undefined;
  }

  async modelReport(
    params: ModelReportRequest.Params,
    token: vscode.CancellationToken,
  ): Promise<ModelReportRequest.Result> {
    if (this.session?.isRunning() !== true)
      return { ok: false, error: 'The Preflight server is not running. Run "Preflight: Restart Server".' };
    return this.session.modelReport(params, token);
  }

  setLanguageModels(available: boolean): void {
    this.languageModels = available;
    if (this.session?.isRunning() === true) this.session.setLanguageModels(available);
  }

  async start(): Promise<void> {
    this.setState('starting');
    try {
      // Loaded here, not imported: keeps the library out of the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path into dist/, by design
      const loaded = require(this.context.asAbsolutePath('dist/languageClient.js')) as LanguageClientModule;
      this.session = await loaded.startLanguageClientSession(
        this.context.asAbsolutePath('dist/server.js'),
        this.output,
        {
          onState: (state) => {
            this.setState(state);
          },
          onFilesChanged: () => {
            this.filesEmitter.fire();
          },
          onModelReportProgress: (progress) => {
            this.modelProgressEmitter.fire(progress);
          },
          onPipelineRuns: (snapshot) => {
            this.runsEmitter.fire(snapshot);
          },
          onFileCounts: (file) => {
            this.countsEmitter.fire(file);
          },
          onFailureRisk: (params) => {
            this.riskEmitter.fire(params);
          },
        },
        this.context.globalStorageUri.fsPath,
      );
      this.session.setLanguageModels(this.languageModels);
      this.setState('ready');
      this.filesEmitter.fire();
    } catch (error) {
      this.setState('stopped');
      this.output.error(`Preflight server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.stop();
    this.setState('stopped');
  }

  private setState(state: ServerState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateEmitter.fire(state);
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.filesEmitter.dispose();
    this.modelProgressEmitter.dispose();
    this.runsEmitter.dispose();
    this.countsEmitter.dispose();
    this.riskEmitter.dispose();
  }
}
