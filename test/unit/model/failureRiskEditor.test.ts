// The editor's failure risk, end to end on the shipped model: next-run risk from a repository's history (workflow and
// job), the lens/hover/explanation text built from it, the prediction log's join to runs and outcomes, the monitoring
// summary, and the retraining rule (a repository model is used only when it beats the default on held-out runs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FailureModel } from '../../../server/src/engine/model/failure/failureModel';
import { readFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import {
  loggedPrediction,
  monitoringSummary,
  PredictionLog,
  type LoggedPrediction,
} from '../../../server/src/engine/model/failure/predictionLog';
import { retrainOnRepoHistory } from '../../../server/src/engine/model/failure/repoRetraining';
import {
  reasonFor,
  riskExplanationMarkdown,
  riskHoverMarkdown,
  riskLensTitle,
  riskLensTooltip,
  sumText,
  topFactors,
  topGroups,
  type RiskSubject,
} from '../../../server/src/engine/model/failure/riskText';
import { percentText } from '../../../protocol/numberText';
import { groupFactors } from '../../../server/src/engine/model/failure/factorGroups';
import { jobHistory, predictJobRisk, predictWorkflowRisk } from '../../../server/src/engine/model/failure/workflowRisk';
import { CI, ciRun, job, MINUTE, T0 } from '../../support/model/ciRuns';
import { syntheticRuns } from '../../support/model/syntheticRuns';

const MODEL_FILE = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'server',
  'src',
  'engine',
  'model',
  'data',
  'defaultFailureModel.onnx',
);

function defaultModel(): FailureModel {
  const read = readFailureModelOnnx(fs.readFileSync(MODEL_FILE), MODEL_FILE);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.value;
}

const model = defaultModel();
const target = { branch: 'main', now: T0 + 100 * 120 * MINUTE };

describe('next-run failure risk from a repository history', () => {
  it('has no prediction for a workflow without a finished run', () => {
    assert.equal(predictWorkflowRisk(model, [ciRun(0, '')], CI, target), undefined);
    assert.equal(predictWorkflowRisk(model, [ciRun(0, 'success')], '.github/workflows/other.yml', target), undefined);
  });

  it('rises after a failure streak and names the streak as a top factor', () => {
    const green = Array.from({ length: 12 }, (_, i) => ciRun(i, 'success'));
    const red = Array.from({ length: 12 }, (_, i) => ciRun(i, i >= 8 ? 'failure' : 'success'));
    const calm = predictWorkflowRisk(model, green, CI, target);
    const alarm = predictWorkflowRisk(model, red, CI, target);
    assert.ok(calm && alarm);
    assert.ok(
      alarm.explanation.probability > calm.explanation.probability + 0.1,
      `${alarm.explanation.probability} vs ${calm.explanation.probability}`,
    );
    const reasons = topFactors(alarm.explanation).map((f) => f.reason);
    assert.ok(
      reasons.some((r) => /failed|in a row/.test(r)),
      reasons.join('; '),
    );
    assert.equal(alarm.finishedRuns, 12);
    assert.equal(alarm.next.branch, 'main');
    assert.equal(alarm.features.length, model.ensemble.featureNames.length);
  });

  it("reads a job's own outcomes: a job that keeps failing is riskier than its workflow's other job", () => {
    const runs = Array.from({ length: 12 }, (_, i) => {
      const at = T0 + i * 120 * MINUTE;
      const flaky = i >= 8 ? 'failure' : 'success';
      return ciRun(i, flaky, [
        job('lint', 'success', at),
        job('test (3.11)', flaky, at),
        job('test (3.12)', 'success', at),
      ]);
    });
    const jobs = jobHistory(runs, CI, 'test', (name) => name.startsWith('test'));
    assert.equal(jobs.own.length, 12);
    assert.deepEqual(
      jobs.own.slice(-4).map((r) => r.conclusion),
      ['failure', 'failure', 'failure', 'failure'],
      'one failed matrix leg fails the job',
    );
    const test = predictJobRisk(model, runs, CI, 'test', (name) => name.startsWith('test'), target);
    const lint = predictJobRisk(model, runs, CI, 'lint', (name) => name === 'lint', target);
    assert.ok(test && lint);
    assert.ok(
      test.explanation.probability > lint.explanation.probability,
      `${test.explanation.probability} vs ${lint.explanation.probability}`,
    );
    assert.equal(test.workflowName, 'CI');
  });

  it('leaves runs without fetched jobs out of a job history', () => {
    const runs = [ciRun(0, 'success', [job('lint', 'success', T0)]), ciRun(1, 'failure')];
    assert.equal(jobHistory(runs, CI, 'lint', (n) => n === 'lint').own.length, 1);
    assert.equal(
      predictJobRisk(model, [ciRun(1, 'failure')], CI, 'lint', (n) => n === 'lint', target),
      undefined,
    );
  });
});

