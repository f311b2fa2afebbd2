// The Preflight language server and a client connected in-process over two streams (vscode-dvc's test setup pattern):
// real protocol, real server code, no editor.
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Logger,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { createServer } from '../../server/src/lsp/startServer';

export interface Harness {
  readonly client: MessageConnection;
  /** Resolves with the next diagnostics published for `uri` whose version is at least `minVersion`. */
  nextDiagnostics(uri: string, minVersion?: number): Promise<Diagnostic[]>;
  /**
   * Like nextDiagnostics without a deadline of its own (the test's timeout applies): checking a large file may take
   * seconds on a busy machine, and a test must not race the clock.
   */
  diagnosticsAtLeast(uri: string, minVersion: number): Promise<Diagnostic[]>;
  /** Every publishDiagnostics so far, in order of arrival (versions show what was published when). */
  readonly published: readonly PublishDiagnosticsParams[];
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** `$/progress` the server reported, per token, when started with `workDoneProgress`. */
  readonly progress: Map<string | number, WorkDoneProgressValue[]>;
  /** What the editor sends when the user presses Cancel on a progress notification. */
  cancelProgress(token: string | number): Promise<void>;
  close(): void;
}

export type WorkDoneProgressValue = {
  kind: 'begin' | 'report' | 'end';
  message?: string;
  percentage?: number;
  title?: string;
  cancellable?: boolean;
};

export interface HarnessOptions {
  /** Claim the window.workDoneProgress capability, so the server shows (cancellable) progress. */
  readonly workDoneProgress?: boolean;
  /** What the client passes at initialisation (e.g. `storagePath`, where failure risk keeps repository models). */
  readonly initializationOptions?: Record<string, unknown>;
  /** Called when the server asks for settings (it does at the start of a document's first validation), before the answer. */
  readonly onConfiguration?: (scopeUris: readonly string[]) => void;
  /** Hears what the client's connection reports, e.g. a message that does not match its declared type. */
  readonly clientLogger?: Logger;
}

export async function startHarness(
  workspaceFolder: string | undefined,
  settings: unknown = { enable: true, rules: {} },
  options: HarnessOptions = {},
): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  createServer(serverConnection);
  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
    options.clientLogger,
  );
  const waiters: { uri: string; minVersion: number; resolve: (d: Diagnostic[]) => void }[] = [];
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.uri === params.uri && (params.version ?? Infinity) >= w.minVersion) {
        waiters.splice(i, 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  client.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => {
    options.onConfiguration?.(params.items.map((i) => i.scopeUri ?? ''));
    return params.items.map(() => settings);
  });
  client.onRequest('client/registerCapability', () => null);
  const progress = new Map<string | number, WorkDoneProgressValue[]>();
  client.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
    progress.set(params.token, []);
    return null;
  });
  client.onNotification('$/progress', (params: { token: string | number; value: WorkDoneProgressValue }) => {
    progress.get(params.token)?.push(params.value);
  });
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
      ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
    },
    workspaceFolders: workspaceFolder ? [{ uri: `file://${workspaceFolder}`, name: 'ws' }] : null,
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    nextDiagnostics(uri, minVersion = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no diagnostics for ${uri} within 2 minutes`));
        }, 120_000);
        waiters.push({
          uri,
          minVersion,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    open(uri, text, version = 1) {
      void client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version, text },
      });
    },
    change(uri, text, version) {
      void client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    diagnosticsAtLeast(uri, minVersion) {
      return new Promise((resolve) => {
        waiters.push({ uri, minVersion, resolve });
      });
    },
    published,
    progress,
    cancelProgress(token) {
      return client.sendNotification('window/workDoneProgress/cancel', { token });
    },
    close() {
      client.dispose();
      serverConnection.dispose();
    },
  };
}
