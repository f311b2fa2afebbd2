// Isotonic calibration: a hand-worked pool-adjacent-violators case, monotonicity, and that it never does worse on its
// own data than the raw scores (it is the least-squares monotone fit, and the identity is monotone).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCalibration, CALIBRATED_FLOOR, fitIsotonic } from '../../../server/src/engine/model/calibration';
import { brierScore } from '../../../server/src/engine/model/metrics';
import { seededRandom } from '../../support/model/randomEnsemble';

describe('isotonic calibration', () => {
  it('pools adjacent violators (hand-worked)', () => {
    // Scores 0.1..0.4 with labels 1,0,1,1: the first two pool to 0.5 at x 0.15.
    const c = fitIsotonic([0.4, 0.1, 0.3, 0.2], [1, 1, 1, 0]);
    assert.deepEqual(
      c.x.map((v) => Number(v.toFixed(12))),
      [0.15, 0.3, 0.4],
    );
    assert.deepEqual(c.y, [0.5, 1, 1]);
    assert.equal(applyCalibration(c, 0.05), 0.5, 'below the first knot: its value');
    assert.ok(Math.abs(applyCalibration(c, 0.225) - 0.75) < 1e-12, 'halfway between knots: interpolated');
    assert.equal(applyCalibration(c, 0.9), 1 - CALIBRATED_FLOOR, 'above the last knot: its value, short of certainty');
  });

  it('is monotone and fits its data at least as well as the raw scores', () => {
    const random = seededRandom(5);
    const raw = Array.from({ length: 500 }, () => random());
    // True failure rate is raw², so raw scores are miscalibrated.
    const labels = raw.map((p) => (random() < p * p ? 1 : 0));
    const c = fitIsotonic(raw, labels);
    for (let k = 1; k < c.y.length; k++) assert.ok((c.y[k] ?? 0) >= (c.y[k - 1] ?? 0));
    const calibrated = raw.map((p) => applyCalibration(c, p));
    assert.ok(brierScore(labels, calibrated) < brierScore(labels, raw));
  });
});
