// The shipped default model matches this code: it loads, was trained on the features this version computes (otherwise
// `npm run train:default` must be rerun), scores in onnxruntime as in JS, and its report beats the baseline it records.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { calibratedRisk } from '../../../server/src/engine/model/failure/explainRisk';
import { readFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import { FEATURE_NAMES } from '../../../server/src/engine/model/failure/featureSpecs';
import { createRiskScorer } from '../../../server/src/engine/model/failure/onnxRisk';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import { REPO_ROOT } from '../../support/paths';
import { seededRandom } from '../../support/model/randomEnsemble';

const DATA = path.join(REPO_ROOT, 'server/src/engine/model/data');

describe('default failure model', () => {
  it('loads, fits the current features and scores in onnxruntime as in JS', async () => {
    const bytes = fs.readFileSync(path.join(DATA, 'defaultFailureModel.onnx'));
    const read = readFailureModelOnnx(bytes, 'defaultFailureModel.onnx');
    assert.ok(read.ok, read.ok ? '' : `${read.error}: run npm run train:default`);
    assert.deepEqual(read.value.ensemble.featureNames, FEATURE_NAMES);
    const random = seededRandom(17);
    const n = 200;
    const f = FEATURE_NAMES.length;
    // Rows from the training distribution's bin edges, with some missing values.
    const values = Float64Array.from({ length: n * f }, (_, k) => {
      const edges = read.value.drift.edges[k % f] ?? [];
      return random() < 0.1 ? Number.NaN : Math.fround(edges[Math.floor(random() * edges.length)] ?? random());
    });
    const scorer = await createRiskScorer(bytes, read.value);
    const onnx = await scorer.score(values, n);
    await scorer.dispose();
    for (let i = 0; i < n; i++) {
      const js = calibratedRisk(read.value, predictMargin(read.value.ensemble, values.subarray(i * f, (i + 1) * f)));
      assert.ok(Math.abs(js - (onnx[i] ?? 0)) < 1e-5, `row ${i}: ${js} vs ${onnx[i]}`);
    }
    const report = JSON.parse(fs.readFileSync(path.join(DATA, 'defaultFailureModel.report.json'), 'utf8')) as {
      test: { rocAuc: number; f1: number };
      baseline: { rocAuc: number; f1: number };
    };
    assert.ok(report.test.rocAuc > report.baseline.rocAuc && report.test.f1 > report.baseline.f1);
  });
});
