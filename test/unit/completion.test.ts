import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeAt } from '../../server/src/engine/language/completion';

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
    const job = complete(WORKFLOW.replace('    runs-on: ubuntu-latest\n    outputs', '    runs-on: ubuntu-latest\n    |\n    outputs'));
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
    assert.deepEqual(complete(WORKFLOW.replace('        run: echo\n  test', '        run: echo\n      - run: ${{ steps.|\n  test')), ['pack']);
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
    assert.deepEqual(at('env.').sort(), ['JOB_LEVEL', 'TOP'], 'another step\'s env is not in scope');
    assert.deepEqual(at('secrets.'), ['GITHUB_TOKEN', 'PYPI_TOKEN']);
    assert.deepEqual(at('vars.'), ['REGION']);
    assert.deepEqual(at('steps.cache.outputs.'), ['cache-hit']);
  });
});
