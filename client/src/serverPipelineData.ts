// The panel's data source backed by the language server's custom requests.
import * as vscode from 'vscode';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import { ListPipelineFilesRequest } from '../../protocol/lsp';
import type { PipelineDataSource } from './panel/pipelineDataSource';
import type { PreflightServer } from './preflightServer';

export function serverPipelineData(server: PreflightServer): PipelineDataSource {
  const stateChanged = new vscode.EventEmitter<void>();
  server.onDidChangeState(() => { stateChanged.fire(); });
  return {
    async listPipelineFiles(): Promise<readonly PipelineFileSummary[]> {
      const client = server.languageClient;
      return client ? client.sendRequest(ListPipelineFilesRequest.type) : [];
    },
    workspaceName: () => vscode.workspace.name ?? 'No folder open',
    onDidChangeFiles: server.onDidChangeFiles,
    serverState: () => server.currentState,
    onDidChangeServerState: stateChanged.event,
  };
}
