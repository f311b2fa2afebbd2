// Issue 18's SHAP fixtures: trees with +inf, -inf and NaN thresholds in every split mode, a HistGradientBoosting-style
// classifier (BRANCH_LEQ +inf), and classifiers with three classes. Each is checked against a reference computed here,
// independently of Preflight's reading of the model: exact Shapley values by enumerating every coalition, each
// coalition valued by onnxruntime itself on the hybrid rows (runtimeShapley.ts), and local accuracy against
// onnxruntime's outputs for every row.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeatureMatrix } from '../../../server/src/engine/model/data/featureMatrix';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import { SPLIT_MODES } from '../../../server/src/engine/model/onnx/treeSplitModes';
import { explainModel, type ModelExplanation } from '../../../server/src/engine/model/shap/explainModel';
import {
  boosterMulticlass,
  EDGE_FEATURES,
  edgeRegressor,
  edgeRows,
  forestMulticlass,
  histGradientBoostingBinary,
  rawScoresOf,
} from '../../support/model/edgeTreeModels';
import { runtimeScores, runtimeShapley, type RuntimeReference } from '../../support/model/runtimeShapley';
import { buildTreeModel, type TreeModelSpec } from '../../support/model/treeModelBuilder';

const matrix = (rows: number[][]): FeatureMatrix => ({
  columns: EDGE_FEATURES,
  rowCount: rows.length,
  values: Float32Array.from(rows.flat()),
});

async function explain(spec: TreeModelSpec, rows: number[][], background: number[][]): Promise<ModelExplanation> {
  const bytes = buildTreeModel(spec);
  const read = readOnnxModel(bytes);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const result = await explainModel(read.model, bytes, matrix(rows), matrix(background));
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.explanation;
}

/** Our values for output o against the reference's column `column`, to float32 precision. */
function assertMatchesReference(e: ModelExplanation, o: number, reference: RuntimeReference, column: number): void {
  const output = e.outputs[o];
  assert.ok(output);
  const m = e.features.length;
  assert.ok(
    Math.abs(output.base - (reference.base[column] ?? NaN)) < 1e-5,
    `base ${output.base} vs ${reference.base[column]}`,
  );
  reference.shap.forEach((row, r) => {
    row[column]?.forEach((expected, f) => {
      const ours = output.values[r * m + f] ?? NaN;
      assert.ok(
        Math.abs(ours - expected) < 1e-5,
        `${output.label} row ${r} ${e.features[f]}: ours ${ours}, reference ${expected}`,
      );
    });
    const value = reference.value[r]?.[column] ?? NaN;
    assert.ok(Math.abs((output.predictions[r] ?? NaN) - value) < 1e-6, `${output.label} row ${r}: value`);
  });
}

const ROWS = edgeRows(11, 12);
const BACKGROUND = edgeRows(12, 6);

describe('SHAP of trees with infinite and NaN thresholds, against enumeration through onnxruntime', () => {
  for (const mode of [...SPLIT_MODES, 'mixed']) {
    it(`${mode}: every split among +inf, -inf, NaN and finite thresholds`, async () => {
      const spec = edgeRegressor(mode, 100 + mode.length);
      const e = await explain(spec, ROWS, BACKGROUND);
      assert.equal(e.method, 'tree-interventional');
      assert.equal(e.outputSpace, 'output');
      assert.ok(e.localAccuracy.ok, `local accuracy: ${JSON.stringify(e.localAccuracy.worst)}`);
      const reference = await runtimeShapley(buildTreeModel(spec), 'score', ROWS, BACKGROUND);
      assertMatchesReference(e, 0, reference, 0);
    });
  }

  it('a HistGradientBoosting-style classifier (BRANCH_LEQ +inf, missing tracks, ZipMap) in log-odds', async () => {
    const spec = histGradientBoostingBinary(7);
    const e = await explain(spec, ROWS, BACKGROUND);
    assert.equal(e.method, 'tree-interventional');
    assert.equal(e.outputSpace, 'margin');
    assert.equal(e.link, 'logistic');
    assert.deepEqual(
      e.outputs.map((o) => o.label),
      ['1'],
    );
    assert.ok(e.localAccuracy.ok, `local accuracy: ${JSON.stringify(e.localAccuracy.worst)}`);
    // onnxruntime writes [-s, s] for this classifier without its post transform: column 1 is the margin.
    const reference = await runtimeShapley(buildTreeModel(rawScoresOf(spec)), 'probabilities', ROWS, BACKGROUND);
    assertMatchesReference(e, 0, reference, 1);
    // The +inf splits matter: some rows take their true side (x <= +inf), so those features have SHAP values.
    assert.ok(e.outputs[0]?.values.some((v) => Math.abs(v) > 1e-3));
  });
});

describe('SHAP of classifiers with three classes, per class', () => {
  const cases: [string, TreeModelSpec, ModelExplanation['link']][] = [
    ['a booster (one tree per class, SOFTMAX, base values, ZipMap)', boosterMulticlass(21), 'softmax'],
    ['a forest (every leaf votes for every class, string labels)', forestMulticlass(22), 'identity'],
    ['one-vs-rest scores (LOGISTIC per class)', { ...boosterMulticlass(23), postTransform: 'LOGISTIC' }, 'logistic'],
  ];
  for (const [name, spec, link] of cases) {
    it(`${name}: exact TreeSHAP for each class, the predicted class as onnxruntime's highest score`, async () => {
      const e = await explain(spec, ROWS, BACKGROUND);
      assert.equal(e.method, 'tree-interventional');
      assert.equal(e.link, link);
      assert.deepEqual(
        e.outputs.map((o) => o.label),
        (spec.classLabels ?? []).map(String),
      );
      assert.ok(e.localAccuracy.ok, `local accuracy: ${JSON.stringify(e.localAccuracy.worst)}`);
      const reference = await runtimeShapley(buildTreeModel(rawScoresOf(spec)), 'probabilities', ROWS, BACKGROUND);
      for (let c = 0; c < 3; c++) assertMatchesReference(e, c, reference, c);
      const probabilities = await runtimeScores(buildTreeModel({ ...spec, zipMap: false }), 'probabilities', ROWS);
      assert.deepEqual(
        Array.from(e.predictedClass ?? []),
        probabilities.map((p) => p.indexOf(Math.max(...p))),
      );
    });
  }
});
