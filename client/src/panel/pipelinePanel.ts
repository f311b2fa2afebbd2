// Hosts the pipeline panel webview: one panel at a time, data only after the page says `ready`, every message from the
// page validated, and only files this panel itself listed can be opened from it.
import * as vscode from 'vscode';
import type { PipelineFileSummary } from '../../../protocol/pipelineFiles';
import { parseFromWebview, type PageRequest, type PageResponse, type ToWebview } from '../../../protocol/webview';
import { nextGraphTargets, type GraphTargets } from './graphTargets';
import type { PipelineDataSource } from './pipelineDataSource';
import type { PanelRunsParticipant } from './panelRunsParticipant';
import { buildWebviewHtml, createNonce } from './webviewHtml';

const VIEW_TYPE = 'preflight.pipelinePanel';
/** The request path called with a name and params checked together on arrival, not typed together (see `answer`). */
type UntypedRequester = (name: PageRequest['name'], params: unknown) => Promise<unknown>;
/** Diagnostics arrive per file in bursts; one list request per burst is enough. */
const REFRESH_DEBOUNCE_MS = 200;
/** Typing re-validates every keystroke burst; the graph follows a little later, once the text settles. */
const GRAPH_DEBOUNCE_MS = 300;

function distUri(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist');
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [distUri(extensionUri)] };
}

export class PipelinePanel implements vscode.Disposable {
  static readonly viewType = VIEW_TYPE;
  private static current: PipelinePanel | undefined;

