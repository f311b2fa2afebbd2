// Fairness metrics against Fairlearn's definitions (test/support/model/fairlearnReference.ts, brute force per group):
// a small data set worked out by hand, random data sets for every metric, and the cases where a rate cannot be
// measured, which Fairlearn fills with 0 and the gate refuses to pass on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessFairness, GAP_METRICS } from '../../../server/src/engine/model/fairness';
import { fairlearnFigures } from '../../support/model/fairlearnReference';
import { seededRandom } from '../../support/seededRandom';

const close = (a: number, b: number, what: string): void => {
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
};

describe('assessFairness', () => {
  // Group a: 4 rows, labels 1 1 0 0, scores .9 .4 .6 .1 -> selected 1 0 1 0: selection 2/4, TPR 1/2, FPR 1/2, accuracy 2/4.
  // Group b: 5 rows, labels 1 1 1 0 0, scores .8 .7 .2 .3 .55 -> selected 1 1 0 0 1: selection 3/5, TPR 2/3, FPR 1/2,
  // accuracy 3/5.
  const input = {
    predictions: [0.9, 0.4, 0.6, 0.1, 0.8, 0.7, 0.2, 0.3, 0.55, 0.99],
    labels: [1, 1, 0, 0, 1, 1, 1, 0, 0, 1],
    sensitive: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', null],
  };

  it('computes per-group rates and the gaps between groups', () => {
    const report = assessFairness(input);
    assert.equal(report.skippedRows, 1);
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.count, g.positives, g.negatives]),
      [
        ['a', 4, 2, 2],
        ['b', 5, 3, 2],
      ],
    );
    assert.deepEqual(
      report.groups.map((g) => [g.selectionRate, g.truePositiveRate, g.falsePositiveRate, g.accuracy]),
      [
        [0.5, 0.5, 0.5, 0.5],
        [0.6, 2 / 3, 0.5, 0.6],
      ],
    );
    close(report.metrics.demographic_parity_difference.value, 0.1, 'DP');
    close(report.metrics.equal_opportunity_difference.value, 2 / 3 - 0.5, 'EO');
    close(report.metrics.equalized_odds_difference.value, 2 / 3 - 0.5, 'EOdds: TPR gap beats FPR gap 0');
    close(report.metrics.accuracy_difference.value, 0.1, 'accuracy');
    for (const id of GAP_METRICS) assert.equal(report.metrics[id].undefinedBecause, undefined, id);
    assert.deepEqual(report.violations, []);
  });

  it('reports each limit not met, naming the groups and the rates', () => {
    const report = assessFairness(input, {
      maxDemographicParityDifference: 0.05,
      maxEqualOpportunityDifference: 0.2,
      maxEqualizedOddsDifference: 0.1,
      maxAccuracyDifference: 0.05,
      minGroupAccuracy: 0.55,
    });
    assert.deepEqual(
      report.violations.map((v) => [v.metric, v.kind]),
      [
        ['demographic_parity_difference', 'exceeded'],
        ['equalized_odds_difference', 'exceeded'],
        ['accuracy_difference', 'exceeded'],
        ['group_accuracy', 'exceeded'],
      ],
    );
    assert.match(report.violations[0]?.message ?? '', /selection rate 60\.0% for 'b' vs 50\.0% for 'a'/);
    assert.match(
      report.violations[1]?.message ?? '',
      /equalized odds difference 0\.167 exceeds 0\.1: true positive rate 66\.7% for 'b' vs 50\.0% for 'a' \(false positive rate difference 0\.000\)/,
    );
    assert.match(report.violations[3]?.message ?? '', /accuracy 50\.0% for group 'a' \(4 rows\) is below 55\.0%/);
  });

  it('passes a difference equal to its limit (float noise in 0.8 − 0.7 does not fail it)', () => {
    // Selection rates 0.8 and 0.7: 0.8 − 0.7 is 0.10000000000000009 in floating point.
    const report = assessFairness(
      {
        predictions: [...Array<number>(8).fill(1), 0, 0, ...Array<number>(7).fill(1), 0, 0, 0],
        labels: Array<number>(20).fill(1),
        sensitive: [...Array<number>(10).fill(1), ...Array<number>(10).fill(2)],
      },
      { maxDemographicParityDifference: 0.1 },
    );
    assert.ok(report.metrics.demographic_parity_difference.value > 0.1, 'the float is above the limit');
    assert.deepEqual(report.violations, []);
  });

  it('equals Fairlearn on random data sets, every metric', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const n = 20 + Math.floor(random() * 200);
      const groupCount = 2 + Math.floor(random() * 4);
      const sensitive = Array.from({ length: n }, () => (random() < 0.05 ? null : Math.floor(random() * groupCount)));
      const labels = Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
      const scores = Array.from({ length: n }, () => random());
      const threshold = 0.2 + random() * 0.6;
      const report = assessFairness({ predictions: scores, labels, sensitive, decisionThreshold: threshold });
      const ref = fairlearnFigures(
        labels,
        scores.map((s) => (s >= threshold ? 1 : 0)),
        sensitive,
      );
      const m = report.metrics;
      close(m.demographic_parity_difference.value, ref.demographicParityDifference, `seed ${seed} DP`);
      close(m.equal_opportunity_difference.value, ref.equalOpportunityDifference, `seed ${seed} EO`);
      close(m.equalized_odds_difference.value, ref.equalizedOddsDifference, `seed ${seed} EOdds`);
      close(m.accuracy_difference.value, ref.accuracyDifference, `seed ${seed} accuracy`);
      for (const g of report.groups) {
        const r = ref.groups.get(g.group);
        assert.ok(r, `seed ${seed} group ${g.group}`);
        close(g.selectionRate, r.selectionRate, 'selection');
        close(g.accuracy, r.accuracy, 'accuracy');
        // Measured rates equal Fairlearn's; unmeasurable ones are NaN here and 0 there.
        close(Number.isNaN(g.truePositiveRate) ? 0 : g.truePositiveRate, r.truePositiveRate, 'TPR');
        close(Number.isNaN(g.falsePositiveRate) ? 0 : g.falsePositiveRate, r.falsePositiveRate, 'FPR');
        assert.equal(Number.isNaN(g.truePositiveRate), r.positives === 0);
        assert.equal(Number.isNaN(g.falsePositiveRate), r.negatives === 0);
      }
    }
  });
});

