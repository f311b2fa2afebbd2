// Writing a trained failure model as ONNX and reading it back gives the same trees node for node (structure,
// thresholds, float32 leaf values), the trainer's covers (to the 6 digits stored), and the same metadata.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFailureModelOnnx, writeFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import { trainFailureModel } from '../../../server/src/engine/model/failure/trainFailureModel';
import { syntheticRuns } from '../../support/model/syntheticRuns';

describe('failure model ONNX round trip', () => {
  it('reads back the trees, covers and metadata it wrote', () => {
    const trained = trainFailureModel(syntheticRuns(12, 800), { gbdt: { maxDepth: 4 } });
    assert.ok(trained.ok);
    const model = trained.value.model;
    const read = readFailureModelOnnx(writeFailureModelOnnx(model), 'm.onnx');
    assert.ok(read.ok, read.ok ? '' : read.error);
    const back = read.value;
    assert.equal(back.ensemble.trees.length, model.ensemble.trees.length);
    assert.equal(back.ensemble.baseScore, Math.fround(model.ensemble.baseScore));
    model.ensemble.trees.forEach((tree, t) => {
      const other = back.ensemble.trees[t];
      assert.ok(other);
      assert.deepEqual(Array.from(other.feature), Array.from(tree.feature), `tree ${t} features`);
      assert.deepEqual(Array.from(other.left), Array.from(tree.left));
      assert.deepEqual(Array.from(other.right), Array.from(tree.right));
      assert.deepEqual(Array.from(other.missingGoesLeft), Array.from(tree.missingGoesLeft));
      tree.feature.forEach((f, n) => {
        if (f >= 0) assert.equal(other.threshold[n], tree.threshold[n], `tree ${t} node ${n} threshold`);
        else assert.equal(other.value[n], Math.fround(tree.value[n] ?? 0), `tree ${t} leaf ${n}`);
        assert.ok(
          Math.abs((other.cover[n] ?? 0) - (tree.cover[n] ?? 0)) <= 1e-5 * (tree.cover[n] ?? 1),
          `tree ${t} node ${n} cover`,
        );
      });
    });
    assert.deepEqual(back.calibration, model.calibration);
    assert.equal(back.threshold, model.threshold);
    assert.deepEqual(back.training, model.training);
  });

  it('refits the chosen number of trees on train + validation, keeping the calibration and threshold', () => {
    const runs = syntheticRuns(12, 800);
    const refit = trainFailureModel(runs, { gbdt: { maxDepth: 3 } });
    const kept = trainFailureModel(runs, { gbdt: { maxDepth: 3 }, refit: false });
    assert.ok(refit.ok && kept.ok);
    assert.equal(refit.value.report.trees.refit, true);
    assert.equal(kept.value.report.trees.refit, false);
    assert.equal(refit.value.model.ensemble.trees.length, kept.value.model.ensemble.trees.length);
    assert.deepEqual(refit.value.model.calibration, kept.value.model.calibration);
    assert.equal(refit.value.model.threshold, kept.value.model.threshold);
    assert.deepEqual(
      refit.value.report.validation,
      kept.value.report.validation,
      'validation reports the model before the refit',
    );
    // The refit trees learned from more rows: their root covers (hessian sums) are larger.
    const rootCover = (m: typeof kept.value.model): number => m.ensemble.trees[0]?.cover[0] ?? 0;
    assert.ok(rootCover(refit.value.model) > rootCover(kept.value.model) * 1.1);
  });

  it('rejects files that are not failure models, naming the file', () => {
    assert.deepEqual(readFailureModelOnnx(new Uint8Array([1, 2, 3]), 'x.onnx'), {
      ok: false,
      error: 'x.onnx: not an ONNX model',
    });
  });
});
