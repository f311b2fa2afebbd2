// From GitHub's job and step names and numbers back to the workflow file: job names as the API shows them (ids,
// evaluated `name:` templates, matrix suffixes, "caller / called"), step numbers as the API counts them (set-up and
// container steps first), step names (including Post steps). Expected lines are found by searching the file's text,
// independently of the YAML model.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { workflowModel } from '../../server/src/engine/github/workflowModel';
import { locateRunStep, runJobFinder, type RunStepRef } from '../../server/src/engine/runs/runLocations';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';
import { FIXTURES } from '../support/paths';

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'workflows-real', name), 'utf8');
}

/** 0-based line of the first line containing `needle` at or after the line containing `after` (if given). */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
  assert.ok(from >= 0 && index >= 0, `fixture has ${needle}`);
  return index;
}

function located(
  text: string,
  jobName: string,
  step?: RunStepRef,
): { kind: string; line: number; jobId: string; extra: Record<string, unknown> } {
  const result = locateRunStep(parseYaml(text), jobName, step);
  assert.ok(result.ok, result.ok ? '' : result.error);
  const { kind, position, jobId, ...extra } = result.location;
  return { kind, line: position.line, jobId, extra };
}

function refused(text: string, jobName: string, step?: RunStepRef): string {
  const result = locateRunStep(parseYaml(text), jobName, step);
  assert.equal(result.ok, false, `${jobName} should not be found`);
  return result.ok ? '' : result.error;
}

describe('locateRunStep: a small workflow (ids, a matrix template, scripts, a reusable call)', () => {
  const text = `name: CI
on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |

          ruff check .
          ruff format --check .
  test:
    name: Test on \${{ matrix.python }}
    strategy:
      matrix:
        python: ['3.11', '3.12']
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
      - name: Run pytest
        run: pytest -q
      - run: echo done
  deploy:
    uses: ./.github/workflows/deploy.yml
`;

  it('jobs by id, by a templated name the matrix can produce, and a reusable workflow caller', () => {
    assert.deepEqual(located(text, 'lint'), {
      kind: 'job',
      line: lineOf(text, '  lint:'),
      jobId: 'lint',
      extra: { reason: 'job' },
    });
    assert.equal(located(text, 'Test on 3.12').line, lineOf(text, '  test:'));
    assert.equal(located(text, 'Test on 3.11').jobId, 'test');
    assert.deepEqual(located(text, 'deploy / release'), {
      kind: 'job',
      line: lineOf(text, '  deploy:'),
      jobId: 'deploy',
      extra: { reason: 'reusable' },
    });
    assert.match(
      refused(text, 'nope'),
      /no job named "nope" in this workflow \(jobs: lint, test \("Test on \$\{\{ matrix.python \}\}"\), deploy\)/,
    );
  });

  it('steps by their shown names: name:, "Run <uses>", "Run <first script line>", at the step\'s first key', () => {
    const test = '  test:';
    assert.equal(
      located(text, 'lint', { number: 2, name: 'Run actions/checkout@v4' }).line,
      lineOf(text, '- uses: actions/checkout@v4'),
    );
    assert.equal(located(text, 'lint', { number: 3, name: 'Run ruff check .' }).line, lineOf(text, '- run: |'));
    assert.equal(
      located(text, 'Test on 3.11', { number: 4, name: 'Run pytest' }).line,
      lineOf(text, '- name: Run pytest'),
    );
    assert.equal(
      located(text, 'Test on 3.11', { number: 2, name: 'Run actions/checkout@v4' }).line,
      lineOf(text, '- uses: actions/checkout@v4', test),
    );
    const result = locateRunStep(parseYaml(text), 'Test on 3.11', { number: 3, name: 'Set up Python' });
    assert.deepEqual(result.ok && result.location.position, {
      line: lineOf(text, '- name: Set up Python'),
      character: 8,
    });
  });

  it("an unknown name falls back to the number; GitHub's own steps point at the job; a Post step at its step", () => {
    assert.deepEqual(located(text, 'Test on 3.11', { number: 5, name: 'Renamed since' }).extra, {
      stepIndex: 3,
      post: false,
      matchedBy: 'number',
    });
    assert.equal(
      located(text, 'Test on 3.11', { number: 5, name: 'Renamed since' }).line,
      lineOf(text, '- run: echo done'),
    );
    assert.deepEqual(located(text, 'lint', { number: 1, name: 'Set up job' }), {
      kind: 'job',
      line: lineOf(text, '  lint:'),
      jobId: 'lint',
      extra: { reason: 'setup' },
    });
    const post = located(text, 'lint', { number: 5, name: 'Post Run actions/checkout@v4' });
    assert.deepEqual(post, {
      kind: 'step',
      line: lineOf(text, '- uses: actions/checkout@v4'),
      jobId: 'lint',
      extra: { stepIndex: 0, post: true, matchedBy: 'name' },
    });
    // A Post step of a step renamed since the run: its number is past the workflow's steps and says nothing.
    assert.deepEqual(located(text, 'Test on 3.11', { number: 7, name: 'Post Restore cache' }).extra, {
      reason: 'unmatched',
    });
  });
});