describe('metrics that cannot be measured', () => {
  // Only group 1 has positive labels: 22 of them, 15 selected (TPR 15/22 = 0.682). Group 2 has 30 negatives.
  // Fairlearn's equal_opportunity_difference counts group 2's missing TPR as 0: 0.682.
  const rows = [
    ...Array.from({ length: 15 }, () => ({ p: 0.9, y: 1, s: 1 })),
    ...Array.from({ length: 7 }, () => ({ p: 0.1, y: 1, s: 1 })),
    ...Array.from({ length: 10 }, () => ({ p: 0.2, y: 0, s: 1 })),
    ...Array.from({ length: 3 }, () => ({ p: 0.7, y: 0, s: 1 })),
    ...Array.from({ length: 20 }, () => ({ p: 0.1, y: 0, s: 2 })),
    ...Array.from({ length: 10 }, () => ({ p: 0.6, y: 0, s: 2 })),
  ];
  const input = { predictions: rows.map((r) => r.p), labels: rows.map((r) => r.y), sensitive: rows.map((r) => r.s) };
  const ref = fairlearnFigures(
    input.labels,
    input.predictions.map((p) => (p >= 0.5 ? 1 : 0)),
    input.sensitive,
  );

  it("reports Fairlearn's figure for one group with positive labels, and fails any limit on it", () => {
    assert.equal(ref.equalOpportunityDifference.toFixed(3), '0.682', 'the construction gives the issue figure');
    for (const limit of [0, 0.1, 0.9]) {
      const report = assessFairness(input, { maxEqualOpportunityDifference: limit });
      const eo = report.metrics.equal_opportunity_difference;
      close(eo.value, ref.equalOpportunityDifference, 'Fairlearn figure');
      assert.match(eo.undefinedBecause ?? '', /group '2' \(30 rows\) has no positive labels/);
      assert.equal(report.violations.length, 1, `limit ${limit}: the gate fails even above the figure`);
      const v = report.violations[0];
      assert.equal(v?.kind, 'undefined');
      assert.match(v?.message ?? '', /^equal opportunity difference cannot be measured: group '2' \(30 rows\)/);
      assert.match(v?.message ?? '', /Fairlearn's figure, which counts an undefined rate as 0, is 0\.682/);
      assert.match(v?.message ?? '', /add rows with the missing labels for those groups/);
    }
    // Equalized odds needs both rates: undefined too, with Fairlearn's max(TPR gap, FPR gap).
    const eodds = assessFairness(input, { maxEqualizedOddsDifference: 0.5 });
    close(eodds.metrics.equalized_odds_difference.value, ref.equalizedOddsDifference, 'EOdds');
    assert.equal(eodds.violations[0]?.kind, 'undefined');
    // Metrics that need no positive labels are measured as usual.
    const dp = assessFairness(input, { maxDemographicParityDifference: 0.9 });
    close(dp.metrics.demographic_parity_difference.value, ref.demographicParityDifference, 'DP');
    assert.deepEqual(dp.violations, []);
  });

  it('names a group without negative labels for equalized odds', () => {
    const report = assessFairness(
      { predictions: [0.9, 0.1, 0.9, 0.9, 0.1], labels: [1, 0, 1, 1, 1], sensitive: [1, 1, 2, 2, 2] },
      { maxEqualizedOddsDifference: 1 },
    );
    assert.match(
      report.metrics.equalized_odds_difference.undefinedBecause ?? '',
      /group '2' \(3 rows\) has no negative labels, so its false positive rate is undefined/,
    );
    assert.equal(report.metrics.equal_opportunity_difference.undefinedBecause, undefined);
    assert.equal(report.violations.length, 1);
  });

  it('has nothing to compare with one group, or none', () => {
    const one = assessFairness(
      { predictions: [0.9, 0.1], labels: [1, 0], sensitive: [7, 7] },
      { maxDemographicParityDifference: 0.1, minGroupAccuracy: 0.5 },
    );
    assert.equal(one.metrics.demographic_parity_difference.value, 0, "Fairlearn's difference over one group");
    assert.match(one.violations[0]?.message ?? '', /every row is in group '7', so there is no other group to compare/);
    assert.equal(one.violations.length, 1, 'group accuracy is still measured: 100% passes');
    const none = assessFairness(
      { predictions: [0.9], labels: [1], sensitive: [null] },
      { maxAccuracyDifference: 0.1, minGroupAccuracy: 0.5 },
    );
    assert.ok(Number.isNaN(none.metrics.accuracy_difference.value));
    assert.deepEqual(
      none.violations.map((v) => [v.metric, v.kind]),
      [
        ['accuracy_difference', 'undefined'],
        ['group_accuracy', 'undefined'],
      ],
    );
  });

  it('leaves ungated metrics undefined without a violation', () => {
    const report = assessFairness(input);
    assert.ok(report.metrics.equal_opportunity_difference.undefinedBecause);
    assert.deepEqual(report.violations, []);
  });
});
