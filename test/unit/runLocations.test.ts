// From GitHub's job and step names back to the lines of the workflow file. Expected lines are found in the text itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstErrorLine, locateRunStep } from '../../server/src/engine/github/api/runLocations';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW = `name: CI
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

const yaml = parseYaml(WORKFLOW);
const lines = WORKFLOW.split('\n');
/** 0-based line of the first line containing `text` at or after `from`. */
function lineOf(text: string, from = 0): number {
  const index = lines.findIndex((l, i) => i >= from && l.includes(text));
  assert.ok(index !== -1, text);
  return index;
}

describe('locateRunStep', () => {
  it('jobs by id, by templated name with a matrix suffix, and a reusable workflow caller', () => {
    assert.equal(locateRunStep(yaml, 'lint')?.line, lineOf('  lint:'));
    assert.equal(locateRunStep(yaml, 'Test on 3.12 (3.12)')?.line, lineOf('  test:'));
    assert.equal(locateRunStep(yaml, 'Test on 3.11')?.line, lineOf('  test:'));
    assert.equal(locateRunStep(yaml, 'deploy / release')?.line, lineOf('  deploy:'));
    assert.equal(locateRunStep(yaml, 'nope'), undefined);
  });

  it('steps by their shown names: name:, "Run <uses>", "Run <first script line>"', () => {
    const test = lineOf('  test:');
    assert.equal(locateRunStep(yaml, 'lint', { number: 2, name: 'Run actions/checkout@v4' })?.line, lineOf('- uses: actions/checkout@v4'));
    assert.equal(locateRunStep(yaml, 'lint', { number: 3, name: 'Run ruff check .' })?.line, lineOf('- run: |'));
    assert.equal(locateRunStep(yaml, 'Test on 3.11 (3.11)', { number: 4, name: 'Run pytest' })?.line, lineOf('- name: Run pytest'));
    assert.equal(locateRunStep(yaml, 'Test on 3.11 (3.11)', { number: 2, name: 'Run actions/checkout@v4' })?.line, lineOf('- uses: actions/checkout@v4', test));
    const step = locateRunStep(yaml, 'Test on 3.11 (3.11)', { number: 3, name: 'Set up Python' });
    assert.deepEqual(step, { line: lineOf('- name: Set up Python'), character: 8 });
  });

  it('unknown names fall back to the position; GitHub\'s own steps point at the job', () => {
    assert.equal(locateRunStep(yaml, 'Test on 3.11 (3.11)', { number: 5, name: 'Renamed since' })?.line, lineOf('- run: echo done'));
    assert.equal(locateRunStep(yaml, 'lint', { number: 1, name: 'Set up job' })?.line, lineOf('  lint:'));
    assert.equal(locateRunStep(yaml, 'lint', { number: 9, name: 'Post Run actions/checkout@v4' })?.line, lineOf('  lint:'));
  });

  it('a broken workflow finds nothing instead of throwing', () => {
    assert.equal(locateRunStep(parseYaml('jobs: [\n'), 'lint'), undefined);
  });
});

describe('firstErrorLine', () => {
  it('finds the first ##[error] line', () => {
    assert.equal(firstErrorLine('a\nb\n2026-01-01T00:00:00Z ##[error]boom\n##[error]again\n'), 2);
    assert.equal(firstErrorLine('all good\n'), undefined);
  });
});
