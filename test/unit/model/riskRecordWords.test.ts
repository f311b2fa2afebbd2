// When the risk in use weighs the model against the repository's record, the explanation says so, with the weights, the
// record's own counts and the evidence; the factors still add up to the risk shown; without the editor's calibration
// there is no such sentence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDefaultModel } from '../../../server/src/engine/model/failure/failureRiskStore';
import { subjectOf } from '../../../server/src/engine/model/failure/fitRiskInUse';
import { fitRepositoryCalibrations } from '../../../server/src/engine/model/failure/repositoryCalibrations';
import { recordPart } from '../../../server/src/engine/model/failure/riskInUse';
import {
  recordSentence,
  riskExplanationMarkdown,
  riskHoverMarkdown,
} from '../../../server/src/engine/model/failure/riskText';
import { predictWorkflowRisk } from '../../../server/src/engine/model/failure/workflowRisk';
import { CI, ciRun, MINUTE, T0 } from '../../support/model/ciRuns';

const SUBJECT = {
  label: 'workflow CI',
  kind: 'workflow',
  branch: 'main',
  finishedRuns: 0,
  modelLabel: 'the default model',
} as const;

describe('the explanation of a risk weighed against the record', () => {
  it('gives the weights, the record’s counts after the latest outcome and the evidence, and still adds up', async () => {
    const { model: shipped } = await loadDefaultModel();
    const model = { ...shipped, training: { ...shipped.training, to: '2000-01-01T00:00:00.000Z' } };
    // CI is broken for 12 runs at a time, then green for 28; the latest run failed.
    const history = Array.from({ length: 205 }, (_, i) => ciRun(i, i % 40 < 12 ? 'failure' : 'success'));
    const calibrations = fitRepositoryCalibrations(history, model, model);
    const use = {
      calibration: calibrations.runs,
      minimums: { results: 100, failures: 10 },
      repository: 'acme/ml',
      trainingFailureRate: model.training.failureRate,
    };
    const prediction = predictWorkflowRisk(model, history, CI, { branch: 'main', now: T0 + 300 * 120 * MINUTE }, use);
    assert.ok(prediction);
    const e = prediction.explanation;
    const part = recordPart(use, 1, subjectOf(history[0] ?? ciRun(0, '')));
    assert.deepEqual(e.record, part);
    assert.ok(part);
    // After a failure: 11 of every 12 failures were followed by another, over five breakages and the latest one.
    assert.deepEqual(part.tally, { results: 5 * 12 + 4, failures: 5 * 11 + 4 });
    const sentence = recordSentence(e, SUBJECT) ?? '';
    const m =
      /^Weighed (\d+) % the model, (\d+) % this workflow's own record after a failure: (\d+) of (\d+) such runs of this workflow failed \((\d+)%; the record's share is in the base rate\)\. On the (\d+) finished runs both were scored on, Brier (0\.\d{3}) for the model, (0\.\d{3}) for the record\.$/.exec(
        sentence,
      );
    assert.ok(m, sentence);
    assert.equal(Number(m[1]) + Number(m[2]), 100);
    assert.equal(Number(m[2]), Math.round((1 - part.blend.modelWeight) * 100));
    assert.deepEqual([Number(m[3]), Number(m[4])], [part.tally.failures, part.tally.results]);
    assert.equal(Number(m[6]), part.blend.results);
    assert.ok(Number(m[8]) < Number(m[7]), 'the record predicted these streaks better');
    assert.ok(riskExplanationMarkdown(e, SUBJECT, { kind: 'percent' }).includes('Weighed '));
    assert.ok(
      riskHoverMarkdown(e, SUBJECT, { kind: 'percent' }).includes(
        `_Weighed ${m[1]} % the model, ${m[2]} % this workflow's own record after a failure \\(${m[3]} of ${m[4]} such runs of this workflow failed\\)\\._`,
      ),
    );
    // The record's share is in the base: base + Σ points is still the risk.
    const sum = e.factors.reduce((s, f) => s + f.points, 0);
    assert.ok(Math.abs(e.baseProbability + sum / 100 - e.probability) < 1e-9);
    assert.ok(e.probability > 0.7, `after a failure in a streak: ${e.probability}`);
  });

  it('says nothing of a record when the risk is the model’s alone', async () => {
    const { model } = await loadDefaultModel();
    const history = Array.from({ length: 30 }, (_, i) => ciRun(i, i % 3 ? 'success' : 'failure'));
    const prediction = predictWorkflowRisk(model, history, CI, { branch: 'main', now: T0 + 100 * 120 * MINUTE });
    assert.ok(prediction);
    assert.equal(prediction.explanation.record, undefined);
    assert.equal(recordSentence(prediction.explanation, SUBJECT), undefined);
    assert.ok(!riskExplanationMarkdown(prediction.explanation, SUBJECT, { kind: 'percent' }).includes('Weighed'));
  });
});
