import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeAt, type CompletionEntry } from '../../server/src/engine/language/completion';

/** Text with a `|` marking the cursor. */
function complete(marked: string): string[] {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 };
  return completeAt({ text, kind: 'github-workflow' }, position).map((c) => c.label);
}

const WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      wheel: \${{ steps.pack.outputs.path }}
    steps:
      - id: pack
        run: echo
  test:
    needs: build
    strategy:
      matrix:
        python: ["3.10", "3.11"]
    runs-on: ubuntu-latest
    steps:
      - run: echo
`;

describe('completion', () => {
  it('suggests the top-level keys not yet present', () => {
    const labels = complete(`on: push\n|\njobs: {}\n`);
    assert.ok(labels.includes('permissions') && labels.includes('concurrency'));
    assert.ok(!labels.includes('on') && !labels.includes('jobs'));
  });

  it('suggests job keys inside a job, and step keys on a new list item', () => {
    const job = complete(
      WORKFLOW.replace('    runs-on: ubuntu-latest\n    outputs', '    runs-on: ubuntu-latest\n    |\n    outputs'),
    );
    assert.ok(job.includes('timeout-minutes') && job.includes('needs'));
    assert.ok(!job.includes('runs-on'));
    const step = complete(`${WORKFLOW}      - |\n`);
    assert.ok(step.includes('uses') && step.includes('with') && step.includes('run'), step.join(','));
  });

  it('suggests job ids for needs, runner labels, enum values and events', () => {
    assert.deepEqual(complete(WORKFLOW.replace('needs: build', 'needs: |')), ['build']);
    assert.ok(complete(`${WORKFLOW}  lint:\n    runs-on: |\n`).includes('ubuntu-24.04'));
    assert.ok(complete('on: push\npermissions:\n  contents: |\n').includes('write'));
    assert.ok(complete('on: |\n').includes('workflow_dispatch'));
  });

  it('completes expression contexts, matrix keys, step ids and needs outputs', () => {
    assert.ok(complete(`${WORKFLOW}      - run: echo \${{ |\n`).includes('matrix'));
    assert.deepEqual(complete(`${WORKFLOW}      - run: echo \${{ matrix.|\n`), ['python']);
    assert.deepEqual(complete(`${WORKFLOW}      - run: echo \${{ needs.build.outputs.|\n`), ['wheel']);
    assert.deepEqual(
      complete(WORKFLOW.replace('        run: echo\n  test', '        run: echo\n      - run: ${{ steps.|\n  test')),
      ['pack'],
    );
  });

  it('completes the properties of every context and the functions, in ${{ }} and in if: without braces', () => {
    const inStep = (expr: string): string[] => complete(`${WORKFLOW}      - run: echo \${{ ${expr}|\n`);
    const all = inStep('');
    assert.ok(all.includes('github') && all.includes('hashFiles') && all.includes('toJSON'), all.join(','));
    assert.ok(inStep('github.').includes('event_name') && inStep('github.').includes('ref_name'));
    assert.ok(inStep('runner.').includes('os') && inStep('runner.').includes('temp'));
    assert.ok(inStep('job.').includes('status') && inStep('strategy.').includes('job-index'));
    assert.deepEqual(inStep('needs.build.'), ['outputs', 'result']);
    assert.deepEqual(inStep('steps.pack.'), ['outputs', 'outcome', 'conclusion']);
    // A condition without ${{ }} is an expression as well.
    assert.ok(complete(`${WORKFLOW}      - if: github.|\n`).includes('event_name'));
    assert.ok(complete(`${WORKFLOW}      - if: |\n`).includes('success'));
  });

  it('completes env in scope, secrets and vars the workflow uses, and the outputs a known action declares', () => {
    const text = `on: push
env:
  TOP: 1
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      JOB_LEVEL: 2
    steps:
      - id: cache
        uses: actions/cache@v4
        with: {path: x, key: k}
      - run: echo \${{ secrets.PYPI_TOKEN }} \${{ vars.REGION }}
        env:
          STEP_LEVEL: 3
`;
    const at = (line: string): string[] => complete(`${text}      - run: echo \${{ ${line}|\n`);
    const env = complete(text.replace('echo ${{ secrets.PYPI_TOKEN }}', 'echo ${{ env.| }}'));
    assert.deepEqual(env.sort(), ['JOB_LEVEL', 'STEP_LEVEL', 'TOP']);
    assert.deepEqual(at('env.').sort(), ['JOB_LEVEL', 'TOP'], "another step's env is not in scope");
    assert.deepEqual(at('secrets.'), ['GITHUB_TOKEN', 'PYPI_TOKEN']);
    assert.deepEqual(at('vars.'), ['REGION']);
    assert.deepEqual(at('steps.cache.outputs.'), ['cache-hit']);
  });

  it("completes with: from the inputs of the step's action or the job's reusable workflow, required first, deprecated last", () => {
    const popular = complete(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: 3\n          |\n',
    );
    assert.ok(popular.includes('cache') && popular.includes('architecture'), popular.join(','));
    assert.ok(!popular.includes('python-version'), 'an input already written is left out');
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-with-'));
    try {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, '.github', 'actions', 'train'), { recursive: true });
      fs.writeFileSync(
        path.join(repo, '.github', 'actions', 'train', 'action.yml'),
        'name: train\ndescription: d\ninputs:\n  epochs: {default: "3"}\n  dataset: {required: true}\n  lr_old: {deprecationMessage: use lr}\nruns: {using: composite, steps: []}\n',
      );
      fs.mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
      fs.writeFileSync(
        path.join(repo, '.github', 'workflows', 'eval.yml'),
        'on:\n  workflow_call:\n    inputs:\n      model: {type: string, required: true}\njobs: {}\n',
      );
      const file = path.join(repo, '.github', 'workflows', 'ci.yml');
      const at = (marked: string): CompletionEntry[] => {
        const offset = marked.indexOf('|');
        const text = marked.slice(0, offset) + marked.slice(offset + 1);
        const before = text.slice(0, offset).split('\n');
        return completeAt(
          { text, kind: 'github-workflow', path: file },
          { line: before.length - 1, character: before.at(-1)?.length ?? 0 },
        );
      };
      const local = at(
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/train\n        with:\n          |\n',
      );
      assert.deepEqual(
        local.map((e) => e.label),
        ['dataset', 'epochs', 'lr_old'],
      );
      assert.match(local[0]?.detail ?? '', /required/);
      assert.match(local[2]?.detail ?? '', /deprecated: use lr/);
      const called = at('on: push\njobs:\n  eval:\n    uses: ./.github/workflows/eval.yml\n    with:\n      |\n');
      assert.deepEqual(
        called.map((e) => e.label),
        ['model'],
      );
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it("completes github.event from the payloads GitHub documents for the workflow's own triggers", () => {
    const at = (on: string, expr: string): CompletionEntry[] => {
      const text = `on: ${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ ${expr}`;
      const lines = text.split('\n');
      return completeAt(
        { text, kind: 'github-workflow' },
        { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 },
      );
    };
    const pr = at('pull_request', 'github.event.').map((e) => e.label);
    assert.ok(pr.includes('pull_request') && pr.includes('number') && !pr.includes('head_commit'), pr.join(','));
    assert.deepEqual(
      at('pull_request', 'github.event.pull_request.head.').map((e) => e.label),
      ['label', 'ref', 'repo', 'sha', 'user'],
    );
    const push = at('[push, schedule]', 'github.event.');
    assert.ok(push.some((e) => e.label === 'head_commit' && e.detail === 'github.event of push'));
    assert.match(
      at('push', 'github.event.head_commit.').find((e) => e.label === 'added')?.documentation ?? '',
      /files added/,
    );
  });
});
