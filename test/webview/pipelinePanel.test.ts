// The panel host (client/src/panel/pipelinePanel.ts) against a fake `vscode`: handshake, validation, which files may be
// opened, debounced refresh, stale answers, hide/show and restore after reload.
import { FakeEventEmitter, FakeUri, FakeWebviewPanel, fake } from './fakeVscode';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type * as vscode from 'vscode';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { PipelineDataSource, PipelineServerState } from '../../client/src/panel/pipelineDataSource';
import { PipelinePanel, registerPipelinePanelSerializer } from '../../client/src/panel/pipelinePanel';
import type { PanelRunsParticipant, RunsPanelMessage } from '../../client/src/panel/panelRunsParticipant';
import type { PipelineGraphsRequest } from '../../protocol/lsp';
import type { PanelRequester, PanelRequestName } from '../../protocol/panelRequests';
import type { GraphMessage, ToWebview } from '../../protocol/webview';

const EXTENSION = FakeUri.file('/ext') as unknown as vscode.Uri;
const CI: PipelineFileSummary = {
  uri: 'file:///ws/.github/workflows/ci.yml',
  relativePath: '.github/workflows/ci.yml',
  kind: 'github-workflow',
  errors: 1,
  warnings: 0,
};
const DVC: PipelineFileSummary = {
  uri: 'file:///ws/dvc.yaml',
  relativePath: 'dvc.yaml',
  kind: 'dvc-pipeline',
  errors: 0,
  warnings: 2,
};

interface StubSource {
  readonly source: PipelineDataSource;
  readonly filesChanged: FakeEventEmitter<undefined>;
  readonly countsChanged: FakeEventEmitter<PipelineFileSummary>;
  readonly stateChanged: FakeEventEmitter<undefined>;
  readonly activeChanged: FakeEventEmitter<undefined>;
  readonly runsChanged: FakeEventEmitter<undefined>;
  /** What pipelineGraphs answers, and what it was asked. */
  graphs: PipelineGraphsRequest.Result;
  readonly graphRequests: PipelineGraphsRequest.Params[];
  activeUri: string | undefined;
  files: readonly PipelineFileSummary[];
  state: PipelineServerState;
  calls: number;
  /** When set, listPipelineFiles answers with this instead of `files`. */
  next: (() => Promise<readonly PipelineFileSummary[]>) | undefined;
}

function stubSource(): StubSource {
  const filesChanged = new FakeEventEmitter<undefined>();
  const countsChanged = new FakeEventEmitter<PipelineFileSummary>();
  const stateChanged = new FakeEventEmitter<undefined>();
  const activeChanged = new FakeEventEmitter<undefined>();
  const runsChanged = new FakeEventEmitter<undefined>();
  const stub: StubSource = {
    filesChanged,
    countsChanged,
    stateChanged,
    activeChanged,
    runsChanged,
    graphs: { jobs: null, dvc: null },
    graphRequests: [],
    activeUri: undefined,
    files: [CI, DVC],
    state: 'ready',
    calls: 0,
    next: undefined,
    source: {
      // The one request path, answered per name as the server would.
      request: ((name: PanelRequestName, params?: PipelineGraphsRequest.Params) => {
        if (name === 'listPipelineFiles') {
          stub.calls++;
          return stub.next ? stub.next() : Promise.resolve(stub.files);
        }
        assert.ok(params);
        stub.graphRequests.push(params);
        return Promise.resolve(stub.graphs);
      }) as PanelRequester,
      workspaceName: () => 'ml-repo',
      onDidChangeFiles: filesChanged.event,
      onDidChangeFileCounts: countsChanged.event,
      serverState: () => stub.state,
      onDidChangeServerState: stateChanged.event,
      onDidChangeRuns: runsChanged.event,
      activeEditorUri: () => stub.activeUri,
      onDidChangeActiveEditor: activeChanged.event,
    },
  };
  return stub;
}

function graph(kind: 'jobs' | 'dvc', uri: string): GraphMessage {
  return {
    type: 'graph',
    kind,
    title: kind,
    width: 100,
    height: 40,
    nodes: [{ id: 'a', label: 'a', uri, line: 2, x: 0, y: 0, width: 100, height: 40 }],
    edges: [],
  };
}

const isGraph = (m: unknown): boolean => (m as { type: string }).type === 'graph';

/** Lets pending promise callbacks (the list request, postMessage) run. */
const settle = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

function onlyPanel(): FakeWebviewPanel {
  assert.equal(fake.panels.length, 1);
  const [panel] = fake.panels;
  assert.ok(panel);
  return panel;
}

