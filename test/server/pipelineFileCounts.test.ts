// After validating an open file, the server sends that file's row for the panel (PipelineFileCountsNotification)
// instead of asking it to list, and so re-check, the whole workspace. The row must be what the full listing says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import {
  ListPipelineFilesRequest,
  PipelineFileCountsNotification,
  PipelineFilesChangedNotification,
} from '../../protocol/lsp';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import { startHarness, type Harness } from '../support/lspHarness';
import { EXAMPLES } from '../support/paths';

const CI_PATH = path.join(EXAMPLES, '.github/workflows/ci.yml');
const CI_URI = `file://${CI_PATH}`;

describe('per-file counts for the panel', () => {
  let h: Harness;
  const counts: PipelineFileSummary[] = [];
  let listingsAsked = 0;
  let waiting: ((file: PipelineFileSummary) => void) | undefined;

  before(async () => {
    h = await startHarness(EXAMPLES);
    h.client.onNotification(PipelineFileCountsNotification.method, (file: PipelineFileSummary) => {
      counts.push(file);
      waiting?.(file);
    });
    h.client.onNotification(PipelineFilesChangedNotification.method, () => {
      listingsAsked++;
    });
  });
  after(() => {
    h.close();
  });

  /** The next counts notification (they follow the file's diagnostics). */
  const nextCounts = (): Promise<PipelineFileSummary> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('no counts within 2 minutes'));
      }, 120_000);
      waiting = (file) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(file);
      };
    });

  const severities = (diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } => ({
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
  });

  async function listedRow(uri: string): Promise<PipelineFileSummary | undefined> {
    const files = await h.client.sendRequest<PipelineFileSummary[]>(ListPipelineFilesRequest.method);
    return files.find((f) => f.uri === uri);
  }

  it("sends the validated file's row, equal to the listing's, as its findings change", async () => {
    const disk = readFileSync(CI_PATH, 'utf8');
    const broken = `concurency: x\n${disk}`;
    let diagnostics = h.nextDiagnostics(CI_URI, 1);
    let row = nextCounts();
    h.open(CI_URI, broken, 1);
    const first = await row;
    assert.deepEqual({ errors: first.errors, warnings: first.warnings }, severities(await diagnostics));
    assert.ok(first.errors >= 1, 'the misspelt key is an error');
    assert.deepEqual(first, {
      uri: CI_URI,
      relativePath: '.github/workflows/ci.yml',
      kind: 'github-workflow',
      errors: first.errors,
      warnings: first.warnings,
    });
    assert.deepEqual(await listedRow(CI_URI), first);

    diagnostics = h.nextDiagnostics(CI_URI, 2);
    row = nextCounts();
    h.change(CI_URI, disk, 2);
    const fixed = await row;
    assert.deepEqual({ errors: fixed.errors, warnings: fixed.warnings }, severities(await diagnostics));
    assert.equal(fixed.errors, first.errors - 1);
    assert.deepEqual(await listedRow(CI_URI), fixed);
  });

  it('asks for a listing only for a file the panel cannot place (outside the workspace folders)', async () => {
    const before = { counts: counts.length, listings: listingsAsked };
    const outside = 'file:///elsewhere/.github/workflows/x.yml';
    const diagnostics = h.nextDiagnostics(outside);
    h.open(outside, 'on: push\njobs: {}\n');
    await diagnostics;
    // The notification follows the diagnostics on the same stream; a request's answer comes after it.
    await h.client.sendRequest(ListPipelineFilesRequest.method);
    assert.equal(counts.length, before.counts);
    assert.equal(listingsAsked, before.listings + 1);
  });
});
