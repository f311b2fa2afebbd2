// The Graph tab's request through the language server: the workflow's job graph from the open editor's text (else the
// disk), the workspace's dvc.yaml when no DVC file was named, and nothing for files of another kind.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PipelineGraphsRequest } from '../../protocol/lsp';
import { startHarness, type Harness } from '../support/lspHarness';
import { EXAMPLES } from '../support/paths';

let dir = '';
let harness: Harness;
let ciUri = '';
let ciText = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-graphs-'));
  fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  ciText = fs.readFileSync(path.join(EXAMPLES, '.github', 'workflows', 'ci.yml'), 'utf8');
  const ci = path.join(dir, '.github', 'workflows', 'ci.yml');
  fs.writeFileSync(ci, ciText);
  fs.copyFileSync(path.join(EXAMPLES, 'dvc.yaml'), path.join(dir, 'dvc.yaml'));
  fs.copyFileSync(path.join(EXAMPLES, 'params.yaml'), path.join(dir, 'params.yaml'));
  ciUri = pathToFileURL(ci).href;
  harness = await startHarness(dir);
});

after(() => {
  harness.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const edgesOf = (g: PipelineGraphsRequest.Result['jobs']): string[] =>
  (g?.edges ?? []).map((e) => `${e.from}->${e.to}`);

describe('PipelineGraphsRequest', () => {
  it('draws the workflow on disk and the workspace dvc.yaml, each node pointing at its definition', async () => {
    const result = await harness.client.sendRequest(PipelineGraphsRequest.type, { workflowUri: ciUri, dvcUri: null });
    assert.equal(result.jobs?.title, '.github/workflows/ci.yml');
    assert.deepEqual(
      result.jobs?.nodes.map((n) => [n.id, n.line, n.instances ?? null]),
      [
        ['lint', ciText.split('\n').indexOf('  lint:'), null],
        ['test', ciText.split('\n').indexOf('  test:'), 2],
        ['train', ciText.split('\n').indexOf('  train:'), null],
      ],
    );
    assert.deepEqual(edgesOf(result.jobs), ['lint->test', 'test->train']);
    assert.ok(
      result.jobs?.nodes.every((n) => n.uri === ciUri && n.detail === undefined),
      'no run data without a GitHub session',
    );
    assert.equal(result.dvc?.title, 'dvc.yaml');
    assert.deepEqual(
      result.dvc?.nodes.map((n) => n.id),
      ['prepare', 'featurize', 'train', 'evaluate'],
    );
  });

  it("follows the open editor's unsaved text", async () => {
    const edited = `${ciText.trimEnd()}\n  deploy:\n    needs: [train]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploy\n`;
    harness.open(ciUri, edited);
    await harness.nextDiagnostics(ciUri);
    const result = await harness.client.sendRequest(PipelineGraphsRequest.type, { workflowUri: ciUri, dvcUri: null });
    assert.deepEqual(edgesOf(result.jobs), ['lint->test', 'test->train', 'train->deploy']);
    assert.equal(result.jobs?.nodes.find((n) => n.id === 'deploy')?.line, edited.split('\n').indexOf('  deploy:'));
  });

  it('answers null for files that are not of the kind asked for, or not files', async () => {
    const params = pathToFileURL(path.join(dir, 'params.yaml')).href;
    const result = await harness.client.sendRequest(PipelineGraphsRequest.type, { workflowUri: params, dvcUri: ciUri });
    assert.deepEqual(result, { jobs: null, dvc: null });
    const remote = await harness.client.sendRequest(PipelineGraphsRequest.type, {
      workflowUri: 'untitled:Untitled-1',
      dvcUri: 'https://example.com/dvc.yaml',
    });
    assert.deepEqual(remote, { jobs: null, dvc: null });
  });

  it('answers a malformed request with no graphs, and answers the next one as before', async () => {
    const malformed = await harness.client.sendRequest(PipelineGraphsRequest.method, null);
    assert.deepEqual(malformed, { jobs: null, dvc: null });
    const result = await harness.client.sendRequest(PipelineGraphsRequest.type, { workflowUri: ciUri, dvcUri: null });
    assert.ok(result.jobs);
  });
});
