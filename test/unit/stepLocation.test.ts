// locateStep on real workflows: job names as the API shows them (matrix suffixes, evaluated `name:` templates, ids),
// step numbers as the API counts them (set-up and container steps first), step names (including Post steps). Expected
// lines are found by searching the file's text, independently of the YAML model.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { locateStep, type StepQuery } from '../../server/src/engine/github/stepLocation';
import { FIXTURES } from '../support/paths';

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'workflows-real', name), 'utf8');
}

/** 0-based line of the first line containing `needle` after the line containing `after` (if given). */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
  assert.ok(from >= 0 && index >= 0, `fixture has ${needle}`);
  return index;
}

function located(text: string, query: StepQuery): { kind: string; line: number; jobId: string; extra: Record<string, unknown> } {
  const result = locateStep(text, query);
  assert.ok(result.ok, result.ok ? '' : result.error);
  const { kind, line, jobId, ...extra } = result.location;
  return { kind, line, jobId, extra };
}

describe('locateStep: pytorch-lightning ci-tests-pytorch.yml (matrix job without a name)', () => {
  const text = read('lightning-ci-tests-pytorch.yml');
  const job = 'pl-cpu (macOS-14, lightning, 3.10, 2.1)';

  it('step 1 "Set up job" is the job line', () => {
    assert.deepEqual(located(text, { jobName: job, stepNumber: 1, stepName: 'Set up job' }),
      { kind: 'job', line: lineOf(text, '  pl-cpu:'), jobId: 'pl-cpu', extra: { reason: 'setup' } });
    assert.deepEqual(located(text, { jobName: job, stepNumber: 1 }).line, lineOf(text, '  pl-cpu:'));
  });

  it('step 2 is the first step of the workflow, by number and by its "Run <uses>" title', () => {
    const checkout = lineOf(text, '- uses: actions/checkout@de0fac2e', '  pl-cpu:');
    assert.equal(located(text, { jobName: job, stepNumber: 2 }).line, checkout);
    assert.deepEqual(located(text, { jobName: job, stepNumber: 2, stepName: 'Run actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd' }),
      { kind: 'step', line: checkout, jobId: 'pl-cpu', extra: { stepIndex: 0, post: false, matchedBy: 'name' } });
  });

  it('finds a named step, and a Post step at the step it belongs to', () => {
    assert.equal(located(text, { jobName: job, stepNumber: 20, stepName: 'Testing PyTorch' }).line, lineOf(text, '- name: Testing PyTorch'));
    const post = located(text, { jobName: job, stepNumber: 26, stepName: 'Post Cache datasets' });
    assert.equal(post.line, lineOf(text, '- name: Cache datasets'));
    assert.equal(post.extra['post'], true);
    assert.equal(located(text, { jobName: job, stepNumber: 29, stepName: 'Complete job' }).kind, 'job');
  });

  it('accepts the job id itself and evaluates expressions in run titles as any text', () => {
    assert.equal(located(text, { jobName: 'pl-cpu', stepNumber: 3 }).line, lineOf(text, '- name: Install uv and set Python version'));
    assert.equal(located(text, { jobName: 'pl-cpu-guardian', stepNumber: 2, stepName: 'Run echo "success"' }).line,
      lineOf(text, '- run: echo "${{ needs.pl-cpu.result }}"'));
  });

  it('falls back to the number when the step name matches nothing (the file changed since the run)', () => {
    const found = located(text, { jobName: 'pl-cpu-guardian', stepNumber: 3, stepName: 'a step that was renamed' });
    assert.deepEqual(found, { kind: 'step', line: lineOf(text, '- name: failing...'), jobId: 'pl-cpu-guardian', extra: { stepIndex: 1, post: false, matchedBy: 'number' } });
  });

  it('names the jobs it knows when the job is not there', () => {
    const result = locateStep(text, { jobName: 'deploy (prod)', stepNumber: 2 });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /no job named "deploy \(prod\)" in this workflow \(jobs: pl-cpu, pl-cpu-guardian/);
  });
});

