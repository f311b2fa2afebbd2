// The webview boundary's validators: what each side accepts, and that anything malformed comes back undefined.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToModelView } from '../../protocol/modelView';
import { parseFromWebview, parseToWebview } from '../../protocol/webview';

const file = {
  uri: 'file:///ws/.github/workflows/ci.yml',
  relativePath: '.github/workflows/ci.yml',
  kind: 'github-workflow',
  errors: 1,
  warnings: 0,
};

describe('parseFromWebview', () => {
  it('accepts ready, refresh and openFile with or without a line', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseFromWebview({ type: 'openFile', uri: file.uri }), { type: 'openFile', uri: file.uri });
    assert.deepEqual(parseFromWebview({ type: 'openFile', uri: file.uri, line: 0 }), {
      type: 'openFile',
      uri: file.uri,
      line: 0,
    });
    assert.deepEqual(parseFromWebview({ type: 'openFile', uri: file.uri, line: 41 }), {
      type: 'openFile',
      uri: file.uri,
      line: 41,
    });
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', evil: true }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'openFile', uri: file.uri, command: 'rm -rf /' }), {
      type: 'openFile',
      uri: file.uri,
    });
  });

  const malformed: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['a number', 42],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.quit' }],
    ['a type of the wrong case', { type: 'Ready' }],
    ['a non-string type', { type: 1 }],
    ['openFile without uri', { type: 'openFile' }],
    ['openFile with a numeric uri', { type: 'openFile', uri: 7 }],
    ['openFile with an https uri', { type: 'openFile', uri: 'https://example.com/x.yml' }],
    ['openFile with a command uri', { type: 'openFile', uri: 'command:workbench.action.terminal.new' }],
    ['openFile with a vscode-remote uri', { type: 'openFile', uri: 'vscode-remote://host/x.yml' }],
    ['openFile with a plain path', { type: 'openFile', uri: '/etc/passwd' }],
    ['openFile with a negative line', { type: 'openFile', uri: file.uri, line: -1 }],
    ['openFile with a fractional line', { type: 'openFile', uri: file.uri, line: 1.5 }],
    ['openFile with a NaN line', { type: 'openFile', uri: file.uri, line: Number.NaN }],
    ['openFile with an infinite line', { type: 'openFile', uri: file.uri, line: Number.POSITIVE_INFINITY }],
    ['openFile with a huge line', { type: 'openFile', uri: file.uri, line: 1e12 }],
    ['openFile with a string line', { type: 'openFile', uri: file.uri, line: '3' }],
    ['openFile with a null line', { type: 'openFile', uri: file.uri, line: null }],
  ];
  for (const [name, value] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(parseFromWebview(value), undefined);
    });
  }
});

