// The Preflight language server and a client connected in-process over two streams (vscode-dvc's test setup pattern):
// real protocol, real server code, no editor.
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { createServer } from '../../server/src/lsp/startServer';

export interface Harness {
  readonly client: MessageConnection;
  /** Resolves with the next diagnostics published for `uri` whose version is at least `minVersion`. */
  nextDiagnostics(uri: string, minVersion?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  close(): void;
}

export async function startHarness(workspaceFolder: string | undefined, settings: unknown = { enable: true, rules: {} }): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  createServer(serverConnection);
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiters: { uri: string; minVersion: number; resolve: (d: Diagnostic[]) => void }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.uri === params.uri && (params.version ?? Infinity) >= w.minVersion) {
        waiters.splice(i, 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    workspaceFolders: workspaceFolder ? [{ uri: `file://${workspaceFolder}`, name: 'ws' }] : null,
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    nextDiagnostics(uri, minVersion = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { reject(new Error(`no diagnostics for ${uri} within 5 s`)); }, 5000);
        waiters.push({ uri, minVersion, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    open(uri, text, version = 1) {
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    change(uri, text, version) {
      void client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close() {
      client.dispose();
      serverConnection.dispose();
    },
  };
}
