// The failure-risk commands: "why?" on a lens (the explanation as a waterfall in the panel, and the hover with the top
// factors and how they add up at the lens's line) and "Preflight: Retrain Failure Model".
import * as vscode from 'vscode';
import type { PreflightServer } from '../preflightServer';
import type { FailureRiskFeed } from './failureRiskFeed';

const NOT_RUNNING = 'Preflight: the language server is not running. Run "Preflight: Restart Server".';

interface LensTarget {
  readonly uri: string;
  readonly job: string | null;
  /** Where the lens sits (the workflow's `name:` or the job key), 0-based. */
  readonly at?: vscode.Position;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The lens passes `{ uri, job, line, character }`; anything else (a hand-typed invocation) means the active editor's workflow. */
function target(arg: unknown): LensTarget | undefined {
  if (typeof arg === 'object' && arg !== null) {
    const { uri, job, line, character } = arg as Record<string, unknown>;
    if (typeof uri === 'string' && (job === null || typeof job === 'string')) {
      return { uri, job, ...(isCount(line) && isCount(character) ? { at: new vscode.Position(line, character) } : {}) };
    }
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
    const view = await risk.explain({ uri: which.uri, job: which.job });
    if (!view) {
      void vscode.window.showInformationMessage(
        'Preflight: no failure risk for this yet. It needs a GitHub sign-in (pipeline panel) and a finished run of the workflow.',
      );
      return;
    }
    feed.showExplanation(view, { uri: which.uri, job: which.job });
    await vscode.commands.executeCommand('preflight.showPipelinePanel');
    // The same factors in words where the user clicked: the hover on the name or job key (the panel keeps no focus).
    const editor = vscode.window.activeTextEditor;
    if (which.at && editor?.document.uri.toString() === which.uri) {
      editor.selection = new vscode.Selection(which.at, which.at);
      await vscode.commands.executeCommand('editor.action.showHover');
    }
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