describe('failure risk text', () => {
  const runs = Array.from({ length: 12 }, (_, i) => ciRun(i, i % 3 === 2 ? 'failure' : 'success'));
  const prediction = predictWorkflowRisk(model, runs, CI, target);
  assert.ok(prediction);
  const e = prediction.explanation;
  const subject: RiskSubject = {
    label: 'workflow CI',
    kind: 'workflow',
    branch: 'main',
    finishedRuns: 12,
    modelLabel: 'the default model',
  };

  const percent = { kind: 'percent' } as const;
  const band = {
    kind: 'band',
    level: 'elevated',
    reason: 'not calibrated on acme/ml yet (40 of the 100 finished results it needs)',
  } as const;

  it('titles the lens with the rounded risk and "why?", or the band while there is too little evidence', () => {
    assert.equal(riskLensTitle(e, percent), `$(pulse) Failure risk ${Math.round(e.probability * 100)}% · why?`);
    assert.equal(riskLensTitle(e, band), '$(pulse) Failure risk elevated (15–40%) · why?');
    assert.equal(percentText(0.004), '<1%');
    assert.equal(percentText(0.996), '>99%');
  });

  it('lists the top groups of factors with their points, the base rate and the basis in the tooltip', () => {
    const tooltip = riskLensTooltip(e, subject, percent);
    const groups = topGroups(e, subject);
    assert.ok(groups.length > 0);
    for (const g of groups) assert.ok(tooltip.includes(`• ${g.label}: `), g.label);
    assert.ok(tooltip.includes(`base rate ${percentText(e.baseProbability)}`));
    assert.match(tooltip, /from 12 finished runs of this workflow/);
    const job = riskLensTooltip(e, { ...subject, kind: 'job', label: 'job test of CI' }, band);
    assert.match(job, /workflow-level model applied to the job's own history/);
    assert.match(
      job,
      /^Failure risk of the job test of CI: elevated \(15–40%\) .*\nShown as a band: not calibrated on acme\/ml yet/,
    );
    assert.match(job, /recent results of this job/);
  });

  it('keeps the hover short: at most three groups, each with its largest factors', () => {
    const hover = riskHoverMarkdown(e, subject, percent);
    assert.equal(
      hover.split('\n').filter((l) => l.startsWith('- ')).length,
      Math.min(3, Math.max(1, topGroups(e, subject).length)),
    );
    assert.match(hover, /\*\*Failure risk \d+%\*\*/);
    // The sum line adds up the groups listed: their points, then the rest, to the risk.
    const listed = hover
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => Number(/: ([+−])(\d+\.\d) pts/.exec(l)?.slice(1).join('').replace('−', '-').replace('+', '')));
    const sum = /\+ (\d+) groups? \(([+−])(\d+\.\d) pts\)/.exec(hover.replace(/\\(.)/g, '$1'));
    assert.ok(sum, hover);
    assert.equal(Number(sum[1]), listed.length);
    const stated = Number(`${sum[2] === '−' ? '-' : ''}${sum[3]}`);
    assert.ok(Math.abs(stated - listed.reduce((a, b) => a + b, 0)) <= 0.05 * listed.length + 1e-9, hover);
    const banded = riskHoverMarkdown(e, subject, band);
    // Markdown-escaped: "elevated \(15–40%\)".
    assert.match(banded, /^\*\*Failure risk elevated \\\(15–40%\\\)\*\*/);
    assert.match(banded, /_Shown as a band: not calibrated on acme\/ml yet/);
  });

  it('adds up in the full explanation: base rate + the points of every group = the risk', () => {
    const markdown = riskExplanationMarkdown(e, subject, percent);
    const rows = markdown.split('\n').filter((l) => /^\| \*\*.*\*\* \| \*\*[+−]\d+\.\d pts\*\* \|/.test(l));
    assert.equal(rows.length, groupFactors(e.factors, 'workflow').length, 'one row per group');
    assert.ok(rows.length >= 3, markdown);
    const sum = rows.reduce(
      (s, l) => s + Number((/\| \*\*([+−])(\d+\.\d) pts\*\* \|/.exec(l) ?? [])[2]) * (l.includes('| **−') ? -1 : 1),
      0,
    );
    // Percentages are whole everywhere (protocol/numberText.ts): the risk row reads as the lens does.
    assert.ok(markdown.includes(`**${percentText(e.probability)}**`), markdown);
    assert.ok(markdown.includes(`| base rate | ${percentText(e.baseProbability)} |`), markdown);
    assert.ok(
      Math.abs(e.baseProbability * 100 + sum - e.probability * 100) < 0.05 * rows.length,
      `${e.baseProbability * 100} + ${sum} vs ${e.probability * 100}`,
    );
  });

  it('escapes repository names in markdown', () => {
    const hover = riskHoverMarkdown(e, { ...subject, label: 'workflow [x](javascript:alert(1))' }, percent);
    assert.ok(!hover.includes('[x](javascript'), hover);
  });
});

