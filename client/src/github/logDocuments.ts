// Job logs as read-only editor tabs: a TextDocumentContentProvider for the `preflight-log` scheme serves log text the
// controller fetched, and the tab opens with the failed step's first error line selected and centred. Documents from a
// content provider are read-only in VS Code by construction.
import * as vscode from 'vscode';
import { ReadOnlyDocuments, safeFileName } from './readOnlyDocuments';

export const LOG_SCHEME = 'preflight-log';
/** Logs can be megabytes: keep only the most recent few in memory. */
const MAX_LOGS = 10;

export interface LogToShow {
  readonly jobId: number;
  /** Shown as the tab title (file name part); untrusted text, sanitised for a path. */
  readonly title: string;
  readonly text: string;
  /** 0-based line to reveal and select, e.g. the failed step's first error. */
  readonly revealLine: number | undefined;
}

/** A path segment from untrusted text: no slashes, no control characters, bounded length. */
export function logFileName(title: string, jobId: number): string {
  return safeFileName(title, ` (${jobId}).log`, 'job');
}

export class LogDocuments implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments(
    LOG_SCHEME,
    MAX_LOGS,
    'This log is no longer in memory: open it again from the Preflight panel.',
  );

  async show(log: LogToShow): Promise<void> {
    const uri = this.documents.put(logFileName(log.title, log.jobId), log.text);
    // VS Code's "log" language colours dates, levels and errors.
    const document = await vscode.languages.setTextDocumentLanguage(
      await vscode.workspace.openTextDocument(uri),
      'log',
    );
    const line =
      log.revealLine === undefined ? undefined : Math.min(log.revealLine, Math.max(0, document.lineCount - 1));
    const selection =
      line === undefined ? undefined : new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    const editor = await vscode.window.showTextDocument(document, {
      preview: true,
      ...(selection ? { selection } : {}),
    });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  }

  dispose(): void {
    this.documents.dispose();
  }
}
