// The panel's data source backed by the language server's custom requests.
import * as vscode from 'vscode';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { PipelineDataSource } from './panel/pipelineDataSource';
import type { PreflightServer } from './preflightServer';

export function serverPipelineData(server: PreflightServer): PipelineDataSource {
  const stateChanged = new vscode.EventEmitter<void>();
  server.onDidChangeState(() => { stateChanged.fire(); });
  return {
    listPipelineFiles: (): Promise<readonly PipelineFileSummary[]> => server.listPipelineFiles(),
    workspaceName: () => vscode.workspace.name ?? 'No folder open',
    onDidChangeFiles: server.onDidChangeFiles,
    onDidChangeFileCounts: server.onDidChangeFileCounts,
    serverState: () => server.currentState,
    onDidChangeServerState: stateChanged.event,
  };
}
