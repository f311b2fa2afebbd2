// Our SHAP against brute-force exact interventional Shapley values computed in Python (xgboost / numpy scoring every
// hybrid row), for an xgboost classifier written as onnxmltools writes it (with ZipMap), an xgboost regressor as a
// TreeEnsembleRegressor with BRANCH_LEQ splits, and a small neural network: within 1e-4, as issue 8 requires.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import { explainModel, type ModelExplanation } from '../../../server/src/engine/model/shap/explainModel';
import { loadReference, matrixOf } from '../../support/model/shapFixtures';

async function explainReference(
  name: string,
): Promise<{ explanation: ModelExplanation; expected: { base: number[]; shap: number[][] } }> {
  const { ref, bytes } = loadReference(name);
  const read = readOnnxModel(bytes, ref.model);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const result = await explainModel(
    read.model,
    bytes,
    matrixOf(ref.rows, ref.features),
    matrixOf(ref.background, ref.features),
  );
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(result.explanation.outputSpace, ref.output_space);
  return { explanation: result.explanation, expected: ref.expected };
}

function assertMatches(explanation: ModelExplanation, expected: { base: number[]; shap: number[][] }): void {
  const m = explanation.features.length;
  assert.equal(explanation.outputs.length, 1);
  const output = explanation.outputs[0];
  assert.ok(output);
  for (const [r, row] of expected.shap.entries()) {
    assert.ok(Math.abs(output.base - (expected.base[r] ?? 0)) < 1e-4, `base ${output.base} vs ${expected.base[r]}`);
    for (const [f, value] of row.entries()) {
      const ours = output.values[r * m + f] ?? Number.NaN;
      assert.ok(
        Math.abs(ours - value) < 1e-4,
        `row ${r} feature ${explanation.features[f]}: ours ${ours}, reference ${value}`,
      );
    }
  }
  assert.ok(explanation.localAccuracy.ok, `local accuracy: max error ${explanation.localAccuracy.maxError}`);
}

describe('SHAP against Python brute-force references', () => {
  it('xgboost classifier as TreeEnsembleClassifier + ZipMap: interventional TreeSHAP in margin space', async () => {
    const { explanation, expected } = await explainReference('xgb_classifier');
    assert.equal(explanation.method, 'tree-interventional');
    assert.match(explanation.explained, /margin.*TreeEnsembleClassifier/);
    assertMatches(explanation, expected);
    // Local accuracy holds against onnxruntime's margins and, through the sigmoid, its probabilities (ZipMap dropped).
    assert.ok(explanation.localAccuracy.maxError < 1e-5, `max error ${explanation.localAccuracy.maxError}`);
  });

  it('xgboost regressor as TreeEnsembleRegressor with BRANCH_LEQ: interventional TreeSHAP in output space', async () => {
    const { explanation, expected } = await explainReference('xgb_regressor');
    assert.equal(explanation.method, 'tree-interventional');
    assertMatches(explanation, expected);
    assert.ok(explanation.localAccuracy.maxError < 1e-4, `max error ${explanation.localAccuracy.maxError}`);
  });

  it('a MatMul/Relu/Sigmoid network: exact enumeration through onnxruntime, in output space', async () => {
    const { explanation, expected } = await explainReference('mlp');
    assert.equal(explanation.method, 'exact');
    assert.equal(explanation.explained, 'probability');
    assertMatches(explanation, expected);
  });

  it('the network through KernelSHAP lands near the exact values, within its reported sampling error', async () => {
    const { ref, bytes } = loadReference('mlp');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    const result = await explainModel(
      read.model,
      bytes,
      matrixOf(ref.rows, ref.features),
      matrixOf(ref.background, ref.features),
      { maxExactFeatures: 0, kernelSamples: 4000 },
    );
    assert.ok(result.ok, result.ok ? '' : result.error);
    const e = result.explanation;
    assert.equal(e.method, 'kernel');
    assert.ok(e.localAccuracy.ok, 'the efficiency constraint makes KernelSHAP locally accurate');
    const m = e.features.length;
    const output = e.outputs[0];
    assert.ok(output);
    let worst = 0;
    for (const [r, row] of ref.expected.shap.entries()) {
      for (const [f, exact] of row.entries()) {
        const se = output.standardErrors?.[r * m + f] ?? Number.NaN;
        assert.ok(se >= 0 && se < 0.02, `standard error ${se}`);
        const gap = Math.abs((output.values[r * m + f] ?? 0) - exact);
        worst = Math.max(worst, gap / Math.max(se, 1e-6));
        assert.ok(
          gap < Math.max(5 * se, 1e-3),
          `row ${r} feature ${f}: kernel ${output.values[r * m + f]} vs exact ${exact} (se ${se})`,
        );
      }
    }
    assert.ok(Number.isFinite(worst));
  });

  it('reports progress up to the total and stops when cancelled', async () => {
    const { ref, bytes } = loadReference('mlp');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    const rows = matrixOf(ref.rows, ref.features);
    const background = matrixOf(ref.background, ref.features);
    const progress: [number, number][] = [];
    // A small batch forces several model calls: 5 rows x 64 coalitions x 8 background rows = 2560 hybrid rows.
    const done = await explainModel(read.model, bytes, rows, background, {
      batchRows: 500,
      onProgress: (d, t) => progress.push([d, t]),
    });
    assert.ok(done.ok);
    assert.ok(progress.length >= 5, `${progress.length} progress calls`);
    assert.deepEqual(progress.at(-1), [2560, 2560]);
    assert.ok(progress.every(([d], i) => i === 0 || d >= (progress[i - 1]?.[0] ?? 0)));
    const controller = new AbortController();
    const cancelled = await explainModel(read.model, bytes, rows, background, {
      batchRows: 500,
      signal: controller.signal,
      onProgress: () => {
        controller.abort();
      },
    });
    assert.deepEqual(cancelled, { ok: false, error: 'cancelled' });
  });
});
