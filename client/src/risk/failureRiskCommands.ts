// The failure-risk commands: "why?" on a lens (the explanation as a waterfall in the panel, beside its markdown in a
// preview tab) and "Preflight: Retrain Failure Model".
import * as vscode from 'vscode';
import type { PreflightServer } from '../preflightServer';
import type { FailureRiskFeed } from './failureRiskFeed';

const NOT_RUNNING = 'Preflight: the language server is not running. Run "Preflight: Restart Server".';

/** The lens passes `{ uri, job }`; anything else (a stale or hand-typed invocation) falls back to the active editor. */
function target(arg: unknown): { uri: string; job: string | null } | undefined {
  if (typeof arg === 'object' && arg !== null) {
    const { uri, job } = arg as Record<string, unknown>;
    if (typeof uri === 'string' && (job === null || typeof job === 'string')) return { uri, job };
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri.toString(), job: null } : undefined;
}

export function explainFailureRisk(server: PreflightServer, feed: FailureRiskFeed) {
  return async (arg: unknown): Promise<void> => {
    const risk = server.failureRisk;
    if (!risk) {
      void vscode.window.showErrorMessage(NOT_RUNNING);
      return;
    }
    const which = target(arg);
    if (!which) return;
    const view = await risk.explain(which);
    if (!view) {
      void vscode.window.showInformationMessage('Preflight: no failure risk for this yet. It needs a GitHub sign-in (pipeline panel) and a finished run of the workflow.');
      return;
    }
    feed.showExplanation(view);
    await vscode.commands.executeCommand('preflight.showPipelinePanel');
  };
}

export function retrainFailureModel(server: PreflightServer) {
  return async (): Promise<void> => {
    const risk = server.failureRisk;
    if (!risk) {
      void vscode.window.showErrorMessage(NOT_RUNNING);
      return;
    }
    // The server shows cancellable progress while it reads the history and trains.
    const result = await risk.retrain();
    if (result.ok) void vscode.window.showInformationMessage(`Preflight: ${result.message}`);
    else void vscode.window.showWarningMessage(`Preflight: ${result.message}`);
  };
}
