// What a finished retraining leaves in use and on disk, and what it says: models adopted on evidence are stored and used;
// a workflow model that is not clearly better, or cannot be judged on so few results, sends the extension back to the
// default and the one stored earlier is forgotten; a job model that is not adopted is forgotten too; a history too short
// to train keeps the model in use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  retrainJobsOnRepoHistory,
  retrainOnRepoHistory,
  type RetrainOutcome,
} from '../../../server/src/engine/model/failure/repoRetraining';
import type { RetrainResults } from '../../../server/src/engine/model/failure/retrainWorkerMessages';
import {
  FailureRiskStore,
  loadDefaultModel,
  type ModelInUse,
} from '../../../server/src/engine/model/failure/failureRiskStore';
import { settleRetraining } from '../../../server/src/engine/model/failure/settleRetraining';
import { ciRun, job, MINUTE, T0 } from '../../support/model/ciRuns';

const REPO = 'acme/ml';

/** 600 runs: test fails on odd runs, lint never; enough for both models to train and be judged. */
const HISTORY = Array.from({ length: 600 }, (_, i) => {
  const at = T0 + i * 120 * MINUTE;
  return ciRun(i, i % 2 ? 'failure' : 'success', [
    job('test', i % 2 ? 'failure' : 'success', at),
    job('lint', 'success', at),
  ]);
});

let folder = '';
let store: FailureRiskStore;
let defaults: ModelInUse;
let runs: Extract<RetrainOutcome, { ok: true }>;
let jobs: Extract<RetrainOutcome, { ok: true }>;
const stored = (suffix: string): boolean => fs.existsSync(path.join(folder, 'failure-risk', `acme__ml${suffix}.onnx`));
const lost = (outcome: Extract<RetrainOutcome, { ok: true }>): RetrainOutcome => ({
  ...outcome,
  comparison: { ...outcome.comparison, paired: { ...outcome.comparison.paired, verdict: 'not-better' } },
  beatsIncumbent: false,
});

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-settle-'));
  store = new FailureRiskStore(folder);
  defaults = await loadDefaultModel();
  const trainedRuns = retrainOnRepoHistory(HISTORY, defaults.model, { now: new Date(T0) });
  assert.ok(trainedRuns.ok && trainedRuns.beatsIncumbent, 'the alternating history beats the default');
  const trainedJobs = retrainJobsOnRepoHistory(HISTORY, trainedRuns.model, { now: new Date(T0) });
  assert.ok(
    trainedJobs.ok && trainedJobs.beatsIncumbent,
    'lint never fails: the job model beats the workflow model on jobs',
  );
  runs = trainedRuns;
  jobs = trainedJobs;
});

after(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('settling a retraining', () => {
  it('stores and uses both winners, and says so', async () => {
    const settled = await settleRetraining({ runs, jobs }, REPO, defaults, store);
    assert.equal(settled.ok, true);
    assert.match(settled.model?.label ?? '', /^the model retrained on acme\/ml/);
    assert.match(settled.jobModel?.label ?? '', /^the job model retrained on acme\/ml/);
    assert.ok(stored('') && stored('.jobs'));
    assert.match(
      settled.message,
      /^Now using the model trained on acme\/ml: it is better than the default on the newest 120 finished runs \(60 failures\): Brier 0\.\d{3} for the repository model, .* Jobs now use the job model trained on acme\/ml: it is better than the workflow model on jobs on the newest 240 job results \(\d+ failures\): Brier 0\.\d{3} for the job model, 0\.\d{3} for the workflow model; better by 0\.\d{3} \(95 % interval /,
    );
  });

  it('goes back to the default when the new workflow model lost, and forgets both stored models', async () => {
    const results: RetrainResults = { runs: lost(runs), jobs: lost(jobs) };
    const settled = await settleRetraining(results, REPO, defaults, store);
    assert.equal(settled.ok, true);
    assert.equal(settled.model, defaults);
    assert.equal(settled.jobModel, undefined);
    assert.equal(stored(''), false, 'the earlier repository model is gone');
    assert.equal(stored('.jobs'), false, 'the earlier job model is gone');
    assert.equal(await store.loadRepoModel(REPO), undefined);
    assert.match(
      settled.message,
      /^Kept the default model: the one trained on acme\/ml is not clearly better \(on the newest 120 finished runs .* Jobs keep the workflow model: the job model is not clearly better \(on the newest 240 job results /,
    );
  });

  it('adopts nothing that cannot be judged on the held-out results yet, and says how many there were', async () => {
    await store.saveRepoModel(REPO, runs.model, 'earlier');
    const few = retrainOnRepoHistory(HISTORY.slice(0, 300), defaults.model, { now: new Date(T0) });
    assert.ok(few.ok, few.ok ? '' : few.error);
    assert.equal(few.comparison.paired.verdict, 'too-little-evidence');
    assert.equal(few.beatsIncumbent, false);
    const settled = await settleRetraining({ runs: few, jobs: lost(jobs) }, REPO, defaults, store);
    assert.equal(settled.model, defaults);
    assert.equal(stored(''), false, 'the earlier repository model is gone');
    assert.match(
      settled.message,
      /^Kept the default model: the one trained on acme\/ml cannot be judged yet \(too little evidence to compare: the newest 60 finished runs \(30 failures\), where at least 100 results with 10 failures are needed\)\. /,
    );
  });

  it('keeps the model in use when the history is too short to train, and says why', async () => {
    await store.saveRepoModel(REPO, runs.model, 'earlier');
    const short: RetrainResults = {
      runs: { ok: false, error: 'too few finished success/failure runs to train (12; need at least 55)' },
      jobs: { ok: false, error: 'too few finished success/failure runs to train (24; need at least 55)' },
    };
    const settled = await settleRetraining(short, REPO, defaults, store);
    assert.equal(settled.ok, false);
    assert.equal(settled.model, undefined, 'nothing replaces the model in use');
    assert.ok(stored(''), 'the stored repository model stays');
    assert.equal(
      settled.message,
      `Not retrained on acme/ml: too few finished success/failure runs to train (12; need at least 55). No job model: too few finished success/failure runs to train (24; need at least 55).`,
    );
  });
});
