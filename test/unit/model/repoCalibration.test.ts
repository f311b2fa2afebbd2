// The repository calibration and how a risk is shown: the map recovers a repository's true relation between the model's
// probability, the previous outcome and failures; with few results it stays near the model as shipped; one more result
// moves it a little; every feature belongs to a group of factors; a thin history is a band, shrunk toward the
// repository's rate, never ">99%".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupFactors, ungroupedFeatures } from '../../../server/src/engine/model/failure/factorGroups';
import {
  applyRepoCalibration,
  fitRepoCalibration,
  SHIPPED_CALIBRATION,
  type CalibrationPoint,
} from '../../../server/src/engine/model/failure/repoCalibration';
import {
  MIN_SUBJECT_RUNS,
  repositoryFailureRate,
  riskAsUsed,
  riskShown,
} from '../../../server/src/engine/model/failure/riskInUse';
import { seededRandom } from '../../support/model/randomEnsemble';

const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Results whose true failure probability is σ(a·logit(p) + b + c·prev): an overconfident model in a flakier repository. */
function repository(n: number, seed: number, truth = { a: 0.6, b: 0.4, c: 1.2 }): CalibrationPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const p = 0.02 + random() * 0.9;
    const previousFailed = random() < 0.25 ? 1 : 0;
    const q = sigmoid(truth.a * logit(p) + truth.b + truth.c * previousFailed);
    return { p, previousFailed, failed: random() < q ? 1 : 0 };
  });
}

describe('repository calibration', () => {
  it("recovers a repository's own relation from thousands of results", () => {
    const fitted = fitRepoCalibration(repository(20_000, 1));
    assert.ok(Math.abs(fitted.a - 0.6) < 0.06, `a ${fitted.a}`);
    assert.ok(Math.abs(fitted.b - 0.4) < 0.1, `b ${fitted.b}`);
    assert.ok(Math.abs(fitted.c - 1.2) < 0.12, `c ${fitted.c}`);
    assert.equal(fitted.results, 20_000);
  });

  it('moves only part of the way from the model as shipped on a handful of results', () => {
    const few = fitRepoCalibration(repository(12, 2));
    const many = fitRepoCalibration(repository(2_000, 2));
    for (const p of [0.05, 0.3]) {
      const moved = (c: typeof few): number => Math.abs(applyRepoCalibration(c, p, 0) - p);
      assert.ok(moved(few) < moved(many), `${p}: ${moved(few)} with 12 results, ${moved(many)} with 2,000`);
    }
    assert.deepEqual(fitRepoCalibration([]), SHIPPED_CALIBRATION);
  });

  it('converges when the previous outcome predicts the next almost perfectly (a job that alternates)', () => {
    const alternating = Array.from({ length: 800 }, (_, i) => ({
      p: 0.5,
      previousFailed: i % 2 === 1 ? 0 : 1,
      failed: i % 2 === 1 ? 1 : 0,
    }));
    const fitted = fitRepoCalibration(alternating);
    assert.ok(Number.isFinite(fitted.c) && fitted.c < -3, `c ${fitted.c}`);
    assert.ok(applyRepoCalibration(fitted, 0.5, 1) < 0.05, 'after a failure, the next run passes');
    assert.ok(applyRepoCalibration(fitted, 0.5, 0) > 0.85, 'after a success, the next run fails');
  });

  it('moves a shown risk by about a point at most when one more run finishes, even a surprising one', () => {
    const points = repository(400, 3);
    const before = fitRepoCalibration(points);
    for (const failed of [0, 1]) {
      const after = fitRepoCalibration([...points, { p: 0.9, previousFailed: 1, failed }]);
      for (const p of [0.05, 0.3, 0.8])
        for (const prev of [0, 1])
          assert.ok(
            Math.abs(applyRepoCalibration(after, p, prev) - applyRepoCalibration(before, p, prev)) < 0.015,
            `${p}/${prev}: ${applyRepoCalibration(before, p, prev)} -> ${applyRepoCalibration(after, p, prev)}`,
          );
    }
  });
});

describe('risk as used and as shown', () => {
  const use = {
    calibration: fitRepoCalibration(repository(600, 4)),
    minimums: { results: 100, failures: 10 },
    repository: 'acme/ml',
    trainingFailureRate: 0.2,
  };

  it('shrinks a near-certain figure toward the repository rate on a thin history, less as the history grows', () => {
    const thin = riskAsUsed(use, 0.999, 1, 3, 'acme/ml\u0000ci');
    const rich = riskAsUsed(use, 0.999, 1, 300, 'acme/ml\u0000ci');
    const rate = repositoryFailureRate(use);
    // 3 runs against 5 pseudo-runs of the repository's rate: well over halfway back to the rate.
    assert.ok(thin < rate + 0.5 * (1 - rate), `3 runs: ${thin}, rate ${rate}`);
    assert.ok(rich > thin && rich > 0.9, `300 runs: ${rich}`);
  });

  it('is a band until calibrated on the repository and until the subject has a history, then a percentage', () => {
    const uncalibrated = { ...use, calibration: fitRepoCalibration(repository(40, 5)) };
    const early = riskShown(uncalibrated, 0.3, 50, 'job');
    assert.equal(early.kind, 'band');
    assert.match(
      early.kind === 'band' ? early.reason : '',
      /^not calibrated on acme\/ml yet \(40 of the 100 finished results it needs\)$/,
    );
    const fewRuns = riskShown(use, 0.3, MIN_SUBJECT_RUNS - 1, 'job');
    assert.deepEqual(fewRuns, {
      kind: 'band',
      level: 'elevated',
      reason: `only ${MIN_SUBJECT_RUNS - 1} finished runs of this job to go on`,
    });
    assert.deepEqual(riskShown(use, 0.3, MIN_SUBJECT_RUNS, 'job'), { kind: 'percent' });
  });

  it('puts every feature the model reads in a group, and the groups add up to the factors', () => {
    assert.deepEqual(ungroupedFeatures(), []);
    const factors = [
      { feature: 'workflow_prev_failed', value: 1, reason: 'r1', shap: 1, points: 9 },
      { feature: 'weekday_utc', value: 1, reason: 'r2', shap: 0.1, points: 1.5 },
      { feature: 'hour_utc', value: 9, reason: 'r3', shap: -0.1, points: -0.5 },
      { feature: 'change_files', value: Number.NaN, reason: 'r4', shap: 0, points: 0 },
    ];
    const groups = groupFactors(factors, 'job');
    assert.deepEqual(
      groups.map((g) => [g.label, g.points]),
      [
        ['recent results of this job', 9],
        ['timing and load', 1],
      ],
      'a group whose factors moved nothing is left out',
    );
  });
});
