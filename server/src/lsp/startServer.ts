// Wires the engine to a language server connection. Every handler catches, logs and returns an empty result: a bug in
// one check must never take the editor's diagnostics down (vscode-eslint's rule).
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LanguageModelsNotification,
  PipelineFilesChangedNotification,
  ServerStatusNotification,
} from '../../../protocol/lsp';
import type { PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import { notCheckedFinding, type CheckResult } from '../engine/check';
import { parseFile } from '../engine/kinds';
import type { CheckRequest } from './checkRequests';
import { CheckWorker } from './checkInWorker';
import { Diagnostics } from './diagnostics';
import { registerEditRequests } from './editRequests';
import { ExternalChecks } from './externalChecks';
import { registerFailureRisk } from './failureRiskRequests';
import { JobLenses } from './jobLenses';
import { registerLanguageFeatures } from './languageFeatures';
import { ModelReports } from './modelReports';
import { ParseCache } from './parseCache';
import { PublishedResults } from './publishedResults';
import { registerPipelineGraphs } from './pipelineGraphs';
import { registerPipelineRuns, type PipelineRunsOptions } from './pipelineRuns';
import { registerRunLocations } from './runLocations';
import { guarded, type ClientFacts, type ServerContext } from './serverContext';
import { SettingsStore } from './settingsStore';
import { WorkspaceFiles } from './workspaceFiles';
import { registerWorkspaceRequests } from './workspaceRequests';

export interface ServerOptions {
  readonly pipelineRuns?: PipelineRunsOptions;
}

/** The editor's capabilities and options this server uses, read from `initialize`. */
function clientFactsFrom(params: InitializeParams): ClientFacts {
  const init = params.initializationOptions as { workspaceTrusted?: unknown; storagePath?: unknown } | undefined;
  return {
    pullsConfiguration: params.capabilities.workspace?.configuration === true,
    codeLensRefresh: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    workspaceTrusted: init?.workspaceTrusted !== false,
    storagePath: typeof init?.storagePath === 'string' && init.storagePath !== '' ? init.storagePath : undefined,
  };
}

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.preflight'] },
  completionProvider: { triggerCharacters: ['.', ' ', ':'] },
  hoverProvider: true,
  definitionProvider: true,
  codeLensProvider: { resolveProvider: false },
  documentSymbolProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

/**
 * Builds the server's shared parts once (documents, settings, the check worker, the workspace's files, parses), then
 * registers each feature with the same context. Every handler catches, logs and answers empty (serverContext.ts).
 */
export function createServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const client: ClientFacts = {
    pullsConfiguration: false,
    workspaceTrusted: true,
    codeLensRefresh: false,
    storagePath: undefined,
  };
  const settings = new SettingsStore(connection, () => client.pullsConfiguration);
  const checker = new CheckWorker((message) => {
    connection.console.log(message);
  });
  const checkFile = async (request: CheckRequest): Promise<CheckResult> => {
    const outcome = await checker.check(request);
    return outcome.ok ? outcome.result : { kind: request.kind, findings: [notCheckedFinding(outcome.reason)] };
  };
  const external = new ExternalChecks(checker, () => client.workspaceTrusted);
  const published = new PublishedResults();
  // A file the listing checks itself gets the external checks too, so the panel counts what `preflight check` counts.
  const workspace = new WorkspaceFiles(
    documents,
    (uri) => settings.effective(uri),
    checkFile,
    (document) => published.resultFor(document),
    (file, result) => external.complete({ ...file, yaml: () => parseFile(file.kind, file.text, 'once') }, result),
  );
  const ctx: ServerContext = {
    connection,
    documents,
    parses: new ParseCache((uri) => published.sizeLimitOf(uri)),
    settings,
    workspace,
    client,
    log: (message) => {
      connection.console.log(message);
    },
    logError: (where, error) => {
      connection.console.error(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  };
  const diagnostics = new Diagnostics(ctx, checkFile, external, published);

  connection.onInitialize((params): InitializeResult => {
    Object.assign(client, clientFactsFrom(params));
    workspace.setFolders((params.workspaceFolders ?? []).map((f) => f.uri));
    return { capabilities: CAPABILITIES, serverInfo: { name: 'preflight' } };
  });

  connection.onInitialized(() => {
    if (client.pullsConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'preflight' });
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      try {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setFolders(folders.map((f) => f.uri));
        void connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'folders' });
      } catch (error) {
        ctx.logError('workspace folders', error);
      }
    });
    void connection.sendNotification(ServerStatusNotification.type, {
      state: 'ready',
      checkedFiles: documents.all().length,
    });
    ctx.log('Preflight server ready');
  });

  diagnostics.register();
  registerEditRequests(ctx);
  registerWorkspaceRequests(ctx, diagnostics);
  registerFeaturesOnRuns(ctx, options);

  connection.onExit(() => {
    checker.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/**
 * What the watched GitHub runs feed: job lenses, failure risk, the job graph's durations, model reports in MLmodel hovers,
 * and the requests that open a run's step in its workflow.
 */
function registerFeaturesOnRuns(ctx: ServerContext, options: ServerOptions): void {
  const { connection } = ctx;
  const modelReports = new ModelReports(ctx.settings);
  modelReports.register(ctx);
  const failureRisk = registerFailureRisk(ctx);
  registerLanguageFeatures(ctx, { modelReports, extraHover: (uri, position) => failureRisk.hoverAt(uri, position) });
  const jobLenses = new JobLenses(ctx);
  connection.onCodeLens((params) =>
    guarded(ctx, 'code lenses', [], () => [
      ...failureRisk.lensesFor(params.textDocument.uri),
      ...jobLenses.lensesFor(params.textDocument.uri),
    ]),
  );
  // Untrusted shape like any client input: anything but `true` means no model.
  connection.onNotification(LanguageModelsNotification.type, (params) => {
    jobLenses.setLanguageModelAvailable((params as { available?: unknown } | null)?.available === true);
  });
  let watchedRuns: PipelineRunsSnapshot['runs'] = [];
  registerPipelineRuns(ctx, {
    ...options.pipelineRuns,
    onSnapshot: (snapshot) => {
      watchedRuns = snapshot.runs;
      jobLenses.update(snapshot);
      failureRisk.noteRuns(snapshot.runs);
    },
    onWatch: (github, target) => {
      failureRisk.watch(github, target);
    },
  });
  registerPipelineGraphs(ctx, () => watchedRuns);
  registerRunLocations(ctx);
}

/** Entry for `preflight lsp --stdio` and the bundled server: transport chosen from process.argv (--stdio, --node-ipc). */
export function startServer(): void {
  createServer(createConnection(ProposedFeatures.all));
}
