// RunsUi with the VS Code API: modal confirmations, progress notifications, messages, log tabs, opening the workflow
// file of the workspace folder at a line, and handing a failed job to the language model (client/src/ai/explainFailure.ts).
import * as vscode from 'vscode';
import type { LogDocuments } from './logDocuments';
import type { FailedJobToExplain, RunsUi } from './runsPanelController';

export type ExplainFailure = (failure: FailedJobToExplain) => Promise<void>;

export function vscodeRunsUi(folder: vscode.Uri, logs: LogDocuments, explain: ExplainFailure): RunsUi {
  return {
    async confirm(message, detail, action) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
    },
    withProgress(title, task) {
      return Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task),
      );
    },
    showError(message) {
      void vscode.window.showErrorMessage(message);
    },
    showInfo(message) {
      void vscode.window.showInformationMessage(message);
    },
    explainFailure: explain,
    showLog(log) {
      return logs.show(log);
    },
    async openWorkflow(relativePath, line) {
      // The path comes from GitHub: keep it inside the workspace folder.
      const parts = relativePath.split('/').filter((p) => p !== '' && p !== '.');
      if (parts.includes('..')) throw new Error(`refusing to open ${relativePath}: it leaves the workspace`);
      const uri = vscode.Uri.joinPath(folder, ...parts);
      const at = new vscode.Position(line, 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), preview: false });
    },
  };
}
