// The seam between the light activation bundle and the lazily loaded language client bundle: plain types only, so
// importing it costs nothing at activation.
import type * as vscode from 'vscode';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';

export type ServerState = 'starting' | 'ready' | 'checking' | 'stopped';

export interface WorkspaceCheckResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface SessionEvents {
  onState(state: ServerState): void;
  onFilesChanged(): void;
}

export interface LanguageClientSession {
  isRunning(): boolean;
  listPipelineFiles(): Promise<PipelineFileSummary[]>;
  checkWorkspace(): Promise<WorkspaceCheckResult>;
  stop(): Promise<void>;
}

export interface LanguageClientModule {
  startLanguageClientSession(serverModule: string, output: vscode.LogOutputChannel, events: SessionEvents): Promise<LanguageClientSession>;
}
