// The read-only custom editor for .onnx files: the model's summary and, with a data file, its SHAP explanation and
// fairness checks. The work runs in the language server's process (never on the extension host's thread), reports
// progress into the page and into a notification, and is cancellable from either.
import * as vscode from 'vscode';
import type { ModelReportRequest } from '../../../protocol/modelInsights';
import { parseFromModelView, type ToModelView } from '../../../protocol/modelView';
import { buildWebviewHtml, createNonce } from '../panel/webviewHtml';
import type { PreflightServer } from '../preflightServer';

export const ONNX_EDITOR_VIEW_TYPE = 'preflight.onnxModel';

class OnnxDocument implements vscode.CustomDocument {
  /** A data file the user picked for this model in this session (overrides MLmodel and settings). */
  pickedData: vscode.Uri | undefined;
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {
    /* nothing held: the bytes are read by the server */
  }
}

let progressCounter = 0;

export class OnnxModelEditorProvider implements vscode.CustomReadonlyEditorProvider<OnnxDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: PreflightServer,
  ) {}

  openCustomDocument(uri: vscode.Uri): OnnxDocument {
    return new OnnxDocument(uri);
  }

  resolveCustomEditor(document: OnnxDocument, panel: vscode.WebviewPanel): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const { webview } = panel;
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'modelView.js')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      nonce: createNonce(),
    });
    let running: vscode.CancellationTokenSource | undefined;
    const post = (message: ToModelView): void => {
      void webview.postMessage(message);
    };
    const compute = async (): Promise<void> => {
      running?.cancel();
      const source = new vscode.CancellationTokenSource();
      running = source;
      const progressId = `model-${++progressCounter}`;
      const params: ModelReportRequest.Params = {
        modelUri: document.uri.toString(),
        ...(document.pickedData ? { dataUri: document.pickedData.toString() } : {}),
        progressId,
      };
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Preflight: explaining ${vscode.workspace.asRelativePath(document.uri)}`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => {
            source.cancel();
          });
          let reported = 0;
          const listener = this.server.onModelReportProgress((p) => {
            if (p.progressId !== progressId) return;
            post({
              type: 'progress',
              message: p.message,
              ...(p.fraction === undefined ? {} : { fraction: p.fraction }),
            });
            const increment = p.fraction === undefined ? undefined : Math.max(0, p.fraction * 100 - reported);
            if (increment !== undefined) reported += increment;
            progress.report({ message: p.message, ...(increment === undefined ? {} : { increment }) });
          });
          try {
            return await this.server.modelReport(params, source.token);
          } catch (error) {
            return {
              ok: false as const,
              error: source.token.isCancellationRequested
                ? 'Cancelled.'
                : `The server failed: ${error instanceof Error ? error.message : String(error)}`,
            };
          } finally {
            listener.dispose();
          }
        },
      );
      if (running !== source) return; // superseded by a newer request
      running = undefined;
      source.dispose();
      post(result.ok ? { type: 'report', report: result.report } : { type: 'error', message: result.error });
    };
    panel.onDidDispose(() => {
      running?.cancel();
    });
    webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = parseFromModelView(raw);
      if (!message) return;
      switch (message.type) {
        case 'ready':
        case 'recompute':
          await compute();
          break;
        case 'cancel':
          running?.cancel();
          break;
        case 'pickData': {
          const picked = await vscode.window.showOpenDialog({
            title: 'Rows to explain (CSV with a header row of feature names, or Parquet)',
            canSelectMany: false,
            defaultUri: vscode.Uri.joinPath(document.uri, '..'),
            filters: { 'Data files': ['csv', 'parquet'] },
          });
          if (picked?.[0]) {
            document.pickedData = picked[0];
            await compute();
          }
          break;
        }
      }
    });
  }
}

export function registerOnnxModelEditor(extensionUri: vscode.Uri, server: PreflightServer): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(
    ONNX_EDITOR_VIEW_TYPE,
    new OnnxModelEditorProvider(extensionUri, server),
    {
      supportsMultipleEditorsPerDocument: true,
    },
  );
}
