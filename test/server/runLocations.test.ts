// "Open the workflow at this step" through the language server: the file on disk, or the open editor's newer text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LocateRunStepRequest } from '../../protocol/lsp';
import { startHarness, type Harness } from '../support/lspHarness';

const WORKFLOW =
  'on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Train\n        run: python train.py\n';
/** A container job: GitHub's step 2 is "Initialize containers", so the file's first step is number 3. */
const CONTAINER_WORKFLOW =
  'on: push\njobs:\n  gpu:\n    runs-on: ubuntu-latest\n    container: nvidia/cuda:12.4.0-base-ubuntu22.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: nvidia-smi\n';
let dir = '';
let harness: Harness;
let uri = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-locate-'));
  fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  const file = path.join(dir, '.github', 'workflows', 'train.yml');
  fs.writeFileSync(file, WORKFLOW);
  fs.writeFileSync(path.join(dir, '.github', 'workflows', 'gpu.yml'), CONTAINER_WORKFLOW);
  uri = pathToFileURL(file).href;
  harness = await startHarness(dir);
});

after(() => {
  harness.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LocateRunStepRequest', () => {
  it('finds the step in the file on disk', async () => {
    const result = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath: '.github/workflows/train.yml',
      jobName: 'train',
      step: { number: 3, name: 'Train' },
    });
    assert.deepEqual(result, { ok: true, uri, line: 6, character: 8 });
  });

  it('prefers the open editor text, which may have moved the step', async () => {
    harness.open(uri, WORKFLOW.replace('    steps:\n', '    timeout-minutes: 30\n    steps:\n'));
    await harness.nextDiagnostics(uri);
    const result = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath: '.github/workflows/train.yml',
      jobName: 'train',
      step: { number: 3, name: 'Train' },
    });
    assert.equal(result.ok && result.line, 7);
  });

  it('counts a container job\'s steps after "Initialize containers", and opens a Post step at its step', async () => {
    const workflowPath = '.github/workflows/gpu.yml';
    // Named as in an older version of the file: the number decides.
    const renamed = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath,
      jobName: 'gpu',
      step: { number: 4, name: 'Check the GPU' },
    });
    assert.deepEqual(renamed.ok && { line: renamed.line, character: renamed.character }, { line: 7, character: 8 });
    const post = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath,
      jobName: 'gpu',
      step: { number: 6, name: 'Post Run actions/checkout@v4' },
    });
    assert.equal(post.ok && post.line, 6);
    const setup = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath,
      jobName: 'gpu',
      step: { number: 2, name: 'Initialize containers' },
    });
    assert.equal(setup.ok && setup.line, 2);
  });

  it('refuses paths outside .github/workflows, and says which jobs the file has when the job is not there', async () => {
    for (const workflowPath of ['../../etc/passwd', '.github/workflows/../../x.yml', '/abs/.github/workflows/a.yml']) {
      assert.deepEqual(
        await harness.client.sendRequest(LocateRunStepRequest.type, { workflowPath, jobName: 'train', step: null }),
        { ok: false, error: 'the request does not name a workflow file and a job' },
      );
    }
    const unknown = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath: '.github/workflows/train.yml',
      jobName: 'deploy',
      step: null,
    });
    assert.equal(unknown.ok, false);
    assert.match(unknown.ok ? '' : unknown.error, /no job named "deploy" in this workflow \(jobs: train\)/);
    const missing = await harness.client.sendRequest(LocateRunStepRequest.type, {
      workflowPath: '.github/workflows/gone.yml',
      jobName: 'train',
      step: null,
    });
    assert.deepEqual(missing, {
      ok: false,
      error: '.github/workflows/gone.yml is not in this workspace (another branch, or a deleted workflow?)',
    });
  });
});
