// Read-only editor documents held in memory under one URI scheme: a TextDocumentContentProvider (whose documents VS
// Code opens read-only by construction) with the last few texts kept. Job logs and AI explanations are served this way.
import * as vscode from 'vscode';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  /** `missing` is what a tab restored after its text was evicted says. */
  constructor(
    readonly scheme: string,
    private readonly max: number,
    private readonly missing: string,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? this.missing;
  }

  /** Keeps `text` under `/fileName` and returns its URI; an open tab for it shows the new text. */
  put(fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${fileName}` });
    const key = uri.toString();
    this.texts.delete(key); // re-insert: the Map's order is the eviction order
    this.texts.set(key, text);
    while (this.texts.size > this.max) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

/** A file name from untrusted text: no slashes, no control characters, bounded length. */
export function safeFileName(title: string, suffix: string, fallback: string): string {
  const safe = title
    // eslint-disable-next-line no-control-regex -- strip control characters from untrusted text
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|#%]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${safe || fallback}${suffix}`;
}
