// Suggestions on a constructed history whose savings can be worked out by hand, and their edits through the gate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/fixes/applyEdits';
import { gateSuggestion } from '../../server/src/engine/fixes/suggestionGate';
import { buildRunHistory } from '../../server/src/engine/history/runHistory';
import { suggestImprovements, type Suggestion } from '../../server/src/engine/insights/suggestions';
import { workflowContext } from '../../server/src/engine/insights/workflowContext';
import { HistoryBuilder, type JobSpec } from '../support/runHistoryBuilder';

const WORKFLOW = `on: push
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - run: ruff check src
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    outputs:
      version: \${{ steps.v.outputs.version }}
    steps:
      - id: v
        run: echo "version=1" >> "$GITHUB_OUTPUT"
  test:
    needs: [lint, build]
    runs-on: ubuntu-latest
    timeout-minutes: 30
    strategy:
      matrix:
        python: ["3.10", "3.11"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: \${{ matrix.python }}
      - name: Install dependencies
        run: pip install -r requirements.txt
      - run: pytest -q
  package:
    needs:
      - build
      - lint
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: echo "\${{ needs.build.outputs.version }}"
  deploy:
    needs: test
    if: needs.test.result == 'success'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: ./deploy.sh
`;

// Durations in seconds. lint (120) is slower than build (60), so `test` waiting for lint costs 60 s on the path:
// with the edge:    max(lint 120, build 60) + test 300 (slowest leg) + deploy 30 = 450
// without lint:     max(build 60 + 300 + 30, lint 120)                         = 390  -> saves 60 s.
// test needs build: removing it leaves lint 120 + 300 + 30 = 450                  -> saves 0, no suggestion.
// package reads needs.build; its lint edge is off the critical path (120 + 20 < 450) -> saves 0.
const LINT = 120;
const BUILD = 60;
const TEST_310 = 250;
const TEST_311 = 300;
const INSTALL = 90;
const DEPLOY = 30;
const PACKAGE = 20;

function runJobs(failing311: boolean): JobSpec[] {
  const testStart = LINT;
  const testSteps = (total: number) => [
    { name: 'Run actions/checkout@v4', seconds: 5 },
    { name: 'Run actions/setup-python@v5', seconds: 5 },
    { name: 'Install dependencies', seconds: INSTALL },
    { name: 'Run pytest -q', seconds: total - 100 },
  ];
  return [
    { name: 'lint', start: 0, seconds: LINT },
    { name: 'build', start: 0, seconds: BUILD },
    { name: 'test (3.10)', start: testStart, seconds: TEST_310, steps: testSteps(TEST_310) },
    {
      name: 'test (3.11)',
      start: testStart,
      seconds: TEST_311,
      steps: testSteps(TEST_311),
      conclusion: failing311 ? 'failure' : 'success',
    },
    { name: 'package', start: LINT, seconds: PACKAGE },
    ...(failing311 ? [] : [{ name: 'deploy', start: testStart + TEST_311, seconds: DEPLOY }]),
  ];
}

function history() {
  const b = new HistoryBuilder();
  for (let i = 0; i < 24; i++) b.run({ at: i * 3600, jobs: runJobs(i === 5 || i === 17) });
  // Two pushes to a feature branch 100 s apart: the first run keeps going for 450 − 100 s of path, with its jobs
  // overlapping the newer run as computed below.
  b.run({ at: 30 * 3600, branch: 'feature', jobs: runJobs(false) });
  b.run({ at: 30 * 3600 + 100, branch: 'feature', jobs: runJobs(false) });
  b.run({ at: 31 * 3600, branch: 'feature2', jobs: runJobs(false) });
  b.run({ at: 31 * 3600 + 200, branch: 'feature2', jobs: runJobs(false) });
  return buildRunHistory(b.runs, b.jobs);
}

/** Job seconds run after `t` seconds into a run, summed over one run's jobs (independent of the engine). */
function secondsAfter(t: number): number {
  return runJobs(false).reduce((s, j) => s + Math.max(0, j.start + j.seconds - Math.max(j.start, t)), 0);
}

function context() {
  const parsed = workflowContext('/repo/.github/workflows/ci.yml', WORKFLOW);
  assert.ok(parsed.ok);
  return parsed.value;
}

function byKind(suggestions: readonly Suggestion[], kind: Suggestion['kind']): Suggestion[] {
  return suggestions.filter((s) => s.kind === kind);
}