describe('locateStep: diffusers pr_tests.yml (name: ${{ matrix.config.name }} in two jobs, containers)', () => {
  const text = read('diffusers-pr_tests.yml');

  it('tells the two matrix-named jobs apart by their matrix values', () => {
    const fast = located(text, { jobName: 'Fast PyTorch Models & Schedulers CPU tests', stepNumber: 3 });
    // A container job: 1 Set up job, 2 Initialize containers, 3 the first step.
    assert.deepEqual(fast, { kind: 'step', line: lineOf(text, '- name: Checkout diffusers', '  run_fast_tests:'), jobId: 'run_fast_tests', extra: { stepIndex: 0, post: false, matchedBy: 'number' } });
    const staging = located(text, { jobName: 'Hub tests for models, schedulers, and pipelines', stepNumber: 3, stepName: 'Checkout diffusers' });
    assert.equal(staging.jobId, 'run_staging_tests');
    assert.equal(staging.line, lineOf(text, '- name: Checkout diffusers', '  run_staging_tests:'));
    assert.equal(located(text, { jobName: 'Fast PyTorch Models & Schedulers CPU tests', stepNumber: 2, stepName: 'Initialize containers' }).kind, 'job');
  });

  it('counts steps of a job without containers from 2', () => {
    assert.equal(located(text, { jobName: 'check_code_quality', stepNumber: 5 }).line, lineOf(text, '- name: Check quality'));
    assert.equal(located(text, { jobName: 'check_code_quality', stepNumber: 2 }).line, lineOf(text, '- uses: actions/checkout@v6'));
  });
});

describe('locateStep: jax ci-build.yaml (a name template spelling matrix values)', () => {
  const text = read('jax-ci-build.yaml');

  it('matches only the names the matrix can produce', () => {
    const found = located(text, { jobName: 'py3.12, x64=1, ubuntu-22.04', stepNumber: 4, stepName: 'Set up Python 3.12' });
    assert.deepEqual(found, { kind: 'step', line: lineOf(text, '- name: Set up Python ${{ matrix.python-version }}'), jobId: 'tests', extra: { stepIndex: 1, post: false, matchedBy: 'name' } });
    assert.equal(located(text, { jobName: 'py3.14, x64=0, ubuntu-22.04', stepNumber: 1 }).jobId, 'tests');
    // 3.13 is not in the matrix: this is not a name the workflow can produce.
    assert.equal(locateStep(text, { jobName: 'py3.13, x64=1, ubuntu-22.04', stepNumber: 1 }).ok, false);
  });

  it('finds the steps of a plainly named container job', () => {
    assert.equal(located(text, { jobName: 'FFI example', stepNumber: 99, stepName: 'Run GPU tests' }).line, lineOf(text, '- name: Run GPU tests'));
    assert.equal(located(text, { jobName: 'FFI example', stepNumber: 3 }).line, lineOf(text, '- uses: actions/checkout', '  ffi:'));
    assert.deepEqual(located(text, { jobName: 'FFI example', stepNumber: 40 }).extra, { reason: 'unmatched' });
  });
});

describe('locateStep: constructed cases', () => {
  it('points a reusable workflow call ("caller / called") at the calling job', () => {
    const text = 'on: push\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
    assert.deepEqual(located(text, { jobName: 'build / compile', stepNumber: 3 }), { kind: 'job', line: 2, jobId: 'build', extra: { reason: 'reusable' } });
    assert.deepEqual(located(text, { jobName: 'test', stepNumber: 2, stepName: 'Run make test' }).line, 7);
  });

  it('a named matrix job whose name does not spell the matrix gets a suffix', () => {
    const text = 'on: push\njobs:\n  t:\n    name: Unit\n    strategy:\n      matrix:\n        py: ["3.11", "3.12"]\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n';
    assert.equal(located(text, { jobName: 'Unit (3.12)', stepNumber: 2 }).line, 9);
    assert.equal(locateStep(text, { jobName: 'Integration (3.12)', stepNumber: 2 }).ok, false);
  });

  it('reports a broken file and a file without jobs instead of throwing', () => {
    const broken = locateStep('jobs:\n  a: [\n', { jobName: 'a', stepNumber: 1 });
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.error, /does not parse.*fix its YAML first/);
    const empty = locateStep('on: push\n', { jobName: 'a', stepNumber: 1 });
    assert.deepEqual(empty, { ok: false, error: 'the workflow file has no jobs: add a `jobs:` mapping' });
  });
});
