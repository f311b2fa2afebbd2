// Owns the language client: start, restart, state. Commands hold this object, not the client, so they keep working
// across restarts (rust-analyzer's ctx pattern).
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PipelineFilesChangedNotification, ServerStatusNotification } from '../../protocol/lsp';

export type ServerState = 'starting' | 'ready' | 'checking' | 'stopped';

/** Files the server understands. YAML by language; MLflow's extension-less files by name. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/MLproject' },
  { scheme: 'file', pattern: '**/MLmodel' },
];

export class PreflightServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly filesEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when diagnostics of any pipeline file may have changed. */
  readonly onDidChangeFiles = this.filesEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get currentState(): ServerState {
    return this.state;
  }

  /** The running client, or undefined while stopped. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  async start(): Promise<void> {
    this.setState('starting');
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      // A crash restarts the server; five crashes in three minutes stop it, and the status bar shows it.
      connectionOptions: { maxRestartCount: 5 },
    };
    const client = new LanguageClient('preflight', 'Preflight', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.setState('stopped');
      else if (e.newState === State.Starting) this.setState('starting');
    });
    try {
      await client.start();
      client.onNotification(ServerStatusNotification.type, (params) => { this.setState(params.state); });
      client.onNotification(PipelineFilesChangedNotification.type, () => { this.filesEmitter.fire(); });
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
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning() === true) await client.stop();
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
  }
}
