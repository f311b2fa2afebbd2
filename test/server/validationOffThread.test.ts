// Validation off the request path: a large workflow is checked in the worker while the server answers the editor, a
// burst of edits publishes the newest version only, and a file that cannot be checked gets a finding on itself (never
// the findings of older text, never silence for the rest of the workspace). Order is asserted by events, never by time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import { ListPipelineFilesRequest } from '../../protocol/lsp';
import { startHarness, type Harness } from '../support/lspHarness';

const BIG = 'file:///repo/.github/workflows/big.yml';
const SMALL = 'file:///repo/.github/workflows/small.yml';
const SMALL_TEXT =
  'on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: actions/checkout@v4\n';
/** Where the hover on SMALL_TEXT lands: `actions/checkout@v4`, which has a hover. */
const SMALL_HOVER = { textDocument: { uri: SMALL }, position: { line: 6, character: 16 } };
const SETTINGS = { enable: true, rules: {} };

/** A chain of jobs, about 250 KB: seconds of checking, far longer than a hover takes. */
function bigWorkflow(jobs = 3000): string {
  const body = Array.from(
    { length: jobs },
    (_, i) =>
      `  j${i}:\n    runs-on: ubuntu-latest\n${i ? `    needs: j${i - 1}\n` : ''}    steps:\n      - run: echo hi\n`,
  );
  return `name: t\non: push\njobs:\n${body.join('')}`;
}

/** Flow mappings nested 20,000 deep: the YAML parser runs out of stack on them, in any thread. */
function deeplyNested(): string {
  const depth = 20_000;
  return `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n      X: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
}

/** A diagnostic's message as text (the protocol also allows markup). */
function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Opens SMALL and waits for its diagnostics, so its first check is out of the way. */
async function openSmall(h: Harness): Promise<void> {
  const pending = h.diagnosticsAtLeast(SMALL, 1);
  h.open(SMALL, SMALL_TEXT);
  await pending;
}

describe('validation off the request path', () => {
  const harnesses: Harness[] = [];
  after(() => {
    for (const h of harnesses) h.close();
  });

  it('answers a hover on another file while a large workflow is being checked', async () => {
    const events: string[] = [];
    let hover: Promise<void> | undefined;
    const h: Harness = await startHarness(undefined, SETTINGS, {
      // The server asks for the big file's settings as its check starts; the hover is sent once that answer has gone.
      onConfiguration: (uris) => {
        if (!uris.includes(BIG) || hover) return;
        hover = new Promise((resolve) => {
          setImmediate(() => {
            void h.client
              .sendRequest<{ contents: { value: string } } | null>('textDocument/hover', SMALL_HOVER)
              .then((answer) => {
                events.push(answer ? 'hover answered' : 'hover empty');
                resolve();
              });
          });
        });
      },
    });
    harnesses.push(h);
    await openSmall(h);
    const checked = h.diagnosticsAtLeast(BIG, 1).then(() => {
      events.push('big file published');
    });
    h.open(BIG, bigWorkflow());
    await checked;
    await hover;
    assert.deepEqual(events, ['hover answered', 'big file published']);
  });

  it('publishes only the newest version after a burst of edits, never an older one after a newer one', async () => {
    const big = bigWorkflow();
    let burstSent = false;
    const h: Harness = await startHarness(undefined, SETTINGS, {
      // Version 1 is being checked when versions 2 to 10 arrive: its findings describe text that no longer exists.
      onConfiguration: (uris) => {
        if (!uris.includes(BIG) || burstSent) return;
        burstSent = true;
        setImmediate(() => {
          for (let v = 2; v <= 10; v++) h.change(BIG, `# edit ${v}\n${big}`, v);
        });
      },
    });
    harnesses.push(h);
    h.open(BIG, big);
    const newest = await h.diagnosticsAtLeast(BIG, 10);
    assert.ok(burstSent);
    assert.deepEqual(
      h.published.filter((p) => p.uri === BIG).map((p) => p.version),
      [10],
    );
    // The edit line shifted every finding down by one: these are the newest text's findings.
    assert.ok(newest.length > 0 && newest.every((d) => d.range.start.line >= 1));
  });

  it('replaces the findings of older text when the new text cannot be read, and checks the rest of the workspace', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'preflight-deep-'));
    try {
      mkdirSync(path.join(folder, '.github', 'workflows'), { recursive: true });
      writeFileSync(path.join(folder, '.github', 'workflows', 'deep.yml'), deeplyNested());
      writeFileSync(path.join(folder, '.github', 'workflows', 'ok.yml'), SMALL_TEXT);
      const h = await startHarness(folder, SETTINGS);
      harnesses.push(h);
      const uri = `file://${path.join(folder, '.github', 'workflows', 'edited.yml')}`;
      const first = h.diagnosticsAtLeast(uri, 1);
      h.open(uri, 'on: push\nconcurency: x\njobs: {}\n');
      assert.ok((await first).some((d) => d.code === 'unknown-key'));
      const second = h.diagnosticsAtLeast(uri, 2);
      h.change(uri, deeplyNested(), 2);
      const diagnostics = await second;
      // One finding where the parser gave up (it may report the same overflow twice), none of the old text's.
      assert.ok(diagnostics.length > 0);
      for (const d of diagnostics) {
        assert.equal(d.code, 'yaml-syntax');
        assert.match(messageOf(d), /nested too deeply/);
      }

      const files = await h.client.sendRequest<PipelineFileSummary[]>(ListPipelineFilesRequest.method);
      const byPath = new Map(files.map((f) => [f.relativePath, f]));
      assert.ok((byPath.get('.github/workflows/deep.yml')?.errors ?? 0) >= 1);
      assert.equal(byPath.get('.github/workflows/ok.yml')?.errors, 0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('gives a file over preflight.maxFileSizeMB one finding instead of a check', async () => {
    const h = await startHarness(undefined, { ...SETTINGS, maxFileSizeMB: 0.05 });
    harnesses.push(h);
    const pending = h.diagnosticsAtLeast(BIG, 1);
    h.open(BIG, bigWorkflow(1000)); // about 80 KB
    const diagnostics = await pending;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'file-not-checked');
    assert.match(diagnostics[0] ? messageOf(diagnostics[0]) : '', /over the 0\.1 MB limit.*preflight\.maxFileSizeMB/);
  });
});
