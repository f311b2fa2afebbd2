// Reading user ONNX models: the summary, the tree operators as converters write them (checked against xgboost's own
// margins), ZipMap models scored by onnxruntime-node, and TreeSHAP against xgboost's pred_contribs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createOnnxScorer } from '../../../server/src/engine/model/onnx/onnxSession';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import { treeEnsembleFromOnnx } from '../../../server/src/engine/model/onnx/treeEnsembleFromOnnx';
import { writeTreeEnsembleOnnx } from '../../../server/src/engine/model/onnx/writeTreeEnsembleOnnx';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import { treeShap } from '../../../server/src/engine/model/shap/treeShap';
import { randomEnsemble } from '../../support/model/randomEnsemble';
import { EXAMPLES } from '../../support/paths';
import { ensembleOf, loadReference, matrixOf } from '../../support/model/shapFixtures';

describe('readOnnxModel', () => {
  it('summarises a converter-style classifier: opsets, inputs, ZipMap output type, operators, metadata', () => {
    const { bytes } = loadReference('xgb_classifier');
    const read = readOnnxModel(bytes, 'xgb_classifier.onnx');
    assert.ok(read.ok);
    const s = read.summary;
    assert.equal(s.irVersion, 8);
    assert.equal(s.producer, 'makeShapReferences 1');
    assert.deepEqual(s.inputs, [{ name: 'input', type: 'float', shape: ['N', 5] }]);
    assert.deepEqual(
      s.outputs.map((o) => [o.name, o.type]),
      [
        ['label', 'int64'],
        ['output_probability', 'seq(map(int64, float))'],
      ],
    );
    assert.deepEqual(s.operators, [
      { op: 'ai.onnx.ml:TreeEnsembleClassifier', count: 1 },
      { op: 'ai.onnx.ml:ZipMap', count: 1 },
    ]);
    assert.equal(s.metadata['feature_names'], 'x0,x1,x2,x3,x4');
    assert.equal(s.byteLength, bytes.length);
  });

  it('counts initializer sizes of a network', () => {
    const { bytes } = loadReference('mlp');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    // w1 6x8, b1 8, w2 8x1, b2 1 floats.
    assert.deepEqual(read.summary.initializers, { count: 4, elements: 48 + 8 + 8 + 1, bytes: 4 * 65 });
    assert.equal(read.summary.operators.find((o) => o.op === 'MatMul')?.count, 2);
  });

  it('says clearly when the bytes are not an ONNX model', () => {
    for (const bytes of [
      new TextEncoder().encode('{"not": "onnx"}\n'),
      new Uint8Array(0),
      Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
    ]) {
      const read = readOnnxModel(bytes, 'model.bin');
      assert.equal(read.ok, false);
      assert.match(read.ok ? '' : read.error, /^model\.bin: not an ONNX model/);
    }
  });
});

