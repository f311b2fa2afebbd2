// Metrics against definitions computed the slow way: ROC-AUC by counting every positive/negative pair, average precision
// by walking every distinct threshold, the max-F1 threshold by trying them all, and small cases worked by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  brierScore,
  calibrationBins,
  confusion,
  expectedCalibrationError,
  f1,
  maxF1Threshold,
  prAuc,
  precision,
  recall,
  rocAuc,
  smoothedMaxF1Threshold,
} from '../../../server/src/engine/model/metrics';
import { seededRandom } from '../../support/model/randomEnsemble';

function randomCase(seed: number, n: number): { labels: number[]; scores: number[] } {
  const random = seededRandom(seed);
  const labels = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  // Scores on a coarse grid so ties are frequent, shifted up for positives so the AUC is informative.
  const scores = labels.map((y) => Math.round((random() + 0.3 * y) * 10) / 10);
  return { labels, scores };
}

function pairwiseAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      const si = scores[i] ?? 0;
      const sj = scores[j] ?? 0;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

function averagePrecisionByThresholds(labels: number[], scores: number[]): number {
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  const positives = labels.filter((y) => y === 1).length;
  let ap = 0;
  let previousRecall = 0;
  for (const t of thresholds) {
    const c = confusion(
      labels,
      scores.map((s) => s >= t),
    );
    const r = c.tp / positives;
    ap += (r - previousRecall) * (c.tp / (c.tp + c.fp));
    previousRecall = r;
  }
  return ap;
}

describe('metrics', () => {
  it('counts a hand-worked confusion matrix', () => {
    const labels = [1, 1, 1, 0, 0, 0, 0, 1];
    const predicted = [true, true, false, true, false, false, false, false];
    const c = confusion(labels, predicted);
    assert.deepEqual(c, { tp: 2, fp: 1, tn: 3, fn: 2 });
    assert.equal(precision(c), 2 / 3);
    assert.equal(recall(c), 2 / 4);
    assert.equal(f1(c), (2 * 2) / (2 * 2 + 1 + 2));
  });

  it('ROC-AUC equals the share of correctly ordered positive/negative pairs, ties counting half', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { labels, scores } = randomCase(seed, 300);
      assert.ok(Math.abs(rocAuc(labels, scores) - pairwiseAuc(labels, scores)) < 1e-12, `seed ${seed}`);
    }
    assert.equal(rocAuc([0, 1], [0.2, 0.8]), 1);
    assert.equal(rocAuc([1, 0], [0.5, 0.5]), 0.5);
    assert.ok(Number.isNaN(rocAuc([1, 1], [0.1, 0.2])));
  });

  it('PR-AUC is average precision over distinct thresholds', () => {
    for (const seed of [6, 7, 8]) {
      const { labels, scores } = randomCase(seed, 250);
      assert.ok(Math.abs(prAuc(labels, scores) - averagePrecisionByThresholds(labels, scores)) < 1e-12, `seed ${seed}`);
    }
    // Hand-worked: scores 0.9(1) 0.8(0) 0.7(1): AP = 1/2 * 1 + 1/2 * 2/3.
    assert.ok(Math.abs(prAuc([1, 0, 1], [0.9, 0.8, 0.7]) - (0.5 + 1 / 3)) < 1e-12);
  });

  it('the max-F1 threshold beats or ties every other threshold', () => {
    for (const seed of [9, 10, 11]) {
      const { labels, scores } = randomCase(seed, 200);
      const best = maxF1Threshold(labels, scores);
      const f1At = (t: number): number =>
        f1(
          confusion(
            labels,
            scores.map((s) => s >= t),
          ),
        );
      for (const t of new Set(scores)) assert.ok(f1At(best) >= f1At(t) - 1e-12, `seed ${seed}: ${best} vs ${t}`);
    }
  });

  it('the smoothed max-F1 threshold has the best neighbourhood-averaged F1, and without smoothing the best F1', () => {
    for (const seed of [12, 13, 14]) {
      const { labels, scores } = randomCase(seed, 300);
      const p = scores.map((s) => s / 1.3); // into [0, 1]
      const f1At = (t: number): number =>
        f1(
          confusion(
            labels,
            p.map((s) => s >= t),
          ),
        );
      const grid = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
      const windowMean = (k: number, w: number): number => {
        const ks = grid.map((_, j) => j).filter((j) => Math.abs(j - k) <= w);
        return ks.reduce((sum, j) => sum + f1At(grid[j] ?? 0), 0) / ks.length;
      };
      const chosen = smoothedMaxF1Threshold(labels, p, 0.05);
      const k = grid.findIndex((t) => Math.abs(t - chosen) < 1e-9);
      assert.ok(k >= 0, `seed ${seed}: ${chosen} is a grid point`);
      for (let j = 0; j < grid.length; j++)
        assert.ok(windowMean(k, 5) >= windowMean(j, 5) - 1e-12, `seed ${seed}: ${chosen} vs ${grid[j]}`);
      const sharp = smoothedMaxF1Threshold(labels, p, 0);
      for (const t of grid) assert.ok(f1At(sharp) >= f1At(t) - 1e-12, `seed ${seed}: unsmoothed ${sharp} vs ${t}`);
    }
  });

  it('Brier score, calibration bins and ECE on a hand-worked case', () => {
    const labels = [1, 0, 1, 0];
    const p = [0.9, 0.15, 0.35, 0.05];
    assert.ok(Math.abs(brierScore(labels, p) - (0.01 + 0.0225 + 0.4225 + 0.0025) / 4) < 1e-12);
    const bins = calibrationBins(labels, p, 2);
    // Bin [0, 0.5): 0.15, 0.35, 0.05 with one failure; bin [0.5, 1]: 0.9 with one failure.
    assert.equal(bins[0]?.count, 3);
    assert.ok(Math.abs((bins[0]?.meanPredicted ?? 0) - 0.55 / 3) < 1e-12);
    assert.ok(Math.abs((bins[0]?.observed ?? 0) - 1 / 3) < 1e-12);
    assert.equal(bins[1]?.count, 1);
    const ece = (3 * Math.abs(1 / 3 - 0.55 / 3) + 1 * Math.abs(1 - 0.9)) / 4;
    assert.ok(Math.abs(expectedCalibrationError(labels, p, 2) - ece) < 1e-12);
    // Probability 1 falls in the last bin, not past it.
    assert.equal(calibrationBins([1], [1], 10)[9]?.count, 1);
  });
});
