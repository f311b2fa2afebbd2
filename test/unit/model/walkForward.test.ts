// Walk-forward evaluation on constructed histories with known answers: each window learns only from runs that had
// finished before it started (a run still running at the window's start is left out), and under a drift that only
// recent runs reveal, weekly retraining recovers what a single model fitted before the windows cannot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import { walkForward, walkForwardWindows } from '../../../server/src/engine/model/failure/walkForward';
import { rocAuc } from '../../../server/src/engine/model/metrics';
import { isLabelled, type RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { seededRandom } from '../../support/model/randomEnsemble';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 6);

function run(
  i: number,
  createdAt: number,
  completedAt: number | undefined,
  conclusion: string,
  workflowId = '1',
): RunRecord {
  return {
    id: String(i),
    repo: 'acme/app',
    workflowId,
    workflowName: 'CI',
    workflowPath: '.github/workflows/ci.yml',
    actor: 'alice',
    actorIsBot: false,
    branch: 'main',
    sha: `sha${i}`,
    event: 'push',
    createdAt,
    completedAt,
    conclusion,
    source: `constructed:${i}`,
  };
}

/** One run an hour. Runs before `flipAt` fail mostly in the night (UTC hour < 12) on workflow 1; from `flipAt` on,
 * workflow 2 runs instead and fails mostly in the afternoon: the hour rule is reversed. */
function driftingRuns(days: number, flipAt: number): RunRecord[] {
  const random = seededRandom(7);
  return Array.from({ length: days * 24 }, (_, i) => {
    const createdAt = START + i * HOUR + Math.floor(random() * 30) * 60_000;
    const after = createdAt >= flipAt;
    const night = new Date(createdAt).getUTCHours() < 12;
    const failP = night !== after ? 0.85 : 0.08;
    return run(i, createdAt, createdAt + 20 * 60_000, random() < failP ? 'failure' : 'success', after ? '2' : '1');
  });
}

describe('walkForwardWindows', () => {
  it('gives each window the labelled runs completed before it starts, and no run still running then', () => {
    const runs = [
      run(1, START, START + HOUR, 'success'),
      run(2, START + 2 * HOUR, START + 3 * HOUR, 'cancelled'),
      // Created before the second window starts (START + 1 day) but finished after: not known to that window's model.
      run(3, START + 20 * HOUR, START + 30 * HOUR, 'failure'),
      run(4, START + 22 * HOUR, START + 23 * HOUR, 'failure'),
      run(5, START + 25 * HOUR, START + 26 * HOUR, 'success'),
      run(6, START + 50 * HOUR, START + 51 * HOUR, 'failure'),
    ];
    const table = buildFeatureTable(runs);
    const rowOf = (id: string): number => table.runs.findIndex((r) => r.id === id);
    const predict = Int32Array.from(['3', '4', '5', '6'].map(rowOf));
    const windows = walkForwardWindows(table, predict, DAY);
    const ids = (rows: Int32Array): string[] => Array.from(rows, (r) => table.runs[r]?.id ?? '');
    // Windows start at the first predicted run (hour 20): [20 h, 44 h) and [44 h, 68 h).
    assert.deepEqual(
      windows.map((w) => (w.from - START) / HOUR),
      [20, 44],
    );
    assert.deepEqual(
      windows.map((w) => ids(w.rows)),
      [['3', '4', '5'], ['6']],
    );
    assert.deepEqual(
      ids(windows[0]?.past ?? new Int32Array()),
      ['1'],
      'cancelled runs are not labels; run 3 was still running',
    );
    assert.deepEqual(ids(windows[1]?.past ?? new Int32Array()), ['1', '3', '4', '5']);
  });

  it('skips empty windows', () => {
    const runs = [run(1, START, START + HOUR, 'success'), run(2, START + 10 * DAY, START + 10 * DAY + HOUR, 'failure')];
    const table = buildFeatureTable(runs);
    const windows = walkForwardWindows(table, Int32Array.from([0, 1]), 7 * DAY);
    assert.deepEqual(
      windows.map((w) => (w.from - START) / DAY),
      [0, 7],
    );
  });
});

describe('walkForward', () => {
  const flipAt = START + 28 * DAY;
  const table = buildFeatureTable(driftingRuns(56, flipAt));
  const afterFlip = Int32Array.from(table.runs.flatMap((r, i) => (isLabelled(r) && r.createdAt >= flipAt ? [i] : [])));
  const options = { trees: 40, gbdt: { learningRate: 0.2, maxDepth: 3 } };

  it('retrained weekly, learns a reversed rule that a model fitted once before the drift gets backwards', () => {
    const weekly = walkForward(table, afterFlip, { ...options, stepMs: 7 * DAY });
    const once = walkForward(table, afterFlip, { ...options, stepMs: 100 * DAY });
    assert.ok(weekly.ok && once.ok);
    assert.equal(weekly.value.report.steps.length, 4);
    assert.equal(once.value.report.steps.length, 1);
    // Before the drift, the hour rule is all there is to learn: the single model scores the later runs backwards.
    assert.ok(once.value.report.test.rocAuc < 0.3, `once: ${once.value.report.test.rocAuc}`);
    // Weekly: the last window's model has three weeks of the new workflow behind it (and its calibration slice, the
    // latest fifth of the past, is the new workflow's runs, scored by trees that had seen two weeks of them).
    const lastWeek = weekly.value.predictions.slice(-(weekly.value.report.steps[3]?.predicted ?? 0));
    const lastAuc = rocAuc(
      lastWeek.map((p) => (p.failed ? 1 : 0)),
      lastWeek.map((p) => p.probability),
    );
    assert.ok(lastAuc > 0.85, `weekly, last window: ${lastAuc}`);
    assert.ok(
      weekly.value.report.test.rocAuc > once.value.report.test.rocAuc + 0.3,
      'weekly beats the single model overall',
    );
    assert.equal(weekly.value.predictions.length, afterFlip.length, 'every run predicted once');
    assert.deepEqual(
      weekly.value.report.steps.map((s) => s.pastRuns),
      [0, 1, 2, 3].map(
        (k) => table.runs.filter((r) => (r.completedAt ?? Infinity) < flipAt + k * 7 * DAY && isLabelled(r)).length,
      ),
    );
  });

  it('refuses when the first window has too little history, naming when', () => {
    const result = walkForward(table, Int32Array.from([5, 6, 7]), { ...options, stepMs: DAY });
    assert.ok(!result.ok);
    assert.match(
      result.error,
      /window from 2025-01-06T0\d:\d\d.* has \d finished success\/failure runs before it; need at least 50/,
    );
  });
});
