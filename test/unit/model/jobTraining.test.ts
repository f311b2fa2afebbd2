// The job-level failure model: its training rows are built the way a job's risk is scored (the workflow's runs replaced
// by runs of the job), matrix legs are one job, and retraining on jobs keeps a job model only when it beats the
// workflow-level model on the same held-out job results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURE_NAMES } from '../../../server/src/engine/model/failure/featureSpecs';
import { jobBaseName, jobTrainingTable } from '../../../server/src/engine/model/failure/jobTrainingTable';
import {
  retrainComparisonText,
  retrainJobsOnRepoHistory,
  retrainOnRepoHistory,
} from '../../../server/src/engine/model/failure/repoRetraining';
import { loggedPrediction, PredictionLog } from '../../../server/src/engine/model/failure/predictionLog';
import { jobHistory, predictJobRisk, predictWorkflowRisk } from '../../../server/src/engine/model/failure/workflowRisk';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { loadDefaultModel } from '../../../server/src/engine/model/failure/failureRiskStore';
import { CI, ciRun, job, MINUTE, T0 } from '../../support/model/ciRuns';

const column = (name: string): number => {
  const i = FEATURE_NAMES.indexOf(name);
  assert.ok(i >= 0, name);
  return i;
};

/**
 * Run i: `test` fails on odd runs (one of its two matrix legs), `lint` never fails; the run fails when a job does.
 * The workflow's own history alternates, and so does the test job's; lint's is all green.
 */
function history(count: number): RunRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const at = T0 + i * 120 * MINUTE;
    const testFails = i % 2 === 1;
    return ciRun(i, testFails ? 'failure' : 'success', [
      job('test (3.10)', 'success', at),
      job('test (3.12)', testFails ? 'failure' : 'success', at),
      job('lint', 'success', at),
    ]);
  });
}

describe('job names', () => {
  it('drop the matrix values GitHub appends, and only those', () => {
    assert.equal(jobBaseName('test (3.11, ubuntu-latest)'), 'test');
    assert.equal(jobBaseName('build'), 'build');
    assert.equal(jobBaseName('build (docs) (3.12)'), 'build (docs)');
    assert.equal(jobBaseName('deploy(prod)'), 'deploy(prod)');
  });
});

describe('the job training table', () => {
  const runs = history(12);
  const table = jobTrainingTable(runs);

  it('has one row per run and job, matrix legs merged, labelled with the job outcome', () => {
    assert.equal(table.runs.length, 24);
    const test = table.runs.filter((r) => r.workflowName === 'CI test');
    const lint = table.runs.filter((r) => r.workflowName === 'CI lint');
    assert.equal(test.length, 12);
    assert.equal(lint.length, 12);
    assert.deepEqual(
      test.map((r) => r.conclusion),
      runs.map((r) => r.conclusion),
      'test fails whenever one of its legs fails',
    );
    assert.ok(lint.every((r) => r.conclusion === 'success'));
    for (let i = 1; i < table.runs.length; i++)
      assert.ok((table.runs[i]?.createdAt ?? 0) >= (table.runs[i - 1]?.createdAt ?? 0), 'creation order');
  });

  it("reads each job's own history: lint's previous run never failed, though the workflow's did", () => {
    const prev = column('workflow_prev_failed');
    table.runs.forEach((run, i) => {
      const value = table.values[i * table.featureCount + prev] ?? Number.NaN;
      const n = Number(run.id.split(':')[0]) - 100;
      if (n === 0) assert.ok(Number.isNaN(value), 'first run: no history');
      else assert.equal(value, run.workflowName === 'CI lint' ? 0 : (n - 1) % 2, run.id);
    });
  });

  it('gives a job the same feature row the lens scores it with', () => {
    const scored = jobHistory(runs, CI, 'lint', (name) => name === 'lint');
    const own = buildFeatureTable(scored.history);
    const i = own.runs.findIndex((r) => r.id === '111:lint');
    const k = table.runs.findIndex((r) => r.id === '111:lint');
    assert.deepEqual(
      Array.from(table.values.subarray(k * table.featureCount, (k + 1) * table.featureCount)),
      Array.from(own.values.subarray(i * own.featureCount, (i + 1) * own.featureCount)),
    );
  });

  it('skips runs whose jobs were not fetched, and runs without a workflow file', () => {
    const partial = [
      ...history(4),
      ciRun(4, 'failure'),
      ciRun(5, 'success', [job('lint', 'success', T0)], { workflowPath: undefined }),
    ];
    assert.equal(jobTrainingTable(partial).runs.length, 8);
  });
});

