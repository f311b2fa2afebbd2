// Command factories: each takes what it needs and returns the handler (rust-analyzer's pattern), registered once at
// activation and valid across server restarts.
import * as vscode from 'vscode';
import { PipelinePanel } from './panel/pipelinePanel';
import type { PipelineDataSource } from './panel/pipelineDataSource';
import type { PanelRunsParticipant } from './panel/panelRunsParticipant';
import type { PreflightServer } from './preflightServer';

/** `runs` gives the Runs tab when a runs backend is available (see github/runsFeature.ts); undefined shows files only. */
export function showPipelinePanel(
  extensionUri: vscode.Uri,
  source: PipelineDataSource,
  runs: () => PanelRunsParticipant | undefined = () => undefined,
) {
  return (): void => {
    PipelinePanel.createOrShow(extensionUri, source, runs());
  };
}

export function checkWorkspace(server: PreflightServer) {
  return async (): Promise<void> => {
    if (!server.isRunning) {
      void vscode.window.showErrorMessage(
        'Preflight: the language server is not running. Run "Preflight: Restart Server".',
      );
      return;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Preflight: checking pipeline files…' },
      () => server.checkWorkspace(),
    );
    if (!result) return;
    const summary = `Preflight checked ${result.files} file${result.files === 1 ? '' : 's'}: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}.`;
    const choice = await vscode.window.showInformationMessage(summary, 'Show Problems');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  };
}

/** Every certain fix in the workspace, shown in the refactor preview first: nothing changes until the user applies it. */
export function fixWorkspace(server: PreflightServer) {
  return async (): Promise<void> => {
    const files = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Preflight: computing certain fixes…' },
      () => server.fixWorkspace(),
    );
    if (!files) {
      void vscode.window.showErrorMessage(
        'Preflight: the language server is not running. Run "Preflight: Restart Server".',
      );
      return;
    }
    if (files.length === 0) {
      void vscode.window.showInformationMessage('Preflight: no certain fixes to apply in this workspace.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const file of files) {
      const uri = vscode.Uri.parse(file.uri);
      const document = await vscode.workspace.openTextDocument(uri);
      if (file.version !== null && document.version !== file.version) continue; // edited meanwhile: skip, never clobber
      const metadata = {
        label: `${file.fixes} certain fix${file.fixes === 1 ? '' : 'es'}`,
        description: 'Each fix was re-checked: its finding is gone and no new error appears.',
        needsConfirmation: true,
      };
      for (const e of file.edits) {
        edit.replace(
          uri,
          new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
          e.newText,
          metadata,
        );
      }
    }
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  };
}

export function restartServer(server: PreflightServer) {
  return async (): Promise<void> => {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Restarting Preflight server' },
      () => server.restart(),
    );
  };
}

export function showOutput(server: PreflightServer) {
  return (): void => {
    server.output.show(true);
  };
}