  /**
   * Opens the panel beside the active editor without taking focus, or reveals the one already open. `runs` adds the Runs
   * tab; without it the page shows the file list alone.
   */
  static createOrShow(
    extensionUri: vscode.Uri,
    source: PipelineDataSource,
    runs?: PanelRunsParticipant,
  ): PipelinePanel {
    const existing = PipelinePanel.current;
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Preflight',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(extensionUri), retainContextWhenHidden: false },
    );
    return new PipelinePanel(panel, extensionUri, source, runs);
  }

  /** Takes over a panel VS Code restored after a reload (see registerPipelinePanelSerializer). */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: PipelineDataSource,
    runs?: PanelRunsParticipant,
  ): PipelinePanel {
    PipelinePanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    return new PipelinePanel(panel, extensionUri, source, runs);
  }

  private readonly disposables: vscode.Disposable[] = [];
  /** True between the page's `ready` and the page going away (hidden panels are unloaded). */
  private pageReady = false;
  private disposed = false;
  /** The URIs of the last list sent: the only ones `openFile` may name. */
  private listedUris: ReadonlySet<string> = new Set();
  /** The last list sent, with the counts updated since; undefined until the first list arrives. */
  private listed: readonly PipelineFileSummary[] | undefined;
  /** Counts that arrived after the list request in flight was sent: newer than its answer, laid over it. */
  private readonly countsSinceRequest = new Map<string, PipelineFileSummary>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshGeneration = 0;
  private graphTargets: GraphTargets = { workflowUri: null, dvcUri: null };
  /** What each graph kind last showed, so an unchanged graph is not sent (and redrawn) again. */
  private readonly lastGraphs = new Map<'jobs' | 'dvc', string>();
  /** Per graph kind, the URIs its last graph names: `openFile` from a graph node may open these too. */
  private readonly graphUris = new Map<'jobs' | 'dvc', ReadonlySet<string>>();
  private graphTimer: ReturnType<typeof setTimeout> | undefined;
  private graphGeneration = 0;
  /** Counts pages: bumped when one goes away, so an answer to a page's request reaches only that page. */
  private pageGeneration = 0;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: PipelineDataSource,
    private readonly runs: PanelRunsParticipant | undefined,
  ) {
    PipelinePanel.current = this;
    const { webview } = panel;
    const dist = distUri(extensionUri);
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      nonce: createNonce(),
    });
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
      }),
      panel.onDidChangeViewState(() => {
        // retainContextWhenHidden is off: a hidden page is gone, and the reloaded one sends `ready` again.
        if (!panel.visible) this.pageGone();
      }),
      webview.onDidReceiveMessage((raw: unknown) => {
        this.onMessage(raw);
      }),
      source.onDidChangeFiles(() => {
        this.scheduleRefresh();
      }),
      source.onDidChangeFileCounts((file) => {
        this.onFileCounts(file);
        if (
          file.uri === this.graphTargets.workflowUri ||
          file.uri === this.graphTargets.dvcUri ||
          file.kind === 'dvc-pipeline'
        )
          this.scheduleGraphs();
      }),
      source.onDidChangeActiveEditor(() => {
        this.onActiveEditor();
      }),
      source.onDidChangeRuns(() => {
        this.scheduleGraphs();
      }),
      source.onDidChangeServerState(() => {
        this.postServerState();
        // A list asked for while the server was starting came back empty; ask again now that it can answer.
        if (source.serverState() === 'ready') this.scheduleRefresh();
      }),
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pageGone();
    if (PipelinePanel.current === this) PipelinePanel.current = undefined;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.graphTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** Marks the page unloaded; bumping the generation makes any list request in flight drop its answer. */
  private pageGone(): void {
    if (this.pageReady) this.runs?.detach();
    this.pageReady = false;
    this.pageGeneration++;
    this.refreshGeneration++;
    this.graphGeneration++;
    // A reloaded page starts empty: everything must be sent again.
    this.lastGraphs.clear();
  }

  private onMessage(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.postServerState();
        void this.refresh();
        this.graphTargets = nextGraphTargets(this.graphTargets, this.source.activeEditorUri());
        void this.refreshGraphs();
        this.runs?.attach((m) => {
          if (this.pageReady) this.post(m);
        });
        break;
      case 'refresh':
        clearTimeout(this.refreshTimer);
        void this.refresh();
        this.scheduleGraphs();
        this.runs?.handle(message);
        break;
      case 'openFile':
        void this.openFile(message.uri, message.line);
        break;
      case 'signIn':
      case 'rerunFailed':
      case 'rerunRun':
      case 'cancelRun':
      case 'rerunJob':
      case 'openLog':
      case 'openStep':
      case 'explainFailure':
        this.runs?.handle(message);
        break;
      case 'request':
        void this.answer(message);
        break;
    }
  }

  /**
   * A tab's own request (protocol/panelRequests.ts, checked on arrival): forwarded as asked, answered to the page that
   * asked (a reloaded page never gets the answer meant for the one before it); no `result` when there is none.
   */
  private async answer({ id, name, params }: PageRequest): Promise<void> {
    const page = this.pageGeneration;
    let result: unknown;
    try {
      // The name and params were checked together; the request path is typed per name, so this one call goes untyped.
      result = await (this.source.request as UntypedRequester)(name, params);
    } catch {
      result = undefined;
    }
    if (page !== this.pageGeneration || !this.pageReady) return;
    this.post({ type: 'response', id, name, ...(result === undefined ? {} : { result }) } as PageResponse);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      void this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  private onActiveEditor(): void {
    const next = nextGraphTargets(this.graphTargets, this.source.activeEditorUri());
    if (next === this.graphTargets) return;
    this.graphTargets = next;
    this.scheduleGraphs();
  }

  private scheduleGraphs(): void {
    clearTimeout(this.graphTimer);
    this.graphTimer = setTimeout(() => {
      void this.refreshGraphs();
    }, GRAPH_DEBOUNCE_MS);
  }

  /** Asks the server for both graphs and sends the ones that changed; a graph that cannot be drawn keeps the last one. */
  private async refreshGraphs(): Promise<void> {
    if (!this.pageReady) return;
    const generation = ++this.graphGeneration;
    let graphs;
    try {
      graphs = await this.source.request('pipelineGraphs', this.graphTargets);
    } catch {
      return;
    }
    if (!graphs || generation !== this.graphGeneration) return;
    for (const graph of [graphs.jobs, graphs.dvc]) {
      if (!graph) continue;
      this.graphUris.set(graph.kind, new Set(graph.nodes.map((n) => n.uri)));
      const text = JSON.stringify(graph);
      if (this.lastGraphs.get(graph.kind) === text) continue;
      this.lastGraphs.set(graph.kind, text);
      this.post(graph);
    }
  }

  /** One file was validated: update its row in place; a file not in the list (or listed differently) needs a listing. */
  private onFileCounts(file: PipelineFileSummary): void {
    this.countsSinceRequest.set(file.uri, file);
    const listed = this.listed;
    if (!this.pageReady || listed === undefined) return; // the page's first list is on its way and will be overlaid
    const row = listed.find((f) => f.uri === file.uri);
    if (row === undefined || row.kind !== file.kind || row.relativePath !== file.relativePath) {
      this.scheduleRefresh();
      return;
    }
    if (row.errors === file.errors && row.warnings === file.warnings) return;
    this.show(listed.map((f) => (f === row ? file : f)));
  }

  private async refresh(): Promise<void> {
    if (!this.pageReady) return;
    const generation = ++this.refreshGeneration;
    this.countsSinceRequest.clear();
    let files;
    try {
      // With the server down the list is empty, and listed again once it is ready (onDidChangeServerState).
      files = (await this.source.request('listPipelineFiles')) ?? [];
    } catch {
      // Keep showing the last list; the status line already tells the user when the server is down.
      return;
    }
    // A later refresh started meanwhile, or the page went away: this answer is stale.
    if (generation !== this.refreshGeneration) return;
    this.show(
      files.map((f) => {
        const newer = this.countsSinceRequest.get(f.uri);
        return newer?.kind === f.kind && newer.relativePath === f.relativePath ? newer : f;
      }),
    );
  }

  private show(files: readonly PipelineFileSummary[]): void {
    this.listed = files;
    this.listedUris = new Set(files.map((f) => f.uri));
    this.post({ type: 'pipelineFiles', workspaceName: this.source.workspaceName(), files });
  }

  private postServerState(): void {
    if (this.pageReady) this.post({ type: 'serverState', state: this.source.serverState() });
  }

  private post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async openFile(uri: string, line: number | undefined): Promise<void> {
    // The page is untrusted: a URI this panel did not list (a forged or stale message) opens nothing.
    if (!this.listedUris.has(uri) && ![...this.graphUris.values()].some((uris) => uris.has(uri))) return;
    const target = vscode.Uri.parse(uri, true);
    if (target.scheme !== 'file') return;
    const at = line === undefined ? undefined : new vscode.Position(line, 0);
    // A file already on screen (beside the panel) is revealed where it is. Others go to the first column, unless the panel
    // sits there itself (it was opened with no editor around): then to the second, so opening a file neither hides (and
    // unloads) the panel nor adds a new column per click.
    const shown = vscode.window.visibleTextEditors.find(
      (e) =>
        e.document.uri.toString() === target.toString() &&
        e.viewColumn !== undefined &&
        e.viewColumn !== this.panel.viewColumn,
    );
    const viewColumn =
      shown?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    try {
      await vscode.window.showTextDocument(target, {
        viewColumn,
        ...(at ? { selection: new vscode.Range(at, at) } : {}),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Preflight: could not open ${target.fsPath}: ${reason}`);
    }
  }
}

/** Restores the panel after a window reload; VS Code calls this for panels left open at shutdown. */
export function registerPipelinePanelSerializer(
  context: vscode.ExtensionContext,
  sourceFactory: () => PipelineDataSource,
  runs?: () => PanelRunsParticipant | undefined,
): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
        PipelinePanel.revive(panel, context.extensionUri, sourceFactory(), runs?.());
        return Promise.resolve();
      },
    }),
  );
}
