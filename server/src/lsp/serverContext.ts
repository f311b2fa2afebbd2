// What every feature of the language server is registered with: one shape for all (as yaml-language-server's language
// handlers take one context), built once in startServer.ts. Features read `client` at use time: it is filled in by the
// `initialize` request, after registration.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParseCache } from './parseCache';
import type { SettingsStore } from './settingsStore';
import type { WorkspaceFiles } from './workspaceFiles';

/** What the editor told us in `initialize`. */
export interface ClientFacts {
  /** The editor pulls settings with workspace/configuration (else they come with didChangeConfiguration). */
  pullsConfiguration: boolean;
  /** Editors without a trust concept (initializationOptions absent) are trusted; VS Code tells us. */
  workspaceTrusted: boolean;
  /** The editor can be asked to re-request CodeLenses. */
  codeLensRefresh: boolean;
  /** The extension's storage folder (VS Code passes it), where retrained models and the prediction log live. */
  storagePath: string | undefined;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** Parses of open documents, reused across features until the text changes. */
  readonly parses: ParseCache;
  readonly settings: SettingsStore;
  /** The workspace folders' pipeline files, their last check, and the panel's rows. */
  readonly workspace: WorkspaceFiles;
  readonly client: Readonly<ClientFacts>;
  readonly log: (message: string) => void;
  readonly logError: (where: string, error: unknown) => void;
}

/**
 * Runs a handler so that a bug in it is logged and answered with `fallback`: a failure in one feature must never take
 * the editor's diagnostics, or the server, down (vscode-eslint's rule).
 */
export async function guarded<T>(
  ctx: Pick<ServerContext, 'logError'>,
  where: string,
  fallback: T,
  handler: () => Promise<T> | T,
): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    ctx.logError(where, error);
    return fallback;
  }
}