async function openReady(stub: StubSource): Promise<FakeWebviewPanel> {
  PipelinePanel.createOrShow(EXTENSION, stub.source);
  const panel = onlyPanel();
  panel.received.fire({ type: 'ready' });
  await settle();
  return panel;
}

describe('PipelinePanel (host side, fake vscode)', () => {
  beforeEach(() => {
    fake.reset();
  });
  afterEach(() => {
    for (const panel of fake.panels) panel.dispose();
    mock.timers.reset();
  });

  it('opens beside the editor without focus, scripts on, context not retained, resources only from dist', () => {
    PipelinePanel.createOrShow(EXTENSION, stubSource().source);
    const panel = onlyPanel();
    assert.equal(panel.viewType, 'preflight.pipelinePanel');
    assert.equal(panel.title, 'Preflight');
    assert.deepEqual(panel.showOptions, { viewColumn: -2, preserveFocus: true });
    assert.equal(panel.options['enableScripts'], true);
    assert.equal(panel.options['retainContextWhenHidden'], false);
    assert.deepEqual((panel.options['localResourceRoots'] as FakeUri[]).map(String), ['file:///ext/dist']);
    const { html } = panel.webview;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce);
    assert.ok(html.includes(`<script nonce="${nonce}" src="file:///ext/dist/webview.js">`));
    assert.ok(html.includes('id="vscode-codicon-stylesheet" href="file:///ext/dist/codicons/codicon.css"'));
    assert.ok(html.includes(`font-src ${panel.webview.cspSource};`));
  });

  it('reveals the open panel instead of creating a second one', () => {
    const stub = stubSource();
    const first = PipelinePanel.createOrShow(EXTENSION, stub.source);
    const second = PipelinePanel.createOrShow(EXTENSION, stub.source);
    assert.equal(first, second);
    assert.deepEqual(onlyPanel().reveals, [[-2, true]]);
  });

  it('sends nothing until the page is ready, then the server state and the file list', async () => {
    const stub = stubSource();
    PipelinePanel.createOrShow(EXTENSION, stub.source);
    const panel = onlyPanel();
    stub.filesChanged.fire(undefined);
    stub.stateChanged.fire(undefined);
    await settle();
    assert.deepEqual(panel.posted, []);
    assert.equal(stub.calls, 0);
    panel.received.fire({ type: 'ready' });
    await settle();
    assert.deepEqual(panel.posted, [
      { type: 'serverState', state: 'ready' },
      { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [CI, DVC] },
    ]);
  });

  it('ignores malformed messages from the page', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    const posted = panel.posted.length;
    for (const bad of [
      null,
      'ready',
      { type: 'runCommand' },
      { type: 'openFile', uri: 'command:evil' },
      { type: 'openFile', uri: CI.uri, line: -1 },
    ]) {
      panel.received.fire(bad);
    }
    await settle();
    assert.equal(panel.posted.length, posted);
    assert.deepEqual(fake.shown, []);
  });

  it('opens only files it listed, in the first column, at the line asked for', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    panel.received.fire({ type: 'openFile', uri: DVC.uri, line: 4 });
    panel.received.fire({ type: 'openFile', uri: CI.uri });
    panel.received.fire({ type: 'openFile', uri: 'file:///etc/passwd' });
    await settle();
    assert.deepEqual(
      fake.shown.map((s) => s.uri),
      [DVC.uri, CI.uri],
    );
    const [dvcShown, ciShown] = fake.shown;
    assert.ok(dvcShown && ciShown);
    assert.equal(dvcShown.options['viewColumn'], 1);
    assert.deepEqual(JSON.parse(JSON.stringify(dvcShown.options['selection'])), {
      start: { line: 4, character: 0 },
      end: { line: 4, character: 0 },
    });
    assert.equal('selection' in ciShown.options, false);

    // A file dropped from the latest list can no longer be opened from a stale page.
    stub.files = [CI];
    panel.received.fire({ type: 'refresh' });
    await settle();
    panel.received.fire({ type: 'openFile', uri: DVC.uri });
    await settle();
    assert.equal(fake.shown.length, 2);
  });

  it("reveals a file already on screen in its own column, not the panel's", async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    panel.viewColumn = 3;
    fake.visibleEditors.push(
      { document: { uri: FakeUri.parse(CI.uri) }, viewColumn: 2 },
      { document: { uri: FakeUri.parse(DVC.uri) }, viewColumn: 3 },
    );
    panel.received.fire({ type: 'openFile', uri: CI.uri, line: 3 });
    panel.received.fire({ type: 'openFile', uri: DVC.uri, line: 3 });
    await settle();
    assert.deepEqual(
      fake.shown.map((s) => s.options['viewColumn']),
      [2, 1],
    );
  });

  it('opens files in the second column when the panel itself is in the first', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    panel.viewColumn = 1;
    panel.received.fire({ type: 'openFile', uri: CI.uri });
    panel.received.fire({ type: 'openFile', uri: DVC.uri });
    await settle();
    assert.deepEqual(
      fake.shown.map((s) => s.options['viewColumn']),
      [2, 2],
    );
  });

  it('refreshes once per burst of file changes, 200 ms after the last', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const stub = stubSource();
    const panel = await openReady(stub);
    assert.equal(stub.calls, 1);
    for (let i = 0; i < 5; i++) {
      stub.filesChanged.fire(undefined);
      mock.timers.tick(50);
    }
    assert.equal(stub.calls, 1);
    mock.timers.tick(149);
    assert.equal(stub.calls, 1);
    mock.timers.tick(1);
    assert.equal(stub.calls, 2);
    await settle();
    assert.equal(panel.posted.filter((m) => (m as { type: string }).type === 'pipelineFiles').length, 2);
  });

  it("updates one row from a file's new counts without listing the workspace again", async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const stub = stubSource();
    const panel = await openReady(stub);
    assert.equal(stub.calls, 1);
    const fixed = { ...CI, errors: 0, warnings: 1 };
    stub.countsChanged.fire(fixed);
    assert.deepEqual(panel.posted.at(-1), { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [fixed, DVC] });
    const posted = panel.posted.length;
    stub.countsChanged.fire(fixed);
    assert.equal(panel.posted.length, posted, 'same counts: nothing to send');
    mock.timers.tick(1000);
    await settle();
    assert.equal(stub.calls, 1, 'no listing for known files');
    // A file the list does not hold yet (just created) needs the listing, once the burst is over.
    stub.countsChanged.fire({
      uri: 'file:///ws/MLproject',
      relativePath: 'MLproject',
      kind: 'mlflow-project',
      errors: 0,
      warnings: 0,
    });
    mock.timers.tick(200);
    assert.equal(stub.calls, 2);
  });

  it('lays counts that arrive during a listing over its answer, which was computed before them', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    let answer: (files: readonly PipelineFileSummary[]) => void = () => undefined;
    stub.next = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    panel.received.fire({ type: 'refresh' });
    const newer = { ...DVC, warnings: 0 };
    stub.countsChanged.fire(newer);
    answer([CI, DVC]);
    await settle();
    assert.deepEqual(panel.posted.at(-1), { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [CI, newer] });
  });

  it('forwards server state changes, and lists again once the server is ready', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const stub = stubSource();
    stub.state = 'starting';
    stub.files = [];
    const panel = await openReady(stub);
    assert.deepEqual(panel.posted, [
      { type: 'serverState', state: 'starting' },
      { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [] },
    ]);
    stub.state = 'ready';
    stub.files = [CI];
    stub.stateChanged.fire(undefined);
    assert.deepEqual(panel.posted.at(-1), { type: 'serverState', state: 'ready' });
    mock.timers.tick(200);
    await settle();
    assert.deepEqual(panel.posted.at(-1), { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [CI] });
    stub.state = 'checking';
    stub.stateChanged.fire(undefined);
    mock.timers.tick(200);
    await settle();
    assert.deepEqual(panel.posted.at(-1), { type: 'serverState', state: 'checking' }, 'no extra list for other states');
  });

  it('drops a stale answer when a newer refresh overtook it, and survives a failing source', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    const before = panel.posted.length;
    let answerSlow: (files: readonly PipelineFileSummary[]) => void = () => undefined;
    stub.next = () =>
      new Promise((resolve) => {
        answerSlow = resolve;
      });
    panel.received.fire({ type: 'refresh' });
    stub.next = () => Promise.resolve([DVC]);
    panel.received.fire({ type: 'refresh' });
    await settle();
    answerSlow([CI]);
    await settle();
    assert.deepEqual(panel.posted.slice(before), [{ type: 'pipelineFiles', workspaceName: 'ml-repo', files: [DVC] }]);

    stub.next = () => Promise.reject(new Error('server gone'));
    panel.received.fire({ type: 'refresh' });
    await settle();
    assert.equal(panel.posted.length, before + 1);
  });

  it('stops sending while hidden and sends again after the reloaded page is ready', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    panel.visible = false;
    panel.viewStateChanged.fire(undefined);
    const before = panel.posted.length;
    stub.stateChanged.fire(undefined);
    panel.received.fire({ type: 'refresh' });
    await settle();
    assert.equal(panel.posted.length, before);
    panel.visible = true;
    panel.viewStateChanged.fire(undefined);
    panel.received.fire({ type: 'ready' });
    await settle();
    assert.equal(panel.posted.length, before + 2);
  });

  it("answers the page's own requests through the one request path, only to the page that asked", async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    const listings = stub.calls;
    const graphRequests = stub.graphRequests.length;
    const before = panel.posted.length;
    panel.received.fire({ type: 'request', id: 7, name: 'listPipelineFiles' });
    await settle();
    assert.equal(stub.calls, listings + 1);
    assert.deepEqual(panel.posted.slice(before), [
      { type: 'response', id: 7, name: 'listPipelineFiles', result: [CI, DVC] },
    ]);

    // What the page may not ask, or asks malformed, never reaches the server and is not answered.
    for (const forged of [
      { type: 'request', id: 8, name: 'pipelineGraphs', params: { workflowUri: 'file:///etc/x.yml', dvcUri: null } },
      { type: 'request', id: 9, name: 'listPipelineFiles', params: { all: true } },
      { type: 'request', id: 'x', name: 'listPipelineFiles' },
    ])
      panel.received.fire(forged);
    await settle();
    assert.equal(stub.calls, listings + 1);
    assert.equal(stub.graphRequests.length, graphRequests);
    assert.equal(panel.posted.length, before + 1);

    // A failed request is answered without a result, so the page does not wait for ever.
    stub.next = () => Promise.reject(new Error('server gone'));
    panel.received.fire({ type: 'request', id: 10, name: 'listPipelineFiles' });
    await settle();
    assert.deepEqual(panel.posted.at(-1), { type: 'response', id: 10, name: 'listPipelineFiles' });

    // The page went away while its request was out: the page that replaced it never gets that answer.
    let answer: (files: readonly PipelineFileSummary[]) => void = () => undefined;
    stub.next = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    panel.received.fire({ type: 'request', id: 11, name: 'listPipelineFiles' });
    await settle();
    stub.next = undefined;
    panel.visible = false;
    panel.viewStateChanged.fire(undefined);
    panel.visible = true;
    panel.viewStateChanged.fire(undefined);
    panel.received.fire({ type: 'ready' });
    await settle();
    const reloaded = panel.posted.length;
    answer([CI]);
    await settle();
    assert.deepEqual(
      panel.posted.slice(reloaded).filter((m) => (m as { type: string }).type === 'response'),
      [],
    );
  });

  it('lets go of everything when the user closes it', async () => {
    const stub = stubSource();
    const panel = await openReady(stub);
    panel.dispose();
    assert.equal(stub.filesChanged.listenerCount, 0);
    assert.equal(stub.stateChanged.listenerCount, 0);
    assert.equal(panel.received.listenerCount, 0);
    PipelinePanel.createOrShow(EXTENSION, stub.source);
    assert.equal(fake.panels.length, 2, 'a new panel after the old one closed');
  });

  it('restores a panel after reload through its serializer', async () => {
    const stub = stubSource();
    const context = { extensionUri: EXTENSION, subscriptions: [] as { dispose(): void }[] };
    registerPipelinePanelSerializer(context as unknown as vscode.ExtensionContext, () => stub.source);
    assert.equal(context.subscriptions.length, 1);
    const serializer = fake.serializers.get('preflight.pipelinePanel');
    assert.ok(serializer);
    const restored = new FakeWebviewPanel('preflight.pipelinePanel', 'Preflight', {}, {});
    fake.panels.push(restored);
    await serializer.deserializeWebviewPanel(restored, undefined);
    assert.equal(restored.webview.options['enableScripts'], true);
    assert.deepEqual((restored.webview.options['localResourceRoots'] as FakeUri[]).map(String), ['file:///ext/dist']);
    assert.match(restored.webview.html, /webview\.js/);
    restored.received.fire({ type: 'ready' });
    await settle();
    assert.deepEqual(restored.posted.at(-1), { type: 'pipelineFiles', workspaceName: 'ml-repo', files: [CI, DVC] });
    // The restored panel is the one createOrShow reveals.
    PipelinePanel.createOrShow(EXTENSION, stub.source);
    assert.equal(fake.panels.length, 1);
    assert.deepEqual(restored.reveals, [[-2, true]]);
  });

  it('hands the Runs participant the page (on ready), its run messages (validated), and tells it when the page goes', async () => {
    const events: string[] = [];
    const handled: RunsPanelMessage[] = [];
    let post: ((m: ToWebview) => void) | undefined;
    const runs: PanelRunsParticipant = {
      attach: (p) => {
        events.push('attach');
        post = p;
      },
      detach: () => {
        events.push('detach');
      },
      handle: (m) => {
        handled.push(m);
      },
    };
    PipelinePanel.createOrShow(EXTENSION, stubSource().source, runs);
    const panel = onlyPanel();
    assert.deepEqual(events, [], 'nothing before the page is ready');
    panel.received.fire({ type: 'ready' });
    await settle();
    assert.deepEqual(events, ['attach']);
    const snapshot: ToWebview = {
      type: 'runs',
      state: { kind: 'noRuns' },
      repository: 'o/r',
      branch: 'main',
      runs: [],
      updatedAt: null,
    };
    post?.(snapshot);
    assert.deepEqual(panel.posted.at(-1), snapshot);
    for (const m of [
      { type: 'rerunFailed', runId: 1 },
      { type: 'rerunJob', runId: 1, jobId: 2 },
      { type: 'openStep', runId: 1, jobId: 2, stepNumber: 3 },
      { type: 'signIn' },
      { type: 'refresh' },
      { type: 'cancelRun', runId: 'x' },
      { type: 'openLog', runId: 1 },
    ])
      panel.received.fire(m);
    assert.deepEqual(handled, [
      { type: 'rerunFailed', runId: 1 },
      { type: 'rerunJob', runId: 1, jobId: 2 },
      { type: 'openStep', runId: 1, jobId: 2, stepNumber: 3 },
      { type: 'signIn' },
      { type: 'refresh' },
    ]);
    panel.visible = false;
    panel.viewStateChanged.fire(undefined);
    assert.deepEqual(events, ['attach', 'detach']);
    const count = panel.posted.length;
    post?.(snapshot);
    assert.equal(panel.posted.length, count, 'a hidden page gets nothing');
    panel.visible = true;
    panel.received.fire({ type: 'ready' });
    panel.dispose();
    assert.deepEqual(events, ['attach', 'detach', 'attach', 'detach']);
  });
  it('draws the graphs of the workflow and dvc.yaml last active in an editor, debounced, sending only graphs that changed', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const stub = stubSource();
    stub.activeUri = CI.uri;
    const jobs = graph('jobs', CI.uri);
    stub.graphs = { jobs, dvc: null };
    const panel = await openReady(stub);
    assert.deepEqual(
      stub.graphRequests,
      [{ workflowUri: CI.uri, dvcUri: null }],
      'asked at once on ready, for the active workflow',
    );
    assert.deepEqual(panel.posted.filter(isGraph), [jobs]);

    // Another file becomes active: a workflow or dvc.yaml replaces its kind's target, anything else keeps both.
    stub.activeUri = 'file:///ws/src/train.py';
    stub.activeChanged.fire(undefined);
    stub.activeUri = DVC.uri;
    stub.activeChanged.fire(undefined);
    mock.timers.tick(299);
    assert.equal(stub.graphRequests.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(stub.graphRequests.at(-1), { workflowUri: CI.uri, dvcUri: DVC.uri });
    const dvc = graph('dvc', DVC.uri);
    stub.graphs = { jobs, dvc };
    // An edit of the shown workflow (its new counts) or new runs ask again; the unchanged job graph is not resent.
    stub.countsChanged.fire(CI);
    stub.runsChanged.fire(undefined);
    mock.timers.tick(300);
    await settle();
    assert.equal(stub.graphRequests.length, 3);
    assert.deepEqual(panel.posted.filter(isGraph), [jobs, dvc]);

    // A node's file may be opened from the page although the file list does not hold it.
    stub.files = [];
    panel.received.fire({ type: 'refresh' });
    await settle();
    panel.received.fire({ type: 'openFile', uri: DVC.uri, line: 2 });
    panel.received.fire({ type: 'openFile', uri: 'file:///ws/other.yml', line: 2 });
    await settle();
    assert.deepEqual(
      fake.shown.map((s) => s.uri),
      [DVC.uri],
    );

    // A job graph of another workflow replaces the first: its file opens from the page, the first one's no longer does.
    const nightly = 'file:///ws/.github/workflows/nightly.yml';
    stub.graphs = { jobs: graph('jobs', nightly), dvc };
    stub.runsChanged.fire(undefined);
    mock.timers.tick(300);
    await settle();
    panel.received.fire({ type: 'openFile', uri: CI.uri, line: 2 });
    panel.received.fire({ type: 'openFile', uri: nightly, line: 2 });
    await settle();
    assert.deepEqual(
      fake.shown.map((s) => s.uri),
      [DVC.uri, nightly],
    );
  });
});