describe('parseToWebview', () => {
  it('accepts a pipelineFiles list, an empty one, and every server state', () => {
    assert.deepEqual(parseToWebview({ type: 'pipelineFiles', workspaceName: 'ws', files: [file] }), {
      type: 'pipelineFiles',
      workspaceName: 'ws',
      files: [file],
    });
    assert.deepEqual(parseToWebview({ type: 'pipelineFiles', workspaceName: '', files: [] }), {
      type: 'pipelineFiles',
      workspaceName: '',
      files: [],
    });
    for (const state of ['starting', 'ready', 'checking', 'stopped'] as const) {
      assert.deepEqual(parseToWebview({ type: 'serverState', state }), { type: 'serverState', state });
    }
  });

  it('keeps only the known fields of the message and of each file', () => {
    const parsed = parseToWebview({
      type: 'pipelineFiles',
      workspaceName: 'ws',
      extra: 1,
      files: [{ ...file, html: '<b>x</b>' }],
    });
    assert.deepEqual(parsed, { type: 'pipelineFiles', workspaceName: 'ws', files: [file] });
    assert.deepEqual(parseToWebview({ type: 'serverState', state: 'ready', extra: true }), {
      type: 'serverState',
      state: 'ready',
    });
    assert.deepEqual(parseToWebview({ type: 'languageModels', available: false, models: ['gpt'] }), {
      type: 'languageModels',
      available: false,
    });
  });

  it('carries markup in names as plain data (the view sets it as text)', () => {
    const name = '<img src=x onerror="window.__pwned=1">';
    const parsed = parseToWebview({
      type: 'pipelineFiles',
      workspaceName: name,
      files: [{ ...file, relativePath: name }],
    });
    assert.equal(parsed?.type === 'pipelineFiles' ? parsed.files[0]?.relativePath : undefined, name);
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['an array', []],
    ['an unknown type', { type: 'openFile', uri: file.uri }],
    ['files missing', { type: 'pipelineFiles', workspaceName: 'ws' }],
    ['files not an array', { type: 'pipelineFiles', workspaceName: 'ws', files: { 0: file } }],
    ['a numeric workspace name', { type: 'pipelineFiles', workspaceName: 3, files: [] }],
    ['a null file', { type: 'pipelineFiles', workspaceName: 'ws', files: [null] }],
    [
      'a file with an unknown kind',
      { type: 'pipelineFiles', workspaceName: 'ws', files: [{ ...file, kind: 'jenkinsfile' }] },
    ],
    ['a file without uri', { type: 'pipelineFiles', workspaceName: 'ws', files: [{ ...file, uri: undefined }] }],
    ['a file with string counts', { type: 'pipelineFiles', workspaceName: 'ws', files: [{ ...file, errors: '1' }] }],
    [
      'one bad file among good ones',
      { type: 'pipelineFiles', workspaceName: 'ws', files: [file, { ...file, warnings: null }] },
    ],
    ['an unknown server state', { type: 'serverState', state: 'crashed' }],
    ['a server state of the wrong type', { type: 'serverState', state: 1 }],
    ['language models without an answer', { type: 'languageModels' }],
    ['language models answered in words', { type: 'languageModels', available: 'yes' }],
  ];
  for (const [name, value] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(parseToWebview(value), undefined);
    });
  }
});

describe("the page's own requests (request / response)", () => {
  it('accepts a request the page may send, with its params, and drops extra fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'request', id: 3, name: 'listPipelineFiles', extra: 'x' }), {
      type: 'request',
      id: 3,
      name: 'listPipelineFiles',
      params: undefined,
    });
  });

  const forged: [string, unknown][] = [
    ['a request the page may not send', { type: 'request', id: 1, name: 'pipelineGraphs', params: {} }],
    ['an inherited name', { type: 'request', id: 1, name: 'toString' }],
    ['a prototype name', { type: 'request', id: 1, name: '__proto__' }],
    ['params for a request without params', { type: 'request', id: 1, name: 'listPipelineFiles', params: {} }],
    ['a negative id', { type: 'request', id: -1, name: 'listPipelineFiles' }],
    ['a fractional id', { type: 'request', id: 1.5, name: 'listPipelineFiles' }],
    ['a string id', { type: 'request', id: '1', name: 'listPipelineFiles' }],
    ['no name', { type: 'request', id: 1 }],
  ];
  for (const [name, value] of forged) {
    it(`rejects ${name}`, () => {
      assert.equal(parseFromWebview(value), undefined);
    });
  }

  it("checks the answer with its request's own check; no result is an answer too", () => {
    assert.deepEqual(
      parseToWebview({ type: 'response', id: 3, name: 'listPipelineFiles', result: [{ ...file, html: '<b>' }] }),
      { type: 'response', id: 3, name: 'listPipelineFiles', result: [file] },
    );
    assert.deepEqual(parseToWebview({ type: 'response', id: 3, name: 'listPipelineFiles' }), {
      type: 'response',
      id: 3,
      name: 'listPipelineFiles',
    });
    assert.equal(
      parseToWebview({ type: 'response', id: 3, name: 'listPipelineFiles', result: [{ uri: 1 }] }),
      undefined,
    );
    assert.equal(parseToWebview({ type: 'response', id: 3, name: 'listPipelineFiles', result: {} }), undefined);
    assert.equal(parseToWebview({ type: 'response', id: 3, name: 'pipelineGraphs', result: {} }), undefined);
    assert.equal(parseToWebview({ type: 'response', id: -3, name: 'listPipelineFiles' }), undefined);
  });
});

