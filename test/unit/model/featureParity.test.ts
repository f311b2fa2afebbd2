// The default model is trained on exactly the features the extension computes. The extension reads runs from GitHub's
// API (runRecordOf) and scores a run that does not exist yet; a feature the model splits on that is always missing there
// (the training CSV's commit time or dependency count, say) means the model is scored on rows unlike its training rows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { WorkflowRun } from '../../../shared/githubApi';
import { readFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import { FEATURE_NAMES } from '../../../server/src/engine/model/failure/featureSpecs';
import { predictWorkflowRisk } from '../../../server/src/engine/model/failure/workflowRisk';
import { runRecordOf } from '../../../server/src/engine/model/runs/loadRunsJson';
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { syntheticRuns } from '../../support/model/syntheticRuns';

const MODEL_FILE = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'server/src/engine/model/data/defaultFailureModel.onnx',
);

/** A run as GitHub's API lists it: only the fields the REST reply has. */
function asApiRun(run: RunRecord, index: number): WorkflowRun {
  const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: 1000 + index,
    name: run.workflowName,
    run_number: index + 1,
    event: run.event,
    status: run.completedAt === undefined ? 'in_progress' : 'completed',
    conclusion: run.completedAt === undefined ? null : (run.conclusion as WorkflowRun['conclusion']),
    workflow_id: Number(run.workflowId) || 1,
    path: run.workflowPath ?? '.github/workflows/ci.yml',
    head_branch: run.branch,
    head_sha: run.sha,
    created_at: iso(run.createdAt),
    updated_at: iso(run.completedAt ?? run.createdAt),
    html_url: `https://github.com/o/r/actions/runs/${1000 + index}`,
    actor: { login: run.actor, type: run.actorIsBot ? 'Bot' : 'User' },
  };
}

/** Features the model's trees split on. */
function featuresUsed(trees: readonly { feature: Int32Array }[], names: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const tree of trees) for (const f of tree.feature) if (f >= 0) used.add(names[f] ?? `#${f}`);
  return used;
}

describe('the default model and the extension compute the same features', () => {
  const read = readFailureModelOnnx(fs.readFileSync(MODEL_FILE), MODEL_FILE);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const model = read.value;

  it('names its features as the extension does, in the same order', () => {
    assert.deepEqual(model.ensemble.featureNames, FEATURE_NAMES);
  });

  it('splits only on features the extension has a value for when it scores the next run', () => {
    // A varied history (successes, failures, branches, bots, runs in progress), read through the API path.
    const history = syntheticRuns(11, 400).map((r, i) =>
      runRecordOf(asApiRun(r, i), r.createdAt, 'o/r', `run ${i}`, undefined),
    );
    const known = new Set<string>();
    // Next runs at several points of the history, on the default branch and another, with the workspace's file size.
    for (const end of [40, 120, 200, 300, 400]) {
      for (const branch of ['main', 'feature/x']) {
        const prediction = predictWorkflowRisk(model, history.slice(0, end), '.github/workflows/w11.yml', {
          branch,
          now: (history[end - 1]?.createdAt ?? 0) + 60_000,
        });
        assert.ok(prediction, `a prediction after ${end} runs`);
        prediction.features.forEach((v, j) => {
          if (!Number.isNaN(v)) known.add(FEATURE_NAMES[j] ?? '');
        });
      }
    }
    const neverKnown = [...featuresUsed(model.ensemble.trees, model.ensemble.featureNames)].filter(
      (f) => !known.has(f),
    );
    assert.deepEqual(neverKnown, [], `the model splits on features the extension never has: ${neverKnown.join(', ')}`);
  });
});
