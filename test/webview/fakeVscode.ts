// A small stand-in for the `vscode` module, enough to drive client/src/panel/ outside the editor. Importing this file
// installs it: later `require('vscode')` calls get the fake. Import it before the code under test.
import Module from 'node:module';

export class FakeUri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(value: string): FakeUri {
    const match = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(value);
    if (!match) throw new Error(`not a URI: ${value}`);
    return new FakeUri(match[1] ?? '', decodeURIComponent(match[2] ?? ''));
  }
  static file(fsPath: string): FakeUri {
    return new FakeUri('file', fsPath);
  }
  static joinPath(base: FakeUri, ...segments: string[]): FakeUri {
    return new FakeUri(base.scheme, [base.path, ...segments].join('/'));
  }
  static from(parts: { scheme: string; path: string }): FakeUri {
    return new FakeUri(parts.scheme, parts.path);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.scheme === 'file' ? '' : 'host'}${this.path}`;
  }
}

export class FakeEventEmitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.add(listener);
    return {
      dispose: () => {
        this.listeners.delete(listener);
      },
    };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  dispose(): void {
    this.listeners.clear();
  }
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
    postMessage: (message: unknown): Promise<boolean> => {
      this.posted.push(message);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidDispose = this.disposed.event;
  readonly onDidChangeViewState = this.viewStateChanged.event;
  constructor(
    readonly viewType: string,
    readonly title: string,
    readonly showOptions: unknown,
    readonly options: Record<string, unknown>,
  ) {}
  reveal(column: number, preserveFocus: boolean): void {
    this.reveals.push([column, preserveFocus]);
  }
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire(undefined);
  }
}

export interface ShownDocument {
  uri: string;
  options: Record<string, unknown>;
  languageId?: string;
}

export interface FakeSession {
  accessToken: string;
  account: { label: string; id: string };
  id: string;
  scopes: readonly string[];
}

/** A text document as VS Code's API shows it, enough for log tabs. */
export class FakeTextDocument {
  constructor(
    readonly uri: FakeUri,
    readonly text: string,
    readonly languageId = 'plaintext',
  ) {}
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  lineAt(line: number): { text: string } {
    return { text: this.text.split('\n')[line] ?? '' };
  }
}

interface ContentProvider {
  provideTextDocumentContent(uri: FakeUri): string;
  onDidChange?: unknown;
}

/** What the fake records; tests read and reset it. */
export const fake = {
  panels: [] as FakeWebviewPanel[],
  shown: [] as ShownDocument[],
  errors: [] as string[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Thenable<void> }>(),
  /** Sessions per auth provider id, and every getSession call. */
  sessions: new Map<string, FakeSession | Error>(),
  sessionRequests: [] as { provider: string; scopes: readonly string[]; options: Record<string, unknown> }[],
  sessionsChanged: new FakeEventEmitter<{ provider: { id: string; label: string } }>(),
  /** User settings. */
  configuration: new Map<string, unknown>(),
  /** The open folder's `.vscode/settings.json`: a repository's, so untrusted. */
  workspaceConfiguration: new Map<string, unknown>(),
  configurationChanged: new FakeEventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  contentProviders: new Map<string, ContentProvider>(),
  revealed: [] as { uri: string; line: number }[],
  warnings: [] as { message: string; options: Record<string, unknown>; items: string[] }[],
  /** What the next showWarningMessage resolves to (the item the user picked). */
  warningAnswer: undefined as string | undefined,
  /** window.visibleTextEditors: the documents on screen and their columns. */
  visibleEditors: [] as { document: { uri: FakeUri }; viewColumn: number }[],
  reset(): void {
    this.visibleEditors.length = 0;
    this.warnings.length = 0;
    this.warningAnswer = undefined;
    this.sessions.clear();
    this.sessionRequests.length = 0;
    this.configuration.clear();
    this.workspaceConfiguration.clear();
    this.contentProviders.clear();
    this.revealed.length = 0;
    this.panels.length = 0;
    this.shown.length = 0;
    this.errors.length = 0;
    this.serializers.clear();
  },
};

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position | number, end: Position | number, endLine?: number, endCharacter?: number) {
    this.start = typeof start === 'number' ? new Position(start, end as number) : start;
    this.end = typeof start === 'number' ? new Position(endLine ?? 0, endCharacter ?? 0) : (end as Position);
  }
}

const vscodeFake = {
  Uri: FakeUri,
  EventEmitter: FakeEventEmitter,
  Position,
  Range,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  window: {
    createWebviewPanel(
      viewType: string,
      title: string,
      showOptions: unknown,
      options: Record<string, unknown>,
    ): FakeWebviewPanel {
      const panel = new FakeWebviewPanel(viewType, title, showOptions, options);
      fake.panels.push(panel);
      return panel;
    },
    showTextDocument(
      target: FakeUri | FakeTextDocument,
      options: Record<string, unknown>,
    ): Promise<{ revealRange(range: Range): void }> {
      const uri = target instanceof FakeTextDocument ? target.uri : target;
      fake.shown.push({
        uri: uri.toString(),
        options,
        ...(target instanceof FakeTextDocument ? { languageId: target.languageId } : {}),
      });
      return Promise.resolve({
        revealRange: (range: Range) => {
          fake.revealed.push({ uri: uri.toString(), line: range.start.line });
        },
      });
    },
    showErrorMessage(message: string): Promise<undefined> {
      fake.errors.push(message);
      return Promise.resolve(undefined);
    },
    registerWebviewPanelSerializer(
      viewType: string,
      serializer: { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Thenable<void> },
    ) {
      fake.serializers.set(viewType, serializer);
      return { dispose: () => fake.serializers.delete(viewType) };
    },
  },
};

Object.defineProperty(vscodeFake.window, 'visibleTextEditors', { get: () => fake.visibleEditors });

Object.assign(vscodeFake.window, {
  showWarningMessage(
    message: string,
    options: Record<string, unknown>,
    ...items: string[]
  ): Promise<string | undefined> {
    fake.warnings.push({ message, options, items });
    return Promise.resolve(fake.warningAnswer);
  },
  withProgress<T>(_options: unknown, task: () => Promise<T>): Promise<T> {
    return task();
  },
});

Object.assign(vscodeFake, {
  TextEditorRevealType: { InCenter: 2 },
  ProgressLocation: { Notification: 15 },
  authentication: {
    getSession(
      provider: string,
      scopes: readonly string[],
      options: Record<string, unknown>,
    ): Promise<FakeSession | undefined> {
      fake.sessionRequests.push({ provider, scopes: [...scopes], options });
      const session = fake.sessions.get(provider);
      return session instanceof Error ? Promise.reject(session) : Promise.resolve(session);
    },
    onDidChangeSessions: fake.sessionsChanged.event,
  },
  workspace: {
    getConfiguration(section: string) {
      const id = (key: string): string => `${section}.${key}`;
      return {
        get: (key: string): unknown => fake.workspaceConfiguration.get(id(key)) ?? fake.configuration.get(id(key)),
        inspect: (key: string) => ({
          key: id(key),
          globalValue: fake.configuration.get(id(key)),
          workspaceValue: fake.workspaceConfiguration.get(id(key)),
        }),
      };
    },
    onDidChangeConfiguration: fake.configurationChanged.event,
    registerTextDocumentContentProvider(scheme: string, provider: ContentProvider) {
      fake.contentProviders.set(scheme, provider);
      return { dispose: () => fake.contentProviders.delete(scheme) };
    },
    openTextDocument(uri: FakeUri): Promise<FakeTextDocument> {
      const provider = fake.contentProviders.get(uri.scheme);
      if (!provider) return Promise.reject(new Error(`no provider for ${uri.scheme}`));
      return Promise.resolve(new FakeTextDocument(uri, provider.provideTextDocumentContent(uri)));
    },
  },
  languages: {
    setTextDocumentLanguage(document: FakeTextDocument, languageId: string): Promise<FakeTextDocument> {
      return Promise.resolve(new FakeTextDocument(document.uri, document.text, languageId));
    },
  },
});

const FAKE_ID = '\0fake-vscode';
interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}
const internals = Module as unknown as ModuleInternals;
const resolve = internals._resolveFilename.bind(Module);
internals._resolveFilename = (request: string, ...rest: unknown[]): string =>
  request === 'vscode' ? FAKE_ID : resolve(request, ...rest);
const cached = new Module(FAKE_ID);
cached.exports = vscodeFake;
cached.loaded = true;
require.cache[FAKE_ID] = cached;
