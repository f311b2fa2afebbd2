// Fairness metrics on constructed data sets whose answers are worked out by hand in the comments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessFairness } from '../../../server/src/engine/model/fairness';

describe('assessFairness', () => {
  // Group a: 4 rows, labels 1 1 0 0, scores .9 .4 .6 .1 -> selected 1 0 1 0: selection 2/4, TPR 1/2, accuracy 2/4.
  // Group b: 5 rows, labels 1 1 1 0 0, scores .8 .7 .2 .3 .55 -> selected 1 1 0 0 1: selection 3/5, TPR 2/3, accuracy 3/5.
  const input = {
    predictions: [0.9, 0.4, 0.6, 0.1, 0.8, 0.7, 0.2, 0.3, 0.55, 0.99],
    labels: [1, 1, 0, 0, 1, 1, 1, 0, 0, 1],
    sensitive: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', null],
  };

  it('computes per-group rates and the gaps between groups', () => {
    const report = assessFairness(input);
    assert.equal(report.skippedRows, 1);
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.count, g.positives]),
      [
        ['a', 4, 2],
        ['b', 5, 3],
      ],
    );
    assert.deepEqual(
      report.groups.map((g) => [g.selectionRate, g.truePositiveRate, g.accuracy]),
      [
        [0.5, 0.5, 0.5],
        [0.6, 2 / 3, 0.6],
      ],
    );
    assert.ok(Math.abs(report.demographicParityDifference - 0.1) < 1e-12);
    assert.ok(Math.abs(report.equalOpportunityDifference - (2 / 3 - 0.5)) < 1e-12);
    assert.ok(Math.abs(report.accuracyDifference - 0.1) < 1e-12);
    assert.deepEqual(report.violations, []);
  });

  it('reports each exceeded threshold, naming the groups', () => {
    const report = assessFairness(input, {
      maxDemographicParityDifference: 0.05,
      maxEqualOpportunityDifference: 0.2,
      maxAccuracyDifference: 0.05,
      minGroupAccuracy: 0.55,
    });
    assert.deepEqual(
      report.violations.map((v) => v.metric),
      ['demographic_parity_difference', 'accuracy_difference', 'group_accuracy'],
    );
    assert.match(report.violations[0]?.message ?? '', /selection rate 60\.0% for 'b' vs 50\.0% for 'a'/);
    assert.match(report.violations[2]?.message ?? '', /group 'a' \(4 rows\)/);
  });

  it('uses the decision threshold and leaves TPR undefined for a group without positives', () => {
    const report = assessFairness({
      predictions: [0.3, 0.3, 0.3],
      labels: [1, 0, 0],
      sensitive: [1, 2, 2],
      decisionThreshold: 0.25,
    });
    assert.deepEqual(
      report.groups.map((g) => g.selectionRate),
      [1, 1],
    );
    assert.ok(Number.isNaN(report.groups[1]?.truePositiveRate ?? 0));
    assert.ok(Number.isNaN(report.equalOpportunityDifference), 'only one group has positives');
  });
});
