// What the pipeline panel needs from the rest of the extension. The panel depends on this interface only, so it can be
// driven by the language server in the extension and by a stub in tests.
import type * as vscode from 'vscode';
import type { PanelRequester } from '../../../protocol/panelRequests';
import type { PipelineFileSummary } from '../../../protocol/pipelineFiles';

export type PipelineServerState = 'starting' | 'ready' | 'checking' | 'stopped';

export interface PipelineDataSource {
  /**
   * The server's answer to one of the panel's requests (protocol/panelRequests.ts): the file list, the Graph tab's graphs,
   * and what the page asks for itself; undefined when it cannot be had now (server down), so the panel keeps what it shows.
   */
  readonly request: PanelRequester;
  /** Shown as the panel's heading. */
  workspaceName(): string;
  /** Fires when files may have appeared or disappeared; the panel lists them again (debounced). */
  readonly onDidChangeFiles: vscode.Event<void>;
  /** Fires with one file's new counts after it was validated; the panel updates that row without listing again. */
  readonly onDidChangeFileCounts: vscode.Event<PipelineFileSummary>;
  /** Fires when run data may have changed the graphs' annotations (a new runs snapshot). */
  readonly onDidChangeRuns: vscode.Event<void>;
  /** The active text editor's document URI, if any: it picks the graphs to draw. */
  activeEditorUri(): string | undefined;
  readonly onDidChangeActiveEditor: vscode.Event<void>;
  serverState(): PipelineServerState;
  readonly onDidChangeServerState: vscode.Event<void>;
}
