// dvc.yaml editor features over the real protocol: the server finds params.yaml beside the document's path on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../support/lspHarness';

const PARAMS = 'train:\n  lr: 0.01\n  epochs: 10\n';
const DVC = `stages:
  prepare:
    cmd: python prepare.py
    outs:
      - data/prepared
  train:
    cmd: python train.py --lr \${train.lr}
    deps:
      - data/prepared
    params:
      - train.lr
      - 
`;

describe('dvc.yaml over the language server', () => {
  let h: Harness;
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-dvc-lsp-'));
    fs.mkdirSync(path.join(dir, '.dvc'));
    fs.writeFileSync(path.join(dir, 'params.yaml'), PARAMS);
    fs.writeFileSync(path.join(dir, 'dvc.yaml'), DVC);
    h = await startHarness(dir);
  });
  after(() => {
    h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('completes params keys with their values, goes to their definition and hovers a stage', async () => {
    const uri = pathToFileURL(path.join(dir, 'dvc.yaml')).href;
    const pending = h.nextDiagnostics(uri);
    h.open(uri, DVC);
    await pending;
    const completion = await h.client.sendRequest<{ label: string; detail?: string }[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 11, character: 8 },
    });
    assert.deepEqual(
      completion.map((c) => [c.label, c.detail]),
      [
        ['train', '{2 keys}'],
        ['train.epochs', '10'],
      ],
    );
    const definition = await h.client.sendRequest<
      { targetUri: string; targetRange: { start: { line: number; character: number } } }[] | null
    >('textDocument/definition', { textDocument: { uri }, position: { line: 10, character: 12 } });
    assert.equal(definition?.[0]?.targetUri, pathToFileURL(path.join(dir, 'params.yaml')).href);
    assert.deepEqual(definition[0]?.targetRange.start, { line: 1, character: 2 });
    const hover = await h.client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 3 },
    });
    assert.match(hover?.contents.value ?? '', /\*\*Fed by:\*\* `prepare`/);
  });

  it('offers the params.yaml edit for a missing key as a quick fix on dvc.yaml', async () => {
    const uri = pathToFileURL(path.join(dir, 'dvc.yaml')).href;
    const text = DVC.replace('      - \n', '      - train.batch_size\n');
    const pending = h.nextDiagnostics(uri, 7);
    h.change(uri, text, 7);
    const diagnostics = (await pending).filter((d) => d.code === 'dvc-missing-param');
    assert.equal(diagnostics.length, 1);
    const actions = await h.client.sendRequest<
      { title: string; isPreferred?: boolean; edit?: { changes: Record<string, { newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]?.range,
      context: { diagnostics },
    });
    const add = actions.find((a) => a.title.startsWith("Add 'train.batch_size' to params.yaml"));
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    assert.notEqual(add.isPreferred, true, 'a value the user must choose is never the preferred fix');
    const paramsUri = pathToFileURL(path.join(dir, 'params.yaml')).href;
    assert.deepEqual(Object.keys(add.edit?.changes ?? {}), [paramsUri], 'the edit goes to params.yaml, not dvc.yaml');
    assert.match(
      add.edit?.changes[paramsUri]?.[0]?.newText ?? '',
      /^\n {2}batch_size: null {2}# added by Preflight: set a value$/,
    );
  });
});
