// What failure risk keeps in the extension's storage survives a restart: the repository model (read back as the same
// model, so the same predictions) and the prediction log (unknown feature values stay unknown, not 0). Without a
// storage folder nothing is written and nothing fails.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loggedPrediction } from '../../../server/src/engine/model/failure/predictionLog';
import { retrainOnRepoHistory } from '../../../server/src/engine/model/failure/repoRetraining';
import { predictWorkflowRisk } from '../../../server/src/engine/model/failure/workflowRisk';
import { FailureRiskStore, loadDefaultModel } from '../../../server/src/engine/model/failure/failureRiskStore';
import { syntheticRuns } from '../../support/model/syntheticRuns';

describe('failure risk storage', () => {
  it('round-trips a repository model and the prediction log', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-risk-store-'));
    try {
      const store = new FailureRiskStore(folder);
      const defaults = await loadDefaultModel();
      const runs = syntheticRuns(8, 500)
        .filter((r) => r.repo === 'acme/app')
        .map((r) => ({ ...r, workflowPath: `.github/workflows/w${r.workflowId}.yml` }));
      const trained = retrainOnRepoHistory(runs, defaults.model, { now: new Date(Date.UTC(2026, 0, 2)) });
      assert.ok(trained.ok);
      assert.equal(await store.loadRepoModel('acme/app'), undefined);
      const saved = await store.saveRepoModel('acme/app', trained.model, 'compared');
      const loaded = await store.loadRepoModel('acme/app');
      assert.ok(loaded);
      assert.equal(loaded.id, saved.id);
      assert.match(loaded.label, /retrained on acme\/app \(2026-01-02\)/);
      const target = { branch: 'main', now: Date.UTC(2026, 0, 3) };
      const before = predictWorkflowRisk(trained.model, runs, '.github/workflows/w11.yml', target);
      const after = predictWorkflowRisk(loaded.model, runs, '.github/workflows/w11.yml', target);
      assert.ok(before && after);
      assert.ok(
        Math.abs(before.explanation.probability - after.explanation.probability) < 1e-6,
        `${before.explanation.probability} vs ${after.explanation.probability}`,
      );

      const record = loggedPrediction(before, '.github/workflows/w11.yml', saved.id, target.now);
      assert.ok(
        record.features.some((v) => Number.isNaN(v)),
        'synthetic runs leave some features unknown',
      );
      await store.saveLog('acme/app', [record]);
      const [read] = await store.loadLog('acme/app');
      assert.deepEqual(
        read?.features.map((v) => (Number.isNaN(v) ? 'NaN' : v)),
        record.features.map((v) => (Number.isNaN(v) ? 'NaN' : v)),
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps nothing and fails nothing without a storage folder', async () => {
    const store = new FailureRiskStore(undefined);
    await store.saveLog('acme/app', []);
    assert.deepEqual(await store.loadLog('acme/app'), []);
    assert.equal(await store.loadRepoModel('acme/app'), undefined);
  });
});