describe('locateRunStep: pytorch-lightning ci-tests-pytorch.yml (matrix job without a name)', () => {
  const text = read('lightning-ci-tests-pytorch.yml');
  const job = 'pl-cpu (macOS-14, lightning, 3.10, 2.1)';

  it('step 1 "Set up job" is the job line', () => {
    assert.deepEqual(located(text, job, { number: 1, name: 'Set up job' }), {
      kind: 'job',
      line: lineOf(text, '  pl-cpu:'),
      jobId: 'pl-cpu',
      extra: { reason: 'setup' },
    });
    assert.deepEqual(located(text, job, { number: 1 }).line, lineOf(text, '  pl-cpu:'));
  });

  it('step 2 is the first step of the workflow, by number and by its "Run <uses>" title', () => {
    const checkout = lineOf(text, '- uses: actions/checkout@de0fac2e', '  pl-cpu:');
    assert.equal(located(text, job, { number: 2 }).line, checkout);
    assert.deepEqual(
      located(text, job, { number: 2, name: 'Run actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd' }),
      { kind: 'step', line: checkout, jobId: 'pl-cpu', extra: { stepIndex: 0, post: false, matchedBy: 'name' } },
    );
  });

  it('finds a named step, and a Post step at the step it belongs to', () => {
    assert.equal(
      located(text, job, { number: 20, name: 'Testing PyTorch' }).line,
      lineOf(text, '- name: Testing PyTorch'),
    );
    const post = located(text, job, { number: 26, name: 'Post Cache datasets' });
    assert.equal(post.line, lineOf(text, '- name: Cache datasets'));
    assert.equal(post.extra['post'], true);
    assert.equal(located(text, job, { number: 29, name: 'Complete job' }).kind, 'job');
  });

  it('accepts the job id itself and evaluates expressions in run titles as any text', () => {
    assert.equal(
      located(text, 'pl-cpu', { number: 3 }).line,
      lineOf(text, '- name: Install uv and set Python version'),
    );
    assert.equal(
      located(text, 'pl-cpu-guardian', { number: 2, name: 'Run echo "success"' }).line,
      lineOf(text, '- run: echo "${{ needs.pl-cpu.result }}"'),
    );
  });

  it('falls back to the number when the step name matches nothing (the file changed since the run)', () => {
    assert.deepEqual(located(text, 'pl-cpu-guardian', { number: 3, name: 'a step that was renamed' }), {
      kind: 'step',
      line: lineOf(text, '- name: failing...'),
      jobId: 'pl-cpu-guardian',
      extra: { stepIndex: 1, post: false, matchedBy: 'number' },
    });
  });

  it('names the jobs it knows when the job is not there', () => {
    assert.match(
      refused(text, 'deploy (prod)', { number: 2 }),
      /no job named "deploy \(prod\)" in this workflow \(jobs: pl-cpu, pl-cpu-guardian/,
    );
  });
});

describe('locateRunStep: diffusers pr_tests.yml (name: ${{ matrix.config.name }} in two jobs, containers)', () => {
  const text = read('diffusers-pr_tests.yml');

  it('tells the two matrix-named jobs apart by their matrix values', () => {
    // A container job: 1 Set up job, 2 Initialize containers, 3 the first step.
    assert.deepEqual(located(text, 'Fast PyTorch Models & Schedulers CPU tests', { number: 3 }), {
      kind: 'step',
      line: lineOf(text, '- name: Checkout diffusers', '  run_fast_tests:'),
      jobId: 'run_fast_tests',
      extra: { stepIndex: 0, post: false, matchedBy: 'number' },
    });
    const staging = located(text, 'Hub tests for models, schedulers, and pipelines', {
      number: 3,
      name: 'Checkout diffusers',
    });
    assert.equal(staging.jobId, 'run_staging_tests');
    assert.equal(staging.line, lineOf(text, '- name: Checkout diffusers', '  run_staging_tests:'));
    assert.equal(
      located(text, 'Fast PyTorch Models & Schedulers CPU tests', { number: 2, name: 'Initialize containers' }).kind,
      'job',
    );
    // A name made only of a matrix value: one the matrices do not list is neither job.
    assert.match(refused(text, 'Slow GPU tests'), /no job named "Slow GPU tests"/);
    assert.deepEqual(located(text, 'Fast PyTorch Models & Schedulers CPU tests', { number: 2 }).extra, {
      reason: 'setup',
    });
  });

  it('counts steps of a job without containers from 2', () => {
    assert.equal(located(text, 'check_code_quality', { number: 5 }).line, lineOf(text, '- name: Check quality'));
    assert.equal(located(text, 'check_code_quality', { number: 2 }).line, lineOf(text, '- uses: actions/checkout@v6'));
  });
});

describe('locateRunStep: jax ci-build.yaml (a name template spelling matrix values)', () => {
  const text = read('jax-ci-build.yaml');

  it('matches only the names the matrix can produce', () => {
    assert.deepEqual(located(text, 'py3.12, x64=1, ubuntu-22.04', { number: 4, name: 'Set up Python 3.12' }), {
      kind: 'step',
      line: lineOf(text, '- name: Set up Python ${{ matrix.python-version }}'),
      jobId: 'tests',
      extra: { stepIndex: 1, post: false, matchedBy: 'name' },
    });
    assert.equal(located(text, 'py3.14, x64=0, ubuntu-22.04', { number: 1 }).jobId, 'tests');
    // 3.13 is not in the matrix (any more): the run is older than the file, and the job is still this one.
    assert.equal(located(text, 'py3.13, x64=1, ubuntu-22.04', { number: 1 }).jobId, 'tests');
  });

  it('finds the steps of a plainly named container job', () => {
    assert.equal(
      located(text, 'FFI example', { number: 99, name: 'Run GPU tests' }).line,
      lineOf(text, '- name: Run GPU tests'),
    );
    assert.equal(located(text, 'FFI example', { number: 3 }).line, lineOf(text, '- uses: actions/checkout', '  ffi:'));
    assert.deepEqual(located(text, 'FFI example', { number: 40 }).extra, { reason: 'unmatched' });
  });
});

describe('locateRunStep: constructed cases', () => {
  it('points a reusable workflow call ("caller / called") at the calling job', () => {
    const text =
      'on: push\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
    assert.deepEqual(located(text, 'build / compile', { number: 3 }), {
      kind: 'job',
      line: 2,
      jobId: 'build',
      extra: { reason: 'reusable' },
    });
    assert.deepEqual(located(text, 'test', { number: 2, name: 'Run make test' }).line, 7);
  });

  it('a named matrix job whose name does not spell the matrix gets a suffix', () => {
    const text =
      'on: push\njobs:\n  t:\n    name: Unit\n    strategy:\n      matrix:\n        py: ["3.11", "3.12"]\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n';
    assert.equal(located(text, 'Unit (3.12)', { number: 2 }).line, 9);
    refused(text, 'Integration (3.12)', { number: 2 });
  });

  it('matrix values decide between templates; a value the file no longer lists loses to any other match', () => {
    const text =
      'on: push\njobs:\n  docs:\n    name: Test on docs\n    runs-on: ubuntu-latest\n    steps: [{run: make docs}]\n' +
      '  unit:\n    name: Test on ${{ matrix.py }}\n    strategy: {matrix: {py: ["3.11", "3.12"]}}\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n' +
      '  gpu:\n    name: GPU ${{ matrix.py }}\n    strategy: {matrix: {py: ["3.12"]}}\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n';
    assert.equal(located(text, 'Test on docs').jobId, 'docs');
    assert.equal(located(text, 'Test on 3.12').jobId, 'unit');
    assert.equal(located(text, 'Test on 3.10').jobId, 'unit');
    assert.equal(located(text, 'GPU 3.12').jobId, 'gpu');
    assert.equal(located(text, 'GPU 3.10').jobId, 'gpu');
    refused(text, 'Lint');
  });

  it('reports a broken file and a file without jobs instead of throwing', () => {
    assert.match(refused('jobs:\n  a: [\n', 'a', { number: 1 }), /does not parse \(line \d+\): fix its YAML first/);
    assert.match(refused('jobs: [\n', 'lint'), /does not parse/);
    assert.equal(refused('on: push\n', 'a', { number: 1 }), 'the workflow file has no jobs: add a `jobs:` mapping');
  });
});

describe('runJobFinder', () => {
  const text =
    'on: push\njobs:\n  lint:\n    name: Lint\n    runs-on: ubuntu-latest\n    steps: [{run: ruff .}]\n' +
    '  test:\n    strategy: {matrix: {py: ["3.11", "3.12"]}}\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n' +
    '  release:\n    uses: ./.github/workflows/release.yml\n';
  const model = workflowModel(parseYaml(text));
  assert.ok(model);
  const jobOf = runJobFinder(model.jobs);

  it("relates every API job of a run to its `jobs:` entry: names, ids, matrix legs, a reusable workflow's jobs", () => {
    assert.equal(jobOf('Lint')?.id, 'lint');
    assert.equal(jobOf('lint')?.id, 'lint');
    assert.equal(jobOf('test (3.11)')?.id, 'test');
    assert.equal(jobOf('test (3.12)')?.id, 'test');
    assert.equal(jobOf('release / publish')?.id, 'release');
    assert.equal(jobOf('deploy'), undefined);
    // Asked again (lenses ask once per run of the history), the answer is the same.
    assert.equal(jobOf('test (3.12)')?.id, 'test');
    assert.equal(jobOf('deploy'), undefined);
  });
});
