// The language server over the real protocol: diagnostics as you type, quick fixes from diagnostic data, custom requests,
// and survival of malformed input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FILE_KINDS } from '../../protocol/fileKinds/index';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import { FixWorkspaceRequest, ListPipelineFilesRequest, RuleDocsRequest } from '../../protocol/lsp';
import { kindOf } from '../../server/src/engine/kinds';
import { startHarness, type Harness } from '../support/lspHarness';
import { EXAMPLES } from '../support/paths';

const WORKFLOW = 'file:///repo/.github/workflows/train.yml';

describe('language server', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(EXAMPLES);
  });
  after(() => {
    h.close();
  });

  it('publishes diagnostics with rule codes, docs links and exact ranges', async () => {
    const pending = h.nextDiagnostics(WORKFLOW);
    h.open(WORKFLOW, 'on: push\nconcurency: x\njobs: {}\n');
    const [d] = await pending;
    assert.equal(d?.code, 'unknown-key');
    assert.equal(d?.source, 'preflight');
    assert.equal(d?.severity, 1);
    assert.deepEqual(d?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    assert.match(d?.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\.md#L\d+$/);
  });

  it('offers the certain fix and the suppression comment as quick fixes, keyed on data', async () => {
    const pending = h.nextDiagnostics(WORKFLOW, 2);
    h.change(WORKFLOW, 'on: push\nconcurency: x\njobs: {}\n', 2);
    const diagnostics = await pending;
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: WORKFLOW },
      range: diagnostics[0]?.range,
      context: { diagnostics },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change to 'concurrency'", "Ignore 'unknown-key' on this line"],
    );
    assert.deepEqual(actions[0]?.edit?.changes?.[WORKFLOW], [{ range: diagnostics[0]?.range, newText: 'concurrency' }]);
    assert.equal(actions[1]?.edit?.changes?.[WORKFLOW]?.[0]?.newText, '# preflight-ignore: unknown-key\n');
  });

  it('clears diagnostics once the text is fixed', async () => {
    const pending = h.nextDiagnostics(WORKFLOW, 3);
    h.change(WORKFLOW, 'on: push\nconcurrency: x\njobs: {}\n', 3);
    assert.deepEqual(await pending, []);
  });

  it('reports YAML syntax errors while typing', async () => {
    const pending = h.nextDiagnostics(WORKFLOW, 4);
    h.change(WORKFLOW, 'on: push\njobs:\n  a: [1, 2\n', 4);
    const diagnostics: Diagnostic[] = await pending;
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d) => d.code === 'yaml-syntax'));
  });

  it('answers rule docs requests', async () => {
    const docs = await h.client.sendRequest<{ title: string } | null>(RuleDocsRequest.method, { rule: 'yaml-syntax' });
    assert.equal(docs?.title, 'YAML syntax error');
    assert.equal(await h.client.sendRequest(RuleDocsRequest.method, { rule: 'nope' }), null);
  });

  it('lists the pipeline files of the workspace with their counts', async () => {
    const files = await h.client.sendRequest<PipelineFileSummary[]>(ListPipelineFilesRequest.method);
    const byPath = new Map(files.map((f) => [f.relativePath, f]));
    assert.equal(byPath.get('.github/workflows/broken-train.yml')?.errors, 1);
    assert.equal(byPath.get('.github/workflows/ci.yml')?.errors, 0);
    assert.equal(byPath.get('dvc.yaml')?.kind, 'dvc-pipeline');
    assert.equal(byPath.get('MLproject')?.kind, 'mlflow-project');
    assert.equal(byPath.get('model/MLmodel')?.kind, 'mlflow-model');
    assert.ok([...byPath.keys()].every((p) => !p.includes('node_modules')));
    assert.ok(files.every((f) => f.uri === `file://${path.join(EXAMPLES, f.relativePath)}`));
  });

  it('keeps answering after truncated and random input in every file kind', async () => {
    const texts = ['a: [\n', '\u0000\uffff: {{{', 'on:\n  - ]', '"\n'.repeat(50), 'x'.repeat(10_000), ': : :\n\t-', ''];
    for (const kind of FILE_KINDS) {
      const uri = `file://${kindOf(kind).examplePath('fuzz')}`;
      for (const [i, text] of texts.entries()) {
        const pending = h.nextDiagnostics(uri, i + 1);
        if (i === 0) h.open(uri, text, 1);
        else h.change(uri, text, i + 1);
        assert.ok(Array.isArray(await pending));
      }
    }
    const docs = await h.client.sendRequest(RuleDocsRequest.method, { rule: 'yaml-syntax' });
    assert.ok(docs, 'server still answers');
  });

  it('completes, hovers, goes to definition and outlines a workflow', async () => {
    const uri = 'file:///repo/.github/workflows/features.yml';
    const text =
      'on: push\njobs:\n  build:\n    name: Build wheels\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n  test:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n';
    const pending = h.nextDiagnostics(uri);
    h.open(uri, text);
    await pending;
    const completion = await h.client.sendRequest<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 8, character: 11 },
    });
    assert.deepEqual(
      completion.map((c) => c.label),
      ['build'],
    );
    // The most used runner label first, in the order the engine gives (VS Code sorts by sortText).
    const labels = await h.client.sendRequest<{ label: string; sortText?: string }[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 13 },
    });
    const sorted = [...labels].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.equal(sorted[0]?.label, 'ubuntu-latest');
    assert.ok(!labels.some((l) => l.label === 'ubuntu-20.04'), 'a retired image is never offered');
    const hover = await h.client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 16 },
    });
    assert.match(hover?.contents.value ?? '', /actions\/checkout@v4[\s\S]*fetch-depth/);
    const definition = await h.client.sendRequest<
      { targetUri: string; targetRange: { start: { line: number } } }[] | null
    >('textDocument/definition', { textDocument: { uri }, position: { line: 8, character: 12 } });
    assert.equal(definition?.[0]?.targetRange.start.line, 2);
    const symbols = await h.client.sendRequest<
      { name: string; children?: { name: string; children?: { name: string }[] }[] }[]
    >('textDocument/documentSymbol', { textDocument: { uri } });
    const jobs = symbols.find((s) => s.name === 'jobs');
    assert.deepEqual(
      jobs?.children?.map((j) => j.name),
      ['build', 'test'],
    );
    assert.deepEqual(
      jobs?.children?.[0]?.children?.map((s) => s.name),
      ['actions/checkout@v4'],
    );
  });

  it('offers source.fixAll that applies every certain fix through the gate', async () => {
    const uri = 'file:///repo/.github/workflows/fixall.yml';
    const pending = h.nextDiagnostics(uri);
    h.open(
      uri,
      'on: push\nconcurency: x\njobs:\n  a:\n    runs-on: ubuntu-lates\n    timeout-minutes: 5\n    steps:\n      - uses: actions/checkout\n',
    );
    await pending;
    const actions = await h.client.sendRequest<
      { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.fixAll.preflight');
    assert.match(actions[0]?.title ?? '', /\(3\)$/);
    const edits = actions[0]?.edit.changes[uri] ?? [];
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['concurrency: x\n', '    runs-on: ubuntu-latest\n', '      - uses: actions/checkout@v7\n'],
    );
  });

  it('offers "Pin to commit SHA" as a quick fix that is not preferred, in bulk only for its rule, never in source.fixAll', async () => {
    const uri = 'file:///repo/.github/workflows/pins.yml';
    const text =
      'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n' +
      '      - uses: docker/login-action@v3 # registry\n      - uses: docker/setup-qemu-action@v3\n';
    const pending = h.nextDiagnostics(uri);
    h.open(uri, text);
    const pins = (await pending).filter((d) => d.code === 'action-not-pinned');
    assert.equal(pins.length, 2);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: pins[0]?.range,
      context: { diagnostics: pins },
    });
    const pin = actions.find((a) => a.title === 'Pin to commit SHA (v3.7.0)');
    assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(pin.isPreferred, false, 'an editor must not apply it on its own');
    assert.deepEqual(
      pin.edit?.changes?.[uri]?.map((e) => e.newText),
      ['c94ce9fb468520275223c153574b00df6fe4bcc9', ' # v3.7.0'],
    );
    const bulk = actions.find((a) => a.title === "Fix all 'action-not-pinned' problems in this file (2)");
    assert.ok(bulk, JSON.stringify(actions.map((a) => a.title)));
    const fixAll = await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.ok(!JSON.stringify(fixAll).includes('5e57cd1'), 'source.fixAll never pins');
  });

  it('computes certain fixes for the whole workspace, files on disk included, without writing them', async () => {
    const { files } = await h.client.sendRequest<{
      files: {
        uri: string;
        version: number | null;
        edits: { range: { start: { line: number } }; newText: string }[];
        fixes: number;
      }[];
    }>(FixWorkspaceRequest.method);
    const broken = files.find((f) => f.uri.endsWith('/broken-train.yml'));
    assert.ok(broken, files.map((f) => f.uri).join(', '));
    assert.equal(broken.version, null);
    assert.deepEqual(
      broken.edits.map((e) => [e.range.start.line, e.newText]),
      [[18, 'concurrency:\n']],
    );
    assert.equal(broken.fixes, 1);
    assert.match(
      readFileSync(path.join(EXAMPLES, '.github/workflows/broken-train.yml'), 'utf8'),
      /^concurency:$/m,
      'the server never writes',
    );
  });
});

describe("language server with the user's own runner labels", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(EXAMPLES, { enable: true, rules: {}, runnerLabels: ['ubuntu-lates'] });
  });
  after(() => {
    h.close();
  });

  it('leaves a declared label alone in source.fixAll, as in the diagnostics', async () => {
    const uri = 'file:///repo/.github/workflows/own-runner.yml';
    const pending = h.nextDiagnostics(uri);
    h.open(
      uri,
      'on: push\nconcurency: x\njobs:\n  a:\n    runs-on: ubuntu-lates\n    timeout-minutes: 5\n    steps:\n      - run: make\n',
    );
    assert.ok(!(await pending).some((d) => d.code === 'runner-label'), 'no diagnostic on a declared label');
    const actions = await h.client.sendRequest<
      { title: string; edit: { changes: Record<string, { newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      actions[0]?.edit.changes[uri]?.map((e) => e.newText),
      ['concurrency: x\n'],
    );
  });
});
