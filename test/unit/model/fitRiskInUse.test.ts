// The risk in use weighs the model against the repository's own record, on evidence: the record's estimate is the rule
// "the previous run failed" with honest rates, shrunk toward the repository's while a workflow has few results; the
// weights go to the record where failures come in long streaks the model does not expect, and to the model where it
// knows what the record cannot; results the model learned from are never scored; and the risk shown follows the weights.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitRiskInUse, modelWeight, type FinishedResult } from '../../../server/src/engine/model/failure/fitRiskInUse';
import {
  EMPTY_RECORD,
  overallRate,
  recordRisk,
  withResult,
} from '../../../server/src/engine/model/failure/outcomeRecord';
import { modelRiskAsUsed, riskAsUsed } from '../../../server/src/engine/model/failure/riskInUse';
import { seededRandom } from '../../support/model/randomEnsemble';

const HOUR = 3_600_000;
const TRAINING_RATE = 0.2;

/** Result `i` of `subject`, an hour apart, known ten minutes after it started. */
function result(
  i: number,
  subject: string,
  failed: number,
  previousFailed: number,
  p: number | undefined,
): FinishedResult {
  return { subject, createdAt: i * HOUR, completedAt: i * HOUR + HOUR / 6, previousFailed, failed, p };
}

/** A workflow broken for weeks at a time: 30 failures in a row, then 120 successes, twice; the model expects 20 %. */
function brokenForWeeks(p: (i: number) => number | undefined = () => 0.2): FinishedResult[] {
  const out: FinishedResult[] = [];
  let previous = 0;
  for (let i = 0; i < 300; i++) {
    const failed = i % 150 < 30 ? 1 : 0;
    out.push(result(i, 'acme/app\u0000ci', failed, previous, p(i)));
    previous = failed;
  }
  return out;
}

/** Failures the model knows exactly (p is the true probability) and the previous outcome says nothing about. */
function modelKnows(seed: number): FinishedResult[] {
  const random = seededRandom(seed);
  let previous = 0;
  return Array.from({ length: 400 }, (_, i) => {
    const p = random() < 0.8 ? 0.03 : 0.9;
    const failed = random() < p ? 1 : 0;
    const r = result(i, 'acme/app\u0000ci', failed, previous, p);
    previous = failed;
    return r;
  });
}

describe("the repository's record", () => {
  it('is a subject’s own rate after its latest outcome, shrunk toward the repository’s, which leans on its overall rate', () => {
    let repository = EMPTY_RECORD;
    let subject = EMPTY_RECORD;
    // The subject: 9 of 10 results after a failure failed. The repository: those plus 40 successes after a success.
    for (let i = 0; i < 10; i++) subject = withResult(subject, 1, i < 9 ? 1 : 0);
    repository = subject;
    for (let i = 0; i < 40; i++) repository = withResult(repository, 0, 0);
    const overall = (9 + 20 * TRAINING_RATE) / (50 + 20);
    assert.equal(overallRate(repository, TRAINING_RATE), overall);
    const repositoryAfterFailure = (9 + 2 * overall) / (10 + 2);
    assert.equal(recordRisk(repository, undefined, 1, TRAINING_RATE), repositoryAfterFailure);
    assert.equal(recordRisk(repository, subject, 1, TRAINING_RATE), (9 + 5 * repositoryAfterFailure) / (10 + 5));
    // After a success: the subject has none, so it is the repository's (0 failures in 40, pulled a little to the rate).
    assert.equal(recordRisk(repository, subject, 0, TRAINING_RATE), (0 + 2 * overall) / (40 + 2));
    assert.equal(recordRisk(EMPTY_RECORD, undefined, 1, TRAINING_RATE), TRAINING_RATE, 'no result: the training rate');
  });
});

describe('the risk in use: the model weighed against the record', () => {
  it('gives the record the weight where failures come in long streaks the model does not expect', () => {
    const fitted = fitRiskInUse(brokenForWeeks(), TRAINING_RATE);
    const blend = fitted.record?.blend;
    assert.ok(blend);
    assert.equal(blend.results, 300);
    assert.equal(blend.failures, 60);
    assert.ok(blend.recordBrier < blend.modelBrier, `record ${blend.recordBrier}, model ${blend.modelBrier}`);
    // The map learns the streaks too (its previous-outcome term), more slowly: the record ends with over 95 % of the weight.
    assert.ok(blend.modelWeight < 0.05, `model weight ${blend.modelWeight}`);
    // So the next run after a failure reads as the record says (58 of 60 results after a failure failed), whatever
    // the model thinks.
    const use = {
      calibration: fitted,
      minimums: { results: 100, failures: 10 },
      repository: 'acme/app',
      trainingFailureRate: TRAINING_RATE,
    };
    assert.ok(riskAsUsed(use, 0.2, 1, 300, 'acme/app\u0000ci') > 0.85);
    assert.ok(riskAsUsed(use, 0.2, 0, 300, 'acme/app\u0000ci') < 0.05);
  });

  it('gives the model the weight where it knows what the previous outcome cannot tell', () => {
    const fitted = fitRiskInUse(modelKnows(3), TRAINING_RATE);
    const blend = fitted.record?.blend;
    assert.ok(blend);
    assert.ok(blend.modelBrier < blend.recordBrier, `model ${blend.modelBrier}, record ${blend.recordBrier}`);
    assert.ok(blend.modelWeight > 0.99, `model weight ${blend.modelWeight}`);
    const use = {
      calibration: fitted,
      minimums: { results: 100, failures: 10 },
      repository: 'acme/app',
      trainingFailureRate: TRAINING_RATE,
    };
    assert.ok(Math.abs(riskAsUsed(use, 0.9, 0, 400, 'acme/app\u0000ci') - modelRiskAsUsed(use, 0.9, 0, 400)) < 0.01);
  });

  it('scores only results the model never learned from, while the record reads them all', () => {
    // The first half was in the model's training data (no p): the weights rest on the second half alone.
    const fitted = fitRiskInUse(
      brokenForWeeks((i) => (i < 150 ? undefined : 0.2)),
      TRAINING_RATE,
    );
    assert.equal(fitted.record?.blend.results, 150);
    assert.equal(fitted.results, 150, 'the calibration map is fitted on the unseen half too');
    const record = fitted.record?.subjects.get('acme/app\u0000ci');
    assert.equal((record?.afterFailure.results ?? 0) + (record?.afterSuccess.results ?? 0), 300);
    // With nothing unseen, nothing is scored and the two count equally.
    const none = fitRiskInUse(
      brokenForWeeks(() => undefined),
      TRAINING_RATE,
    );
    assert.equal(none.record?.blend.results, 0);
    assert.equal(none.record?.blend.modelWeight, 0.5);
  });

  it('weighs by exp(−½ · total Brier loss): equal losses count equally, a loss of 2 more is a factor e', () => {
    assert.equal(modelWeight(3, 3), 0.5);
    assert.ok(Math.abs(modelWeight(5, 3) - 1 / (1 + Math.E)) < 1e-12);
    assert.ok(Math.abs(modelWeight(3, 5) - Math.E / (1 + Math.E)) < 1e-12);
    assert.equal(modelWeight(1e6, 0), 1 / (1 + Math.exp(50)), 'bounded, never exactly 0');
  });
});