describe('prediction log', () => {
  const base = Array.from({ length: 6 }, (_, i) => ciRun(i, 'success'));
  const prediction = predictWorkflowRisk(model, base, CI, target);
  assert.ok(prediction);
  const at = (i: number): number => T0 + i * 120 * MINUTE;

  it('joins a prediction to the first run of its workflow and branch created after it, then to its outcome', () => {
    const log = new PredictionLog();
    assert.ok(log.note(loggedPrediction(prediction, CI, 'm1', at(6) - MINUTE)));
    const other = ciRun(6, '', undefined, { branch: 'feature' });
    const next = ciRun(7, '');
    assert.ok(log.join([...base, other, next]));
    assert.equal(log.records[0]?.runId, next.id);
    assert.equal(log.records[0]?.outcome, undefined, 'still running');
    assert.ok(log.join([...base, other, { ...next, conclusion: 'failure', completedAt: at(7) + MINUTE }]));
    assert.equal(log.records[0]?.outcome, 'failure');
    assert.equal(
      log.join([...base, other, { ...next, conclusion: 'failure', completedAt: at(7) + MINUTE }]),
      false,
      'nothing new',
    );
  });

  it('never joins a run that started before the prediction, nor one run to two predictions', () => {
    const log = new PredictionLog();
    log.note(loggedPrediction(prediction, CI, 'm1', at(7) + MINUTE));
    assert.equal(log.join([...base, ciRun(7, 'success')]), false);
    assert.equal(log.records[0]?.runId, '');
    const run8 = ciRun(8, 'success');
    log.join([...base, run8]);
    log.note(loggedPrediction(prediction, CI, 'm1', at(8) + MINUTE));
    log.join([...base, run8]);
    assert.deepEqual(
      log.records.map((r) => r.runId),
      [run8.id, ''],
    );
  });

  it('replaces a pending prediction with a newer one for the same workflow and branch', () => {
    const log = new PredictionLog();
    log.note(loggedPrediction(prediction, CI, 'm1', at(6)));
    assert.equal(log.note(loggedPrediction(prediction, CI, 'm1', at(6) + MINUTE)), false, 'same prediction again');
    assert.ok(log.note({ ...loggedPrediction(prediction, CI, 'm1', at(6) + 2 * MINUTE), probability: 0.9 }));
    assert.equal(log.records.length, 1);
    assert.equal(log.records[0]?.probability, 0.9);
  });

  it('summarises quality on joined outcomes and suggests retraining when failures are missed', () => {
    const records: LoggedPrediction[] = Array.from({ length: 60 }, (_, i) => ({
      ...loggedPrediction(prediction, CI, 'm1', at(i)),
      runId: String(i),
      predictedFailure: false,
      probability: 0.1,
      outcome: i % 2 === 0 ? 'failure' : 'success',
    }));
    const summary = monitoringSummary(records, model, 'm1');
    assert.equal(summary.withOutcome, 60);
    assert.equal(summary.rolling.recall, 0);
    assert.ok(summary.retrainSuggested);
    assert.ok(
      summary.reasons.some((r) => r.startsWith('recall on failures')),
      summary.reasons.join('; '),
    );
    assert.equal(summary.calibration.find((b) => b.count > 0)?.observed, 0.5);
    assert.ok(summary.groups.some((g) => g.group === 'branchType' && g.value === 'default' && g.count === 60));
    assert.equal(monitoringSummary(records, model, 'other').logged, 0, "another model's predictions are not judged");
  });
});