describe('treeEnsembleFromOnnx', () => {
  it("reads an xgboost TreeEnsembleClassifier (class_ids 0, LOGISTIC, base_values) to xgboost's own margins", () => {
    const { ref, bytes } = loadReference('xgb_classifier');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.ok(trees.ok, trees.ok ? '' : trees.error);
    const ensemble = trees.outputs[0]?.ensemble;
    assert.ok(ensemble && trees.outputs.length === 1);
    assert.equal(trees.outputs[0]?.label, '1', 'the positive class');
    assert.equal(trees.link, 'logistic');
    assert.equal(ensemble.transform, 'logistic');
    assert.deepEqual(ensemble.featureNames, ref.features);
    assert.ok(
      ensemble.trees.every((t) => t.cover.every(Number.isNaN)),
      'ONNX stores no covers',
    );
    const rows = matrixOf(ref.rows, ref.features);
    for (let r = 0; r < rows.rowCount; r++) {
      const margin = predictMargin(ensemble, rows.values.subarray(r * 5, r * 5 + 5));
      assert.ok(Math.abs(margin - (ref.margin?.[r] ?? 0)) < 1e-5, `row ${r}: ${margin} vs xgboost ${ref.margin?.[r]}`);
    }
  });

  it('reads BRANCH_LEQ regressor splits so that every row reaches the leaf xgboost reaches', () => {
    const { ref, bytes } = loadReference('xgb_regressor');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.ok(trees.ok, trees.ok ? '' : trees.error);
    const ensemble = trees.outputs[0]?.ensemble;
    assert.ok(ensemble);
    assert.equal(ensemble.transform, 'identity');
    const rows = matrixOf(ref.rows, ref.features);
    for (let r = 0; r < rows.rowCount; r++) {
      const ours = predictMargin(ensemble, rows.values.subarray(r * 4, r * 4 + 4));
      assert.ok(
        Math.abs(ours - (ref.prediction?.[r] ?? 0)) < 1e-5,
        `row ${r}: ${ours} vs xgboost ${ref.prediction?.[r]}`,
      );
    }
  });

  it('reads back what our writer wrote', () => {
    const ensemble = randomEnsemble(4, { trees: 5, features: 4, depth: 4, transform: 'logistic' });
    const read = readOnnxModel(writeTreeEnsembleOnnx(ensemble, { metadata: { feature_names: 'a,b,c,d' } }));
    assert.ok(read.ok);
    const back = treeEnsembleFromOnnx(read.model);
    assert.ok(back.ok);
    const readBack = back.outputs[0]?.ensemble;
    assert.ok(readBack);
    assert.deepEqual(readBack.featureNames, ['a', 'b', 'c', 'd']);
    assert.equal(readBack.transform, 'logistic', 'the Sigmoid node after the operator makes its output the margin');
    for (const [t, tree] of readBack.trees.entries())
      assert.deepEqual(Array.from(tree.feature), Array.from(ensemble.trees[t]?.feature ?? []));
  });

  it('reads the hand-written example churn model (TreeEnsembleRegressor + Sigmoid, BRANCH_LEQ) as a logistic ensemble', () => {
    const read = readOnnxModel(new Uint8Array(fs.readFileSync(path.join(EXAMPLES, 'model', 'model.onnx'))));
    assert.ok(read.ok);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.ok(trees.ok, trees.ok ? '' : trees.error);
    const ensemble = trees.outputs[0]?.ensemble;
    assert.ok(ensemble);
    assert.equal(ensemble.transform, 'logistic');
    assert.deepEqual(ensemble.featureNames, ['tenure_months', 'monthly_charges', 'support_calls', 'contract_months']);
    // Margins printed by scripts/makeExampleModel.py for its two sample rows.
    assert.ok(Math.abs(predictMargin(ensemble, Float32Array.from([60, 45, 0, 24])) - -2.535969) < 1e-5);
    assert.ok(Math.abs(predictMargin(ensemble, Float32Array.from([3, 99, 6, 1])) - 1.464031) < 1e-5);
  });

  it('refuses what it cannot explain, with the reason', () => {
    const { bytes } = loadReference('mlp');
    const read = readOnnxModel(bytes);
    assert.ok(read.ok);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.match(trees.ok ? '' : trees.error, /found 0/);
  });
});

describe('onnxruntime scoring of converter models', () => {
  it('drops ZipMap so onnxruntime-node can score the classifier, exposing the probability tensor', async () => {
    const { ref, bytes } = loadReference('xgb_classifier');
    const scorer = await createOnnxScorer(bytes);
    try {
      assert.deepEqual(scorer.outputNames, ['label', 'probabilities']);
      const rows = matrixOf(ref.rows, ref.features);
      const out = await scorer.run(rows.values, rows.rowCount);
      for (let r = 0; r < rows.rowCount; r++) {
        assert.ok(Math.abs((out['probabilities']?.[r * 2 + 1] ?? 0) - (ref.probability?.[r] ?? 0)) < 1e-6, `row ${r}`);
        assert.equal(out['label']?.[r], (ref.probability?.[r] ?? 0) > 0.5 ? 1 : 0);
      }
    } finally {
      await scorer.dispose();
    }
  });
});

describe('TreeSHAP against xgboost pred_contribs', () => {
  it("matches xgboost's path-dependent TreeSHAP on its own trees and covers (float32 precision)", () => {
    const { ref } = loadReference('xgb_classifier');
    const ensemble = ensembleOf(ref);
    const rows = matrixOf(ref.rows, ref.features);
    for (let r = 0; r < rows.rowCount; r++) {
      const { base, values } = treeShap(ensemble, rows.values.subarray(r * 5, r * 5 + 5));
      const contribs = ref.pred_contribs?.[r] ?? [];
      for (let f = 0; f < 5; f++)
        assert.ok(
          Math.abs((values[f] ?? 0) - (contribs[f] ?? 0)) < 1e-5,
          `row ${r} feature ${f}: ${values[f]} vs ${contribs[f]}`,
        );
      assert.ok(Math.abs(base - (contribs[5] ?? 0)) < 1e-5, `bias ${base} vs ${contribs[5]}`);
    }
  });
});
