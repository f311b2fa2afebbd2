// splitLogSections/findFailure/displayLog on job logs built the way GitHub writes them (timestamps, nested groups, ANSI
// colours, a BOM, post steps). Each log is assembled from per-step blocks, so the expected section boundaries are the
// blocks' own offsets, computed by the test and not by the code under test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayLog, findFailure, parseLogLines, splitLogSections, type LogStep } from '../../shared/logSections';

interface Block {
  readonly name: string;
  readonly number: number;
  readonly startSecond: number;
  readonly lines: readonly string[];
}

const T0 = Date.parse('2026-11-20T10:00:00Z');

function stamp(second: number, fraction: number): string {
  return new Date(T0 + second * 1000 + fraction).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** The log text, and each block's first line, as GitHub would have served it. */
function assemble(blocks: readonly Block[]): { log: string; starts: number[] } {
  const out: string[] = [];
  const starts: number[] = [];
  for (const block of blocks) {
    starts.push(out.length);
    block.lines.forEach((line, i) => {
      out.push(`${stamp(block.startSecond, 100 + i)} ${line}`);
    });
  }
  return { log: `\uFEFF${out.join('\n')}\n`, starts };
}

const BLOCKS: readonly Block[] = [
  {
    name: 'Set up job',
    number: 1,
    startSecond: 0,
    lines: [
      "Current runner version: '2.321.0'",
      '##[group]Operating System',
      'Ubuntu',
      '24.04.1',
      'LTS',
      '##[endgroup]',
      '##[group]Runner Image',
      'Image: ubuntu-24.04',
      '##[endgroup]',
      'Prepare workflow directory',
      'Complete job name: test (3.11)',
    ],
  },
  {
    name: 'Run actions/checkout@v4',
    number: 2,
    startSecond: 2,
    lines: [
      '##[group]Run actions/checkout@v4',
      'with:',
      '  repository: preflight-dev/ml-repo',
      '##[endgroup]',
      'Syncing repository: preflight-dev/ml-repo',
      '##[group]Getting Git version info',
      'git version 2.47.1',
      '##[endgroup]',
    ],
  },
  {
    name: 'Install',
    number: 3,
    startSecond: 5,
    lines: [
      '##[group]Run pip install -e .[test]',
      '\u001b[36;1mpip install -e .[test]\u001b[0m',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'Successfully installed preflight-0.1.0',
    ],
  },
  // The same second as Install ended: only the header tells them apart.
  {
    name: 'Run tests',
    number: 4,
    startSecond: 5,
    lines: [
      '##[group]Run pytest -q',
      '\u001b[36;1mpytest -q\u001b[0m',
      '##[endgroup]',
      // A test that prints its own group header (at top level) must not start a new step when the API steps are known.
      '##[group]Run fixtures',
      'loading fixtures',
      '##[endgroup]',
      'FAILED tests/test_model.py::test_accuracy - AssertionError: 0.81 < 0.9',
      '##[error]Process completed with exit code 1.',
    ],
  },
  {
    name: 'Post Run actions/checkout@v4',
    number: 6,
    startSecond: 40,
    lines: ['Post job cleanup.', '[command]/usr/bin/git version', 'git version 2.47.1'],
  },
  { name: 'Complete job', number: 7, startSecond: 41, lines: ['Cleaning up orphan processes'] },
];

function apiSteps(blocks: readonly Block[]): LogStep[] {
  const steps: LogStep[] = blocks.map((b) => ({
    number: b.number,
    name: b.name,
    startedAt: new Date(T0 + b.startSecond * 1000).toISOString(),
    conclusion: b.name === 'Run tests' ? 'failure' : 'success',
  }));
  // Step 5 was skipped: it is in the API's list but wrote nothing to the log.
  steps.push({ number: 5, name: 'Upload report', startedAt: null, conclusion: 'skipped' });
  return steps;
}

describe('splitLogSections', () => {
  const { log, starts } = assemble(BLOCKS);
  const total = BLOCKS.reduce((n, b) => n + b.lines.length, 0);

  it('reads timestamps off every line and drops the byte-order mark', () => {
    const lines = parseLogLines(log);
    assert.equal(lines.length, total);
    assert.equal(lines[0]?.text, "Current runner version: '2.321.0'");
    assert.equal(lines[0]?.time, T0 + 100);
    assert.deepEqual(parseLogLines('no timestamp here\n'), [{ time: undefined, text: 'no timestamp here' }]);
  });

  it("splits into the API steps, using start times and headers, ignoring a script's own group header", () => {
    const sections = splitLogSections(log, apiSteps(BLOCKS));
    assert.deepEqual(
      sections.map((s) => [s.stepNumber, s.title, s.startLine, s.endLine]),
      BLOCKS.map((b, i) => [b.number, b.name, starts[i], starts[i + 1] ?? total]),
    );
    const runTests = sections.find((s) => s.stepNumber === 4);
    assert.deepEqual(runTests?.errorLines, [(starts[4] ?? 0) - 1]);
  });

  it('without API steps, splits on the markers alone (a printed header then counts as a step)', () => {
    const sections = splitLogSections(log);
    const printed = (starts[3] ?? 0) + 3;
    assert.deepEqual(
      sections.map((s) => [s.title, s.startLine]),
      [
        ['Set up job', 0],
        ['Run actions/checkout@v4', starts[1]],
        ['Run pip install -e .[test]', starts[2]],
        ['Run pytest -q', starts[3]],
        ['Run fixtures', printed],
        ['Post job cleanup', starts[4]],
        ['Complete job', starts[5]],
      ],
    );
    assert.equal(
      sections.every((s) => s.stepNumber === undefined),
      true,
    );
  });

  it('finds the failed step and its first error line, by step number or by the first marked section', () => {
    const errorLine = (starts[4] ?? 0) - 1;
    const byNumber = findFailure(splitLogSections(log, apiSteps(BLOCKS)), 4);
    assert.equal(byNumber?.section.title, 'Run tests');
    assert.equal(byNumber?.line, errorLine);
    const byMark = findFailure(splitLogSections(log));
    assert.equal(byMark?.section.title, 'Run fixtures');
    assert.equal(byMark?.line, errorLine);
    assert.equal(findFailure(splitLogSections(log, apiSteps(BLOCKS)), 99), undefined);
    // A failed step with no marked line: point at its last line.
    const quiet = assemble([
      BLOCKS[0] as Block,
      {
        name: 'Run make',
        number: 2,
        startSecond: 3,
        lines: ['##[group]Run make', '##[endgroup]', 'make: *** [all] Killed'],
      },
    ]);
    const failure = findFailure(
      splitLogSections(quiet.log, [
        { number: 1, name: 'Set up job', startedAt: new Date(T0).toISOString(), conclusion: 'success' },
        { number: 2, name: 'Run make', startedAt: new Date(T0 + 3000).toISOString(), conclusion: 'failure' },
      ]),
      2,
    );
    assert.equal(failure?.line, (quiet.starts[1] ?? 0) + 2);
  });

  it('copes with an empty log, one line, and a log with steps the log never reached', () => {
    assert.deepEqual(splitLogSections(''), []);
    assert.deepEqual(splitLogSections('2026-11-20T10:00:00.0000000Z hello'), [
      { title: 'Set up job', stepNumber: undefined, startLine: 0, endLine: 1, errorLines: [] },
    ]);
    const cut = assemble(BLOCKS.slice(0, 2));
    const sections = splitLogSections(cut.log, apiSteps(BLOCKS));
    assert.equal(sections[0]?.startLine, 0);
    assert.equal(sections[1]?.startLine, cut.starts[1]);
    // Steps that left nothing in this (cancelled) log get empty sections at the end, never negative ones.
    assert.equal(
      sections.every((s) => s.endLine >= s.startLine),
      true,
    );
  });
});

describe('displayLog', () => {
  it('drops timestamps and colours, turns markers into words, and keeps one line per log line', () => {
    const { log } = assemble(BLOCKS);
    const display = displayLog(log).split('\n');
    assert.equal(display.length, parseLogLines(log).length);
    assert.equal(display[0], "Current runner version: '2.321.0'");
    assert.equal(display[1], '▼ Operating System');
    assert.equal(display[5], '');
    assert.ok(display.includes('pip install -e .[test]'));
    assert.ok(display.includes('Error: Process completed with exit code 1.'));
    assert.equal(
      display.some((l) => /\d{4}-\d\d-\d\dT/.test(l) || l.includes('\u001b')),
      false,
    );
  });
});
