// The panel's data source backed by the language server's custom requests.
import * as vscode from 'vscode';
import type { PipelineDataSource } from './panel/pipelineDataSource';
import type { PreflightServer } from './preflightServer';

export function serverPipelineData(server: PreflightServer): PipelineDataSource {
  const stateChanged = new vscode.EventEmitter<void>();
  server.onDidChangeState(() => {
    stateChanged.fire();
  });
  const runsChanged = new vscode.EventEmitter<void>();
  server.onPipelineRuns(() => {
    runsChanged.fire();
  });
  return {
    request: server.panelRequest,
    workspaceName: () => vscode.workspace.name ?? 'No folder open',
    onDidChangeFiles: server.onDidChangeFiles,
    onDidChangeFileCounts: server.onDidChangeFileCounts,
    onDidChangeRuns: runsChanged.event,
    // With the panel focused there is no active text editor; the editor beside it is the one the user reads.
    activeEditorUri: () =>
      (vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0])?.document.uri.toString(),
    onDidChangeActiveEditor: (listener, thisArg, disposables) =>
      vscode.window.onDidChangeActiveTextEditor(
        () => {
          listener.call(thisArg);
        },
        undefined,
        disposables,
      ),
    serverState: () => server.currentState,
    onDidChangeServerState: stateChanged.event,
  };
}
