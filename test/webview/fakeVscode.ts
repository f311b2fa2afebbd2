// A small stand-in for the `vscode` module, enough to drive client/src/panel/ outside the editor. Importing this file
// installs it: later `require('vscode')` calls get the fake. Import it before the code under test.
import Module from 'node:module';

export class FakeUri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static parse(value: string): FakeUri {
    const match = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(value);
    if (!match) throw new Error(`not a URI: ${value}`);
    return new FakeUri(match[1] ?? '', decodeURIComponent(match[2] ?? ''));
  }
  static file(fsPath: string): FakeUri { return new FakeUri('file', fsPath); }
  static joinPath(base: FakeUri, ...segments: string[]): FakeUri { return new FakeUri(base.scheme, [base.path, ...segments].join('/')); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.scheme === 'file' ? '' : 'host'}${this.path}`; }
}

export class FakeEventEmitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  get listenerCount(): number { return this.listeners.size; }
  dispose(): void { this.listeners.clear(); }
}

export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  readonly reveals: [number, boolean][] = [];
  readonly received = new FakeEventEmitter<unknown>();
  readonly disposed = new FakeEventEmitter<undefined>();
  readonly viewStateChanged = new FakeEventEmitter<undefined>();
  visible = true;
  viewColumn: number | undefined = 2;
  isDisposed = false;
  readonly webview = {
    html: '',
    options: {} as Record<string, unknown>,
    cspSource: 'https://fake.vscode-resource',
    asWebviewUri: (uri: FakeUri): FakeUri => uri,
    postMessage: (message: unknown): Promise<boolean> => { this.posted.push(message); return Promise.resolve(true); },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidDispose = this.disposed.event;
  readonly onDidChangeViewState = this.viewStateChanged.event;
  constructor(readonly viewType: string, readonly title: string, readonly showOptions: unknown, readonly options: Record<string, unknown>) {}
  reveal(column: number, preserveFocus: boolean): void { this.reveals.push([column, preserveFocus]); }
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire(undefined);
  }
}

export interface ShownDocument { uri: string; options: Record<string, unknown> }

/** What the fake records; tests read and reset it. */
export const fake = {
  panels: [] as FakeWebviewPanel[],
  shown: [] as ShownDocument[],
  errors: [] as string[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Thenable<void> }>(),
  reset(): void {
    this.panels.length = 0;
    this.shown.length = 0;
    this.errors.length = 0;
    this.serializers.clear();
  },
};

class Position { constructor(readonly line: number, readonly character: number) {} }
class Range { constructor(readonly start: Position, readonly end: Position) {} }

const vscodeFake = {
  Uri: FakeUri,
  EventEmitter: FakeEventEmitter,
  Position,
  Range,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  window: {
    createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: Record<string, unknown>): FakeWebviewPanel {
      const panel = new FakeWebviewPanel(viewType, title, showOptions, options);
      fake.panels.push(panel);
      return panel;
    },
    showTextDocument(uri: FakeUri, options: Record<string, unknown>): Promise<void> {
      fake.shown.push({ uri: uri.toString(), options });
      return Promise.resolve();
    },
    showErrorMessage(message: string): Promise<undefined> {
      fake.errors.push(message);
      return Promise.resolve(undefined);
    },
    registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Thenable<void> }) {
      fake.serializers.set(viewType, serializer);
      return { dispose: () => fake.serializers.delete(viewType) };
    },
  },
};

const FAKE_ID = '\0fake-vscode';
interface ModuleInternals { _resolveFilename(request: string, ...rest: unknown[]): string }
const internals = Module as unknown as ModuleInternals;
const resolve = internals._resolveFilename.bind(Module);
internals._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE_ID : resolve(request, ...rest));
const cached = new Module(FAKE_ID);
cached.exports = vscodeFake;
cached.loaded = true;
require.cache[FAKE_ID] = cached;