describe('job predictions in the prediction log', () => {
  it("are judged by the job's outcome in the next run, beside the workflow's prediction for the same run", async () => {
    const model = (await loadDefaultModel()).model;
    const runs = history(6);
    const target = { branch: 'main', now: T0 + 6 * 120 * MINUTE - MINUTE };
    const isLint = (name: string): boolean => jobBaseName(name) === 'lint';
    const isTest = (name: string): boolean => jobBaseName(name) === 'test';
    const workflow = predictWorkflowRisk(model, runs, CI, target);
    const lint = predictJobRisk(model, runs, CI, 'lint', isLint, target);
    const test = predictJobRisk(model, runs, CI, 'test', isTest, target);
    assert.ok(workflow && lint && test);
    const log = new PredictionLog();
    log.note(loggedPrediction(workflow, CI, 'runs', target.now, runs));
    assert.ok(
      log.note(loggedPrediction(lint, CI, 'jobs', target.now, runs, 'lint')),
      'a job is its own pending prediction',
    );
    assert.ok(log.note(loggedPrediction(test, CI, 'jobs', target.now, runs, 'test')));
    assert.equal(log.records.length, 3);
    // The next run: test fails on one leg, lint passes; while its jobs are unknown only the workflow's outcome is.
    const at = T0 + 6 * 120 * MINUTE;
    const next = ciRun(6, 'failure');
    log.join([...runs, next]);
    assert.deepEqual(
      log.records.map((r) => [r.job ?? 'workflow', r.runId, r.outcome]),
      [
        ['workflow', next.id, 'failure'],
        ['lint', next.id, undefined],
        ['test', next.id, undefined],
      ],
    );
    const withJobs = {
      ...next,
      jobs: [job('test (3.10)', 'success', at), job('test (3.12)', 'failure', at), job('lint', 'success', at)],
    };
    assert.ok(log.join([...runs, withJobs]));
    assert.deepEqual(
      log.records.map((r) => [r.job ?? 'workflow', r.outcome]),
      [
        ['workflow', 'failure'],
        ['lint', 'success'],
        ['test', 'failure'],
      ],
    );
  });
});

describe('retraining on jobs', () => {
  it('keeps a job model that beats the workflow-level model on held-out job results', async () => {
    const runs = history(400);
    const workflowModel = retrainOnRepoHistory(runs, (await loadDefaultModel()).model);
    assert.ok(workflowModel.ok, workflowModel.ok ? '' : workflowModel.error);
    const jobs = retrainJobsOnRepoHistory(runs, workflowModel.model, { now: new Date(T0) });
    assert.ok(jobs.ok, jobs.ok ? '' : jobs.error);
    // 800 job results, the newest 20 % held out.
    assert.equal(jobs.comparison.heldOutRuns, 160);
    // The workflow model learned "after a success comes a failure": applied to lint's all-green history it cries wolf.
    const words = { rows: 'job results', candidate: 'job model', incumbent: 'workflow model' };
    const text = retrainComparisonText(jobs.comparison, words);
    assert.ok(jobs.comparison.paired.interval[0] > 0, text);
    assert.equal(jobs.beatsIncumbent, true);
    assert.match(
      text,
      /^on the newest 160 job results \(\d+ failures\): Brier 0\.\d{3} for the job model, 0\.\d{3} for the workflow model; better by 0\.\d{3} \(95 % interval 0\.\d{3} to 0\.\d{3}\)$/,
    );
  });

  it('refuses too few job results, naming the shortfall', async () => {
    const jobs = retrainJobsOnRepoHistory(history(10), (await loadDefaultModel()).model);
    assert.ok(!jobs.ok);
    assert.match(jobs.error, /too few/);
  });
});