function assertGatePasses(s: Suggestion): string {
  assert.ok(s.fix, `${s.title}: ${s.fixUnavailable ?? 'no fix'}`);
  const proposed = applyEdits(WORKFLOW, s.fix.edits);
  const lines = s.fix.edits.map((e) => e.range.start.line);
  const verdict = gateSuggestion({
    path: '/repo/.github/workflows/ci.yml',
    kind: 'github-workflow',
    originalText: WORKFLOW,
    proposedText: proposed,
    target: { startLine: Math.min(...lines), endLine: Math.max(...lines) + 4, label: 'the edit' },
  });
  assert.equal(verdict.accepted, true, JSON.stringify(verdict));
  return proposed;
}

describe('insights suggestions', () => {
  const ctx = context();
  const suggestions = suggestImprovements(history(), ctx);

  it('suggests dropping only the needs edge that is unused and on the critical path, with the replayed saving', () => {
    const parallel = byKind(suggestions, 'parallelize');
    assert.deepEqual(
      parallel.map((s) => s.title),
      ["Run 'test' in parallel with 'lint'"],
    );
    const [s] = parallel;
    assert.ok(s);
    const before = Math.max(LINT, BUILD) + Math.max(TEST_310, TEST_311) + DEPLOY;
    const after = Math.max(BUILD + Math.max(TEST_310, TEST_311) + DEPLOY, LINT);
    assert.equal(s.savingSecondsPerRun, before - after);
    assert.equal(s.line, WORKFLOW.split('\n').indexOf('  test:'));
    const proposed = assertGatePasses(s);
    assert.equal(proposed, WORKFLOW.replace('needs: [lint, build]', 'needs: [build]'));
  });

  it('suggests caching the pip install with the setup-python cache input, and the edit keeps the file valid', () => {
    const cache = byKind(suggestions, 'cache-dependencies');
    assert.equal(cache.length, 1);
    const [s] = cache;
    assert.ok(s);
    assert.equal(s.job, 'test');
    assert.equal(s.savingSecondsPerRun, INSTALL);
    const proposed = assertGatePasses(s);
    assert.equal(
      proposed,
      WORKFLOW.replace(
        '          python-version: ${{ matrix.python }}\n',
        '          python-version: ${{ matrix.python }}\n          cache: pip\n',
      ),
    );
  });

  it('suggests dropping the matrix leg that never failed while the other leg did, with its billed minutes', () => {
    const prune = byKind(suggestions, 'prune-matrix-leg');
    assert.deepEqual(
      prune.map((s) => s.title),
      ["Drop matrix leg 'test (3.10)'"],
    );
    // 28 runs of test (3.10), each ceil(250 / 60) = 5 Linux minutes.
    assert.equal(prune[0]?.savingMinutes, 28 * Math.ceil(TEST_310 / 60));
    assert.equal(prune[0]?.fix, undefined);
  });

  it('counts the minutes superseded runs spent after the newer push and offers a concurrency block', () => {
    const cancel = byKind(suggestions, 'cancel-superseded');
    assert.equal(cancel.length, 1);
    const [s] = cancel;
    assert.ok(s);
    const expected = (secondsAfter(100) + secondsAfter(200)) / 60;
    assert.ok(Math.abs((s.savingMinutes ?? 0) - expected) < 1e-9, `${s.savingMinutes} vs ${expected}`);
    const proposed = assertGatePasses(s);
    assert.ok(
      proposed.includes(
        'concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n\njobs:\n',
      ),
    );
  });

  it('makes no concurrency suggestion when the workflow already cancels in progress', () => {
    const withConcurrency = WORKFLOW.replace(
      'jobs:\n',
      'concurrency:\n  group: ci-${{ github.ref }}\n  cancel-in-progress: true\njobs:\n',
    );
    const parsed = workflowContext('/repo/.github/workflows/ci.yml', withConcurrency);
    assert.ok(parsed.ok);
    assert.deepEqual(byKind(suggestImprovements(history(), parsed.value), 'cancel-superseded'), []);
  });

  it('removes a block-list needs entry line by line', () => {
    // package reads build's output, so only lint could go; force the question by asking the edit directly.
    const noThreshold = suggestImprovements(history(), ctx, { minSavingSeconds: -1 });
    const pkg = noThreshold.find((s) => s.title === "Run 'package' in parallel with 'lint'");
    assert.ok(pkg);
    assert.equal(
      noThreshold.some((s) => s.title === "Run 'package' in parallel with 'build'"),
      false,
      'package reads needs.build',
    );
    assert.equal(
      noThreshold.some((s) => s.title === "Run 'deploy' in parallel with 'test'"),
      false,
      'deploy reads needs.test.result',
    );
    const proposed = assertGatePasses(pkg);
    assert.equal(proposed, WORKFLOW.replace('      - build\n      - lint\n', '      - build\n'));
  });
});
