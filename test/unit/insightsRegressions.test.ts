// Regression detection on constructed histories: a sustained slowdown is found with the right medians; a single slow
// run, a small drift, noise and short histories are not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectRegressions } from '../../server/src/engine/insights/regressions';
import { buildRunHistory } from '../../server/src/engine/history/runHistory';
import { HistoryBuilder } from '../support/runHistoryBuilder';
import { seededRandom } from '../support/seededRandom';

/** A history of one job ('train') whose durations are given, one run each, oldest first. */
function historyOf(durations: readonly number[]) {
  const b = new HistoryBuilder();
  durations.forEach((seconds, i) =>
    b.run({
      at: i * 7200,
      jobs: [
        { name: 'train', start: 0, seconds },
        { name: 'lint', start: 0, seconds: 40 },
      ],
    }),
  );
  return buildRunHistory(b.runs, b.jobs);
}

/** ±10% deterministic noise around `centre`, whole seconds as the API reports. */
function noisy(random: () => number, centre: number, count: number): number[] {
  return Array.from({ length: count }, () => Math.round(centre * (0.9 + 0.2 * random())));
}

const medianOf = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

describe('regression detection', () => {
  it("finds a sustained +50% over the last 10 runs, with the windows' medians", () => {
    const random = seededRandom(11);
    const baseline = noisy(random, 600, 30);
    const recent = noisy(random, 900, 10);
    const found = detectRegressions(historyOf([...noisy(random, 600, 5), ...baseline, ...recent]));
    assert.equal(found.length, 1);
    const [r] = found;
    assert.equal(r?.job, 'train');
    assert.equal(r?.recentMedianSeconds, medianOf(recent));
    assert.equal(r?.baselineMedianSeconds, medianOf(baseline));
    assert.equal(r?.recentSamples, 10);
    assert.equal(r?.baselineSamples, 30);
    assert.equal(r?.sinceRunNumber, 36);
    assert.ok((r?.pValue ?? 1) < 1e-4);
  });

  it('ignores one very slow run at the end (never a single run)', () => {
    const random = seededRandom(12);
    const durations = noisy(random, 600, 40);
    durations.push(6000);
    assert.deepEqual(detectRegressions(historyOf(durations)), []);
  });

  it('ignores a significant but small drift (+8%) and pure noise', () => {
    const random = seededRandom(13);
    assert.deepEqual(
      detectRegressions(historyOf([...noisy(random, 600, 30), ...Array.from({ length: 10 }, () => 648)])),
      [],
    );
    assert.deepEqual(detectRegressions(historyOf(noisy(random, 600, 60))), []);
  });

  it('needs minimum samples in both windows', () => {
    const random = seededRandom(14);
    // 8 baseline runs (< 10) before a doubling: not enough history to call it.
    assert.deepEqual(detectRegressions(historyOf([...noisy(random, 600, 8), ...noisy(random, 1200, 10)])), []);
    // With 10 it is found.
    assert.equal(detectRegressions(historyOf([...noisy(random, 600, 10), ...noisy(random, 1200, 10)])).length, 1);
  });

  it('ignores a large relative change that is a few seconds (runner start-up noise)', () => {
    const random = seededRandom(15);
    assert.deepEqual(detectRegressions(historyOf([...noisy(random, 20, 30), ...noisy(random, 40, 10)])), []);
  });
});