describe('parseToWebview: graph', () => {
  const node = { id: 'lint', label: 'lint', uri: 'file:///ws/ci.yml', line: 4, x: 12, y: 12, width: 96, height: 34 };
  const graph = {
    type: 'graph',
    kind: 'jobs',
    title: 'ci.yml',
    width: 300,
    height: 60,
    nodes: [node, { ...node, id: 'test', label: 'test', instances: 3, status: 'failure', detail: 'median 3m' }],
    edges: [
      {
        from: 'lint',
        to: 'test',
        points: [
          { x: 108, y: 29 },
          { x: 164, y: 29 },
        ],
      },
    ],
  };

  it('accepts a well-formed graph and keeps only known fields', () => {
    const parsed = parseToWebview({ ...graph, extra: 1, nodes: graph.nodes.map((n) => ({ ...n, onclick: 'x' })) });
    assert.deepEqual(parsed, graph);
  });

  const malformed: [string, unknown][] = [
    ['an unknown kind', { ...graph, kind: 'gitlab' }],
    ['a node with a non-file uri', { ...graph, nodes: [{ ...node, uri: 'command:workbench.action.quit' }] }],
    ['a node with a bad line', { ...graph, nodes: [{ ...node, line: -1 }] }],
    ['a node with an infinite coordinate', { ...graph, nodes: [{ ...node, x: Number.POSITIVE_INFINITY }] }],
    ['an unknown status', { ...graph, nodes: [{ ...node, status: 'exploded' }] }],
    ['duplicate node ids', { ...graph, nodes: [node, node], edges: [] }],
    [
      'an edge to an unknown node',
      {
        ...graph,
        edges: [
          {
            from: 'lint',
            to: 'nowhere',
            points: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
          },
        ],
      },
    ],
    ['an edge with one point', { ...graph, edges: [{ from: 'lint', to: 'test', points: [{ x: 0, y: 0 }] }] }],
    [
      'too many nodes',
      { ...graph, nodes: Array.from({ length: 2001 }, (_, i) => ({ ...node, id: `n${i}` })), edges: [] },
    ],
  ];
  for (const [what, value] of malformed) {
    it(`rejects ${what}`, () => {
      assert.equal(parseToWebview(value), undefined);
    });
  }
});

describe('parseToWebview: failure risk', () => {
  const risk = {
    type: 'failureRisk',
    branch: 'main',
    workflows: [],
    monitoring: null,
    jobMonitoring: null,
    focus: null,
    focusRequest: 2,
    focusStale: false,
  };

  it('accepts a risk message with its "why?" request number', () => {
    assert.deepEqual(parseToWebview({ ...risk, extra: 1 }), risk);
  });

  const malformed: [string, unknown][] = [
    ['no request number', { ...risk, focusRequest: undefined }],
    ['a negative request number', { ...risk, focusRequest: -1 }],
    ['a fractional request number', { ...risk, focusRequest: 1.5 }],
    ['a stale flag that is not a boolean', { ...risk, focusStale: 'yes' }],
  ];
  for (const [what, value] of malformed) {
    it(`rejects ${what}`, () => {
      assert.equal(parseToWebview(value), undefined);
    });
  }
});

describe('parseToModelView: tree ensembles', () => {
  it('reads trees with their node count and rejects a malformed one', () => {
    const summary = {
      fileName: 'm.onnx',
      sizeBytes: 10,
      irVersion: 8,
      producer: '',
      opsets: [],
      inputs: [],
      outputs: [],
      operators: [],
      parameterCount: 0,
    };
    const report = (trees: unknown): unknown => ({
      type: 'report',
      report: { modelUri: 'file:///m.onnx', summary: { ...summary, trees }, notes: [] },
    });
    assert.equal(parseToModelView(report({ count: 8, nodes: 120, maxDepth: 3 }))?.type, 'report');
    assert.equal(parseToModelView(report({ count: 8, maxDepth: 3 })), undefined);
  });
});
