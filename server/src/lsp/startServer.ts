// Wires the engine to a language server connection. Every handler catches, logs and returns an empty result: a bug in
// one check must never take the editor's diagnostics down (vscode-eslint's rule).
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckWorkspaceRequest, FixWorkspaceRequest, LanguageModelsNotification, ListPipelineFilesRequest, PipelineFileCountsNotification, PipelineFilesChangedNotification, RuleDocsRequest, ServerStatusNotification, SuggestionGateRequest } from '../../../protocol/lsp';
import { fixAll } from '../engine/fixes/fixAll';
import { minimalEdits } from '../../../shared/minimalEdits';
import { gateSuggestion } from '../engine/fixes/suggestionGate';
import { readFile } from 'node:fs/promises';
import { checkOptionsFrom, failureReason, notCheckedFinding, type CheckResult } from '../engine/check';
import { PROJECT_CONFIG_FILE } from '../engine/config/projectConfig';
import { compareFindings } from '../engine/findings';
import type { PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import { DEFAULT_MAX_FILE_SIZE_MB, maxFileBytes, type PreflightSettings } from '../../../protocol/settings';
import { detectKind, parseFile, type FileKind } from '../engine/kinds';
import { ruleById } from '../engine/rules/index';
import type { CheckRequest } from './checkRequests';
import { CheckWorker } from './checkInWorker';
import { ExternalChecks } from './externalChecks';
import { codeActionsFor } from './codeActions';
import { NewestOnlyQueue } from './newestOnlyQueue';
import { ModelReports } from './modelReports';
import { registerLanguageFeatures } from './languageFeatures';
import { registerPipelineRuns, type PipelineRunsOptions } from './pipelineRuns';
import { registerRunLocations } from './runLocations';
import { JobLenses } from './jobLenses';
import { registerFailureRisk } from './failureRiskRequests';
import { registerPipelineGraphs } from './pipelineGraphs';
import { ParseCache } from './parseCache';
import { SettingsStore } from './settingsStore';
import { toDiagnostic } from './toDiagnostic';
import { uriToPath } from './uris';
import { summarize, WorkspaceFiles } from './workspaceFiles';

/** External tools (shellcheck) wait for a pause in typing. */
const EXTERNAL_DELAY_MS = 400;

export interface ServerOptions {
  readonly pipelineRuns?: PipelineRunsOptions;
}

export function createServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let pullsConfiguration = false;
  /** Editors without a trust concept (initializationOptions absent) are trusted; VS Code tells us. */
  let workspaceTrusted = true;
  let codeLensRefresh = false;
  /** The extension's storage folder (VS Code passes it), where retrained models and the prediction log live. */
  let storagePath: string | undefined;
  const externalTimers = new Map<string, NodeJS.Timeout>();
  const settings = new SettingsStore(connection, () => pullsConfiguration);
  const checker = new CheckWorker((message) => { connection.console.log(message); });
  /** What each open document's last published check found, by version: a workspace listing reuses it. */
  const validated = new Map<string, { version: number; result: CheckResult }>();
  const checkFile = async (request: CheckRequest): Promise<CheckResult> => {
    const outcome = await checker.check(request);
    return outcome.ok ? outcome.result : { kind: request.kind, findings: [notCheckedFinding(outcome.reason)] };
  };
  const external = new ExternalChecks(checker, () => workspaceTrusted);
  // A file the listing checks itself gets the external checks too, so the panel counts what `preflight check` counts.
  const workspace = new WorkspaceFiles(documents, (uri) => settings.effective(uri), checkFile, (document) => {
    const hit = validated.get(document.uri);
    return hit?.version === document.version ? hit.result : undefined;
  }, (file, result) => external.complete({ ...file, yaml: () => parseFile(file.kind, file.text, 'once') }, result));
  const queue = new NewestOnlyQueue((uri, error) => { logError(`validating ${uri}`, error); });
  /** The size limit of each document as its settings last said (the parse cache asks synchronously). */
  const sizeLimits = new Map<string, number>();
  const parses = new ParseCache((uri) => sizeLimits.get(uri) ?? maxFileBytes(DEFAULT_MAX_FILE_SIZE_MB));
  /** Files outside the open documents that carry diagnostics from a workspace check. */
  const publishedFromDisk = new Set<string>();

  const log = (message: string): void => {
    connection.console.log(message);
  };
  const logError = (where: string, error: unknown): void => {
    connection.console.error(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };

  /** Whether `document` is still the newest text of its URI (an older version's findings are never published). */
  const isCurrent = (document: TextDocument): boolean => documents.get(document.uri)?.version === document.version && !queue.isWaiting(document.uri);

  /** Checks the newest text of `uri` in the worker and publishes; runs from the queue, one at a time. */
  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    try {
      const path = uriToPath(document.uri) ?? document.uri;
      const text = document.getText();
      const kind = detectKind(path, text);
      const config = await settings.effective(document.uri);
      const limit = maxFileBytes(config.maxFileSizeMB);
      sizeLimits.set(document.uri, limit);
      const result = kind !== undefined && config.enable
        ? await checkFile({ path, text, kind, severities: config.rules, runnerLabels: config.runnerLabels, maxFileBytes: limit, parseUse: 'edited' })
        : undefined;
      const findings = result?.findings ?? [];
      // A newer version arrived while settings were pulled or the worker checked; its own validation will publish.
      if (!isCurrent(document)) return;
      if (result) validated.set(document.uri, { version: document.version, result });
      else validated.delete(document.uri);
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map(toDiagnostic) });
      // The panel's row for this file, not a reason to list the workspace; a file outside the folders, not checked, or
      // no longer a pipeline file leaves it to a full listing as before.
      const summary = result && kind !== undefined ? workspace.summaryOf(document.uri, path, kind, result) : undefined;
      if (summary) void connection.sendNotification(PipelineFileCountsNotification.type, summary);
      else void connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'fileNotListed' });
      // External checks run tools or the user's model: never in an untrusted workspace, never on a file not checked.
      if (result && kind !== undefined && external.applies({ settings: config }, result)) scheduleExternal(document, kind, config, result);
    } catch (error) {
      logError(`validating ${document.uri}`, error);
      // The findings on screen belong to older text: replace them with the failure rather than leave them.
      if (!isCurrent(document)) return;
      validated.delete(document.uri);
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [toDiagnostic(notCheckedFinding(failureReason(error)))] })
        .catch((sendError: unknown) => { logError(`publishing for ${document.uri}`, sendError); });
    }
  }

  /**
   * shellcheck, pyflakes and the fairness gate run after typing pauses, then their findings join the ones already shown,
   * and the file's row in the panel counts them too.
   */
  function scheduleExternal(document: TextDocument, kind: FileKind, config: PreflightSettings, result: CheckResult): void {
    const existing = externalTimers.get(document.uri);
    if (existing) clearTimeout(existing);
    externalTimers.set(document.uri, setTimeout(() => {
      externalTimers.delete(document.uri);
      void (async () => {
        try {
          const path = uriToPath(document.uri) ?? document.uri;
          const extra = await external.findings({ path, text: document.getText(), kind, settings: config, yaml: () => parses.get(document, kind) });
          // Only onto the very check these findings complete: a newer version or a new check publishes its own.
          if (extra.length === 0 || !isCurrent(document) || validated.get(document.uri)?.result !== result) return;
          const complete = { ...result, findings: [...result.findings, ...extra].sort(compareFindings) };
          validated.set(document.uri, { version: document.version, result: complete });
          await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: complete.findings.map(toDiagnostic) });
          // The panel's row, when the counts moved (an info from shellcheck changes none).
          const summary = workspace.summaryOf(document.uri, path, kind, complete);
          const before = workspace.summaryOf(document.uri, path, kind, result);
          if (summary && (summary.errors !== before?.errors || summary.warnings !== before.warnings)) void connection.sendNotification(PipelineFileCountsNotification.type, summary);
        } catch (error) {
          logError(`external checks of ${document.uri}`, error);
        }
      })();
    }, EXTERNAL_DELAY_MS));
  }

  function schedule(document: TextDocument): void {
    queue.schedule(document.uri, () => validate(document.uri));
  }

  connection.onInitialize((params): InitializeResult => {
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const init = params.initializationOptions as { workspaceTrusted?: unknown; storagePath?: unknown } | undefined;
    workspaceTrusted = init?.workspaceTrusted !== false;
    storagePath = typeof init?.storagePath === 'string' && init.storagePath !== '' ? init.storagePath : undefined;
    workspace.setFolders((params.workspaceFolders ?? []).map((f) => f.uri));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.preflight'] },
        completionProvider: { triggerCharacters: ['.', ' ', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'preflight' },
    };
  });

  connection.onInitialized(() => {
    if (pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'preflight' });
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      try {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setFolders(folders.map((f) => f.uri));
        void connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'folders' });
      } catch (error) {
        logError('workspace folders', error);
      }
    });
    void connection.sendNotification(ServerStatusNotification.type, { state: 'ready', checkedFiles: documents.all().length });
    log('Preflight server ready');
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    workspace.invalidate();
    for (const doc of documents.all()) schedule(doc);
  });

  documents.onDidOpen((e) => { schedule(e.document); });
  documents.onDidChangeContent((e) => { schedule(e.document); });
  documents.onDidSave((e) => {
    if (e.document.uri.endsWith(`/${PROJECT_CONFIG_FILE}`)) {
      // The team's severities changed: every result may differ.
      workspace.invalidate();
      for (const doc of documents.all()) schedule(doc);
      return;
    }
    workspace.invalidate(uriToPath(e.document.uri));
    // Files check each other (dvc.yaml reads params.yaml, workflows read local actions): a save can change the findings
    // of every other open pipeline file. Re-check them all, in the worker, newest versions only.
    for (const doc of documents.all()) if (doc.uri !== e.document.uri) schedule(doc);
  });
  documents.onDidClose((e) => {
    queue.cancel(e.document.uri);
    validated.delete(e.document.uri);
    sizeLimits.delete(e.document.uri);
    settings.forget(e.document.uri);
    parses.forget(e.document.uri);
    if (!publishedFromDisk.has(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const path = uriToPath(document.uri) ?? document.uri;
      const kind = detectKind(path, document.getText());
      const config = await settings.effective(document.uri);
      return codeActionsFor(document, params, kind ? { path, kind, options: checkOptionsFrom(config) } : undefined);
    } catch (error) {
      logError('code actions', error);
      return [];
    }
  });

  connection.onRequest(ListPipelineFilesRequest.type, async () => {
    try {
      return (await workspace.checkAll()).map(summarize);
    } catch (error) {
      logError('listing pipeline files', error);
      return [];
    }
  });

  connection.onRequest(CheckWorkspaceRequest.type, async () => {
    void connection.sendNotification(ServerStatusNotification.type, { state: 'checking', checkedFiles: 0 });
    let errors = 0;
    let warnings = 0;
    let files = 0;
    try {
      for (const file of await workspace.checkAll()) {
        files++;
        const summary = summarize(file);
        errors += summary.errors;
        warnings += summary.warnings;
        if (documents.get(file.uri)) continue; // open files are published by their own validation
        publishedFromDisk.add(file.uri);
        await connection.sendDiagnostics({ uri: file.uri, diagnostics: file.result.findings.map(toDiagnostic) });
      }
    } catch (error) {
      logError('checking the workspace', error);
    }
    void connection.sendNotification(ServerStatusNotification.type, { state: 'ready', checkedFiles: files });
    void connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'workspaceChecked' });
    return { files, errors, warnings };
  });

  connection.onRequest(RuleDocsRequest.type, (params) => {
    const rule = ruleById(params.rule);
    return rule ? { id: rule.id, title: rule.docs.title, markdown: rule.docs.description } : null;
  });

  connection.onRequest(FixWorkspaceRequest.type, async () => {
    const files: FixWorkspaceRequest.FileFix[] = [];
    try {
      for (const file of await workspace.checkAll()) {
        if (!file.result.findings.some((f) => f.fixes?.[0] && f.fixes[0].confidence === undefined)) continue;
        const open = documents.get(file.uri);
        const text = open ? open.getText() : await readFile(file.path, 'utf8');
        const config = await settings.effective(file.uri);
        const result = fixAll({ path: file.path, text, kind: file.kind }, checkOptionsFrom(config));
        if (result.applied.length > 0) files.push({ uri: file.uri, version: open?.version ?? null, edits: minimalEdits(text, result.text), fixes: result.applied.length });
      }
    } catch (error) {
      logError('fixing the workspace', error);
    }
    return { files };
  });

  connection.onRequest(SuggestionGateRequest.type, async (params): Promise<SuggestionGateRequest.Result> => {
    try {
      const document = documents.get(params.uri);
      if (!document) return { accepted: false, reason: 'the document is no longer open' };
      if (document.version !== params.version) return { accepted: false, reason: 'the document changed while the suggestion was made' };
      const path = uriToPath(document.uri) ?? document.uri;
      const kind = detectKind(path, document.getText());
      if (!kind) return { accepted: false, reason: 'not a pipeline file' };
      const config = await settings.effective(document.uri);
      return gateSuggestion({ path, kind, originalText: document.getText(), proposedText: params.proposedText, target: params.scope ?? { rule: params.rule, message: params.message, line: params.line } }, checkOptionsFrom(config));
    } catch (error) {
      logError('suggestion gate', error);
      return { accepted: false, reason: 'the check failed' };
    }
  });

  const modelReports = new ModelReports(settings);
  modelReports.register(connection, logError);
  const failureRisk = registerFailureRisk({ connection, documents, folderPaths: () => workspace.folderPaths, canRefreshLenses: () => codeLensRefresh, logError, storagePath: () => storagePath, settings });
  registerLanguageFeatures(connection, documents, parses, logError, modelReports, (uri, position) => failureRisk.hoverAt(uri, position));
  const jobLenses = new JobLenses(connection, documents, parses, () => workspace.folderPaths, () => codeLensRefresh);
  connection.onCodeLens((params) => {
    try {
      return [...failureRisk.lensesFor(params.textDocument.uri), ...jobLenses.lensesFor(params.textDocument.uri)];
    } catch (error) {
      logError('code lenses', error);
      return [];
    }
  });
  // Untrusted shape like any client input: anything but `true` means no model.
  connection.onNotification(LanguageModelsNotification.type, (params) => { jobLenses.setLanguageModelAvailable((params as { available?: unknown } | null)?.available === true); });
  let watchedRuns: PipelineRunsSnapshot['runs'] = [];
  registerPipelineRuns(connection, logError, {
    ...options.pipelineRuns,
    onSnapshot: (snapshot) => { watchedRuns = snapshot.runs; jobLenses.update(snapshot); failureRisk.noteRuns(snapshot.runs); },
    onWatch: (client, target) => { failureRisk.watch(client, target); },
  });
  registerPipelineGraphs({ connection, documents, parses, folderPaths: () => workspace.folderPaths, runs: () => watchedRuns, logError });
  registerRunLocations(connection, documents, () => workspace.folderPaths, logError);

  connection.onExit(() => { checker.dispose(); });
  documents.listen(connection);
  connection.listen();
}

/** Entry for `preflight lsp --stdio` and the bundled server: transport chosen from process.argv (--stdio, --node-ipc). */
export function startServer(): void {
  createServer(createConnection(ProposedFeatures.all));
}
