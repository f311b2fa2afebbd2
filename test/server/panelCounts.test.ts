// "The editor, your terminal and CI agree": the panel's counts (the workspace listing, and an open file's row) are the
// ones `preflight check` reports for the same files, shellcheck's findings included; and the listing's notification
// matches its declared type on the client (it was logged as a mismatch and looked like a dropped refresh).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'vscode-jsonrpc/node';
import {
  CheckWorkspaceRequest,
  ListPipelineFilesRequest,
  PipelineFileCountsNotification,
  PipelineFilesChangedNotification,
} from '../../protocol/lsp';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import { runCheck } from '../../server/src/cli/commands/checkCommand';
import { findShellcheck } from '../../server/src/engine/checkExternal';
import { startHarness, type Harness } from '../support/lspHarness';

/** A workflow whose only error is one shellcheck finds: `$(( ))` with a broken expression. */
const SCRIPT_ERROR = `name: CI
on: push
permissions:
  contents: read
concurrency: ci-\${{ github.ref }}
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: echo "$((1 + ))"
`;

const CLEAN = SCRIPT_ERROR.replace('echo "$((1 + ))"', 'echo "$((1 + 2))"');

interface CliCounts {
  readonly [relativePath: string]: { errors: number; warnings: number };
}

async function cliCounts(folder: string): Promise<CliCounts> {
  const { output } = await runCheck(['--format', 'json', '.'], folder, 'test');
  const report = JSON.parse(output) as { files: { path: string; diagnostics: { severity: string }[] }[] };
  return Object.fromEntries(
    report.files.map((f) => [
      f.path.split(path.sep).join('/'),
      {
        errors: f.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: f.diagnostics.filter((d) => d.severity === 'warning').length,
      },
    ]),
  );
}

function panelCounts(files: readonly PipelineFileSummary[]): CliCounts {
  return Object.fromEntries(files.map((f) => [f.relativePath, { errors: f.errors, warnings: f.warnings }]));
}

describe('the panel counts what preflight check counts', () => {
  let folder: string;
  let h: Harness;
  const clientErrors: string[] = [];
  const logger: Logger = {
    error: (m) => {
      clientErrors.push(m);
    },
    warn: () => undefined,
    info: () => undefined,
    log: () => undefined,
  };

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-counts-'));
    fs.mkdirSync(path.join(folder, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.github', 'workflows', 'broken-script.yml'), SCRIPT_ERROR);
    fs.writeFileSync(path.join(folder, '.github', 'workflows', 'clean.yml'), CLEAN);
    h = await startHarness(folder, { enable: true, rules: {} }, { clientLogger: logger });
  });
  after(() => {
    h.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('needs shellcheck (apt-get install shellcheck)', () => {
    assert.ok(findShellcheck(), 'shellcheck is not on PATH');
  });

  it('lists the same errors and warnings per file as the command line, shellcheck included, for files not open', async () => {
    const cli = await cliCounts(folder);
    assert.deepEqual(
      cli['.github/workflows/broken-script.yml'],
      { errors: 1, warnings: 0 },
      'the CLI counts the shellcheck error',
    );
    const listed = await h.client.sendRequest(ListPipelineFilesRequest.type);
    assert.deepEqual(panelCounts(listed), cli);
  });

  it("counts an open file's shellcheck findings in its row once they arrive, as the listing does", async () => {
    const uri = pathToFileURL(path.join(folder, '.github', 'workflows', 'clean.yml')).href;
    // First the row of the check itself (no script error), then, with shellcheck's finding, the complete one.
    const complete = new Promise<PipelineFileSummary>((resolve) => {
      h.client.onNotification(PipelineFileCountsNotification.type, (row) => {
        if (row.uri === uri && row.errors > 0) resolve(row);
      });
    });
    // The editor's text breaks the script the file on disk has right.
    h.open(uri, SCRIPT_ERROR, 1);
    assert.deepEqual(
      { errors: (await complete).errors, warnings: (await complete).warnings },
      { errors: 1, warnings: 0 },
    );
    const listed = await h.client.sendRequest(ListPipelineFilesRequest.type);
    assert.deepEqual(panelCounts(listed)['.github/workflows/clean.yml'], { errors: 1, warnings: 0 });
  });

  it('asks the panel to list again with a notification the client reads as declared', async () => {
    const reasons: PipelineFilesChangedNotification.Params['reason'][] = [];
    let heard: (() => void) | undefined;
    const changed = new Promise<void>((resolve) => {
      heard = resolve;
    });
    h.client.onNotification(PipelineFilesChangedNotification.type, (params) => {
      reasons.push(params.reason);
      heard?.();
    });
    const totals = await h.client.sendRequest(CheckWorkspaceRequest.type);
    await changed;
    assert.deepEqual(reasons, ['workspaceChecked']);
    assert.equal(totals.errors, 2, "the CLI's count for the files on disk plus the open file's");
    assert.deepEqual(
      clientErrors.filter((e) => /defines|parameters/.test(e)),
      [],
    );
  });
});