describe('retraining on a repository', () => {
  it('compares both models on the same newest held-out runs', () => {
    const runs = syntheticRuns(3, 500).filter((r) => r.repo === 'acme/app');
    const outcome = retrainOnRepoHistory(runs, model, { now: new Date(T0) });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    assert.equal(outcome.comparison.repo.count, outcome.comparison.heldOutRuns);
    assert.equal(outcome.comparison.incumbent.count, outcome.comparison.heldOutRuns);
    assert.equal(outcome.comparison.paired.results, outcome.comparison.heldOutRuns);
    assert.equal(outcome.comparison.paired.candidateBrier, outcome.comparison.repo.brier);
    assert.equal(outcome.comparison.paired.incumbentBrier, outcome.comparison.incumbent.brier);
    assert.equal(outcome.beatsIncumbent, outcome.comparison.paired.verdict === 'adopt');
  });

  it('refuses a history too short to validate', () => {
    const outcome = retrainOnRepoHistory(
      Array.from({ length: 20 }, (_, i) => ciRun(i, i % 2 ? 'failure' : 'success')),
      model,
    );
    assert.ok(!outcome.ok);
    assert.match(outcome.error, /too few/);
  });
});

describe('factor words for a job', () => {
  it("speak of the job, since a job's history features read the job's own runs", () => {
    assert.equal(
      reasonFor({ kind: 'job' }, 'previous run of this workflow on this branch failed'),
      'previous run of this job on this branch failed',
    );
    assert.equal(
      reasonFor({ kind: 'workflow' }, 'previous run of this workflow failed'),
      'previous run of this workflow failed',
    );
  });
});

describe("prediction log and GitHub's whole-second times", () => {
  it('joins a run created in the same second as the prediction (GitHub drops the milliseconds)', () => {
    const runs = Array.from({ length: 6 }, (_, i) => ciRun(i, 'success'));
    const prediction = predictWorkflowRisk(model, runs, CI, target);
    assert.ok(prediction);
    const second = T0 + 6 * 120 * MINUTE;
    const log = new PredictionLog();
    log.note(loggedPrediction(prediction, CI, 'm1', second + 400));
    const next = { ...ciRun(6, ''), createdAt: second };
    assert.ok(log.join([...runs, next]));
    assert.equal(log.records[0]?.runId, next.id);
  });

  it('never takes a run it already knew, created in that same second, for the run predicted', () => {
    const second = T0 + 6 * 120 * MINUTE;
    const known = { ...ciRun(6, ''), createdAt: second };
    const runs = [...Array.from({ length: 6 }, (_, i) => ciRun(i, 'success')), known];
    const prediction = predictWorkflowRisk(model, runs, CI, target);
    assert.ok(prediction);
    const log = new PredictionLog();
    log.note(loggedPrediction(prediction, CI, 'm1', second + 400, runs));
    assert.deepEqual(log.records[0]?.knownRunIds, [known.id]);
    assert.equal(
      log.join([...runs, { ...known, conclusion: 'success', completedAt: second + MINUTE }]),
      false,
      'the known run is not the one predicted',
    );
    const next = { ...ciRun(7, ''), createdAt: second };
    assert.ok(log.join([...runs, next]));
    assert.equal(log.records[0]?.runId, next.id);
  });
});

describe('the hover adds up', () => {
  it('states base rate + shown factors + the others = the risk, and the numbers agree', () => {
    const runs = Array.from({ length: 12 }, (_, i) => ciRun(i, i >= 9 ? 'failure' : 'success'));
    const prediction = predictWorkflowRisk(model, runs, CI, target);
    assert.ok(prediction);
    const e = prediction.explanation;
    const text = sumText(e, 3);
    // The same whole percents as the lens and the hover's first line (one rounding rule, protocol/numberText.ts).
    const m =
      /^base rate (\d+)% \+ 3 factors \(([+−])(\d+\.\d) pts\) \+ (\d+) others \(([+−])(\d+\.\d) pts\) = (\d+)%$/.exec(
        text,
      );
    assert.ok(m, text);
    const signed = (sign: string | undefined, v: string | undefined): number => (sign === '−' ? -1 : 1) * Number(v);
    assert.equal(Number(m[4]), e.factors.length - 3);
    assert.equal(`${m[1]}%`, percentText(e.baseProbability));
    assert.equal(`${m[7]}%`, percentText(e.probability));
    // Two whole-percent roundings (half a point each) and two of a tenth.
    assert.ok(Math.abs(Number(m[1]) + signed(m[2], m[3]) + signed(m[5], m[6]) - Number(m[7])) <= 1.1, text);
    assert.ok(
      riskHoverMarkdown(
        e,
        {
          label: 'workflow CI',
          kind: 'workflow',
          branch: 'main',
          finishedRuns: 12,
          modelLabel: 'm',
        },
        { kind: 'percent' },
      ).includes('base rate'),
    );
  });
});
