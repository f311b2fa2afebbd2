// Job logs as read-only editor tabs: a TextDocumentContentProvider for the `preflight-log` scheme serves log text the
// controller fetched, and the tab opens with the failed step's first error line selected and centred. Documents from a
// content provider are read-only in VS Code by construction.
import * as vscode from 'vscode';

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
  // eslint-disable-next-line no-control-regex -- strip control characters from the untrusted job name
  const safe = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|#%]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${safe || 'job'} (${jobId}).log`;
}

export class LogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This log is no longer in memory: open it again from the Preflight panel.';
  }

  async show(log: LogToShow): Promise<void> {
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${logFileName(log.title, log.jobId)}` });
    const key = uri.toString();
    this.texts.delete(key); // re-insert: the Map's order is the eviction order
    this.texts.set(key, log.text);
    while (this.texts.size > MAX_LOGS) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
    // An already open tab for this job shows the fresh text.
    this.changed.fire(uri);
    // VS Code's "log" language colours dates, levels and errors.
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'log');
    const line = log.revealLine === undefined ? undefined : Math.min(log.revealLine, Math.max(0, document.lineCount - 1));
    const selection = line === undefined ? undefined : new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    const editor = await vscode.window.showTextDocument(document, { preview: true, ...(selection ? { selection } : {}) });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
