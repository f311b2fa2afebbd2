// Monitoring primitives against hand-computed values: PSI, drift bins, rolling quality, per-group errors, the verdict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  driftReference,
  featureDrift,
  groupErrors,
  type PredictionLogRecord,
  populationStabilityIndex,
  retrainVerdict,
  rollingQuality,
} from '../../../server/src/engine/model/monitoring';

function record(
  predictedFailure: boolean,
  outcome: 'success' | 'failure' | undefined,
  actorType: 'bot' | 'human',
): PredictionLogRecord {
  return {
    runId: '1',
    repo: 'o/r',
    workflow: 'CI',
    predictedAt: '2025-01-01T00:00:00Z',
    probability: predictedFailure ? 0.9 : 0.1,
    predictedFailure,
    modelId: 'm',
    features: [],
    groups: { actorType, branchType: 'default', event: 'push' },
    ...(outcome === undefined ? {} : { outcome }),
  };
}

describe('monitoring', () => {
  it('PSI is 0 for equal distributions and matches Σ (a − e) ln(a / e)', () => {
    assert.equal(populationStabilityIndex([0.5, 0.5], [0.5, 0.5]), 0);
    const expected = 0.3 * Math.log(0.8 / 0.5) + -0.3 * Math.log(0.2 / 0.5);
    assert.ok(Math.abs(populationStabilityIndex([0.5, 0.5], [0.8, 0.2]) - expected) < 1e-12);
  });

  it('finds no drift in the training rows themselves and large drift in a shifted sample', () => {
    const train = Float64Array.from({ length: 1000 }, (_, i) => i % 100);
    const reference = driftReference(train, 1000, 1);
    assert.ok((featureDrift(reference, train, 1000, 1)[0] ?? 1) < 1e-9);
    const shifted = Float64Array.from({ length: 500 }, (_, i) => 90 + (i % 10));
    assert.ok((featureDrift(reference, shifted, 500, 1)[0] ?? 0) > 1);
    const missing = Float64Array.from({ length: 10 }, () => Number.NaN);
    assert.ok((featureDrift(reference, missing, 10, 1)[0] ?? 0) > 1, 'all-missing values land in the missing bin');
  });

  it('rolling quality, group errors and the retrain verdict', () => {
    const log = [
      record(true, 'failure', 'human'),
      record(true, 'success', 'human'),
      record(false, 'failure', 'bot'),
      record(false, 'success', 'bot'),
      record(true, undefined, 'bot'),
    ];
    const q = rollingQuality(log);
    assert.deepEqual(q, { count: 4, precision: 0.5, recall: 0.5, errorRate: 0.5 });
    const bot = groupErrors(log).find((g) => g.group === 'actorType' && g.value === 'bot');
    assert.deepEqual(bot, {
      group: 'actorType',
      value: 'bot',
      count: 2,
      errorRate: 0.5,
      falsePositiveRate: 0,
      falseNegativeRate: 1,
    });
    assert.equal(
      retrainVerdict([0.1, 0.3], ['a', 'b'], q).reasons.length,
      1,
      'only drift counts while outcomes are few',
    );
    const many = { ...q, count: 100 };
    assert.deepEqual(
      retrainVerdict([0.1], ['a'], many, { maxPsi: 0.25, minRecall: 0.6, minPrecision: 0.4, minOutcomes: 50 }).reasons
        .length,
      1,
    );
    assert.equal(
      retrainVerdict([0.1], ['a'], many, { maxPsi: 0.25, minRecall: 0.4, minPrecision: 0.4, minOutcomes: 50 }).retrain,
      false,
    );
  });
});
