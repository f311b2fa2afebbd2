// Every ONNX split mode with finite, +inf, -inf and NaN thresholds, with and without missing-value tracks, scored by
// onnxruntime as the oracle: the ensemble we read must send each row (ties at the threshold, ±inf, ±max float32, NaN and
// ±0 included) to the leaf onnxruntime sends it to, and writing that ensemble back must give onnxruntime's scores again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import { treeEnsembleFromOnnx } from '../../../server/src/engine/model/onnx/treeEnsembleFromOnnx';
import { SPLIT_MODES } from '../../../server/src/engine/model/onnx/treeSplitModes';
import { writeTreeEnsembleOnnx } from '../../../server/src/engine/model/onnx/writeTreeEnsembleOnnx';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import type { TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';
import { runtimeScores } from '../../support/model/runtimeShapley';
import { buildTreeModel } from '../../support/model/treeModelBuilder';

const T = Math.fround(0.3);
const MAX32 = 3.4028234663852886e38;
const bits = new Float32Array(1);
const stepped = (x: number, by: number): number => {
  bits[0] = x;
  const view = new Int32Array(bits.buffer);
  view[0] = (view[0] ?? 0) + by;
  return bits[0] ?? x;
};
/** Values around every threshold used: the threshold itself, its float32 neighbours, the extremes, NaN and ±0. */
const VALUES = [
  Number.NEGATIVE_INFINITY,
  -MAX32,
  -1,
  -0,
  0,
  stepped(T, -1),
  T,
  stepped(T, 1),
  1,
  MAX32,
  Number.POSITIVE_INFINITY,
  Number.NaN,
];
const THRESHOLDS = [T, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0, MAX32, -MAX32];

/** Two one-split trees on feature 0, without (leaves 1 and 2) and with (10 and 20) a missing-value track. */
function splitModel(mode: string, threshold: number): Uint8Array {
  const tree = (missingTrue: boolean, scale: number) => ({
    feature: 0,
    mode,
    threshold,
    missingTrue,
    whenTrue: { weights: { 0: scale } },
    whenFalse: { weights: { 0: 2 * scale } },
  });
  return buildTreeModel({
    operator: 'TreeEnsembleRegressor',
    featureCount: 1,
    trees: [tree(false, 1), tree(true, 10)],
  });
}

function readEnsemble(bytes: Uint8Array): TreeEnsemble {
  const read = readOnnxModel(bytes);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const trees = treeEnsembleFromOnnx(read.model);
  assert.ok(trees.ok, trees.ok ? '' : trees.error);
  const ensemble = trees.outputs[0]?.ensemble;
  assert.ok(ensemble);
  return ensemble;
}

describe('tree split modes', () => {
  for (const mode of SPLIT_MODES) {
    it(`${mode} with finite, ±inf and NaN thresholds routes every value as onnxruntime does, read and written back`, async () => {
      for (const threshold of THRESHOLDS) {
        const bytes = splitModel(mode, threshold);
        const ensemble = readEnsemble(bytes);
        const rows = VALUES.map((v) => [v]);
        const theirs = await runtimeScores(bytes, 'score', rows);
        const written = await runtimeScores(writeTreeEnsembleOnnx(ensemble), 'margin', rows);
        for (const [r, [x]] of rows.entries()) {
          const ours = predictMargin(ensemble, Float32Array.of(x ?? 0));
          const expected = theirs[r]?.[0];
          assert.equal(ours, expected, `${mode} ${threshold}: x = ${x} gives ${ours}, onnxruntime ${expected}`);
          assert.equal(written[r]?.[0], expected, `${mode} ${threshold}: x = ${x} written back`);
        }
      }
    });
  }

  it('mixes modes in one tree, down to the leaves onnxruntime reaches', async () => {
    // Three levels, every mode on the way, thresholds at the infinities and NaN among finite ones.
    const leaf = (w: number) => ({ weights: { 0: w } });
    const bytes = buildTreeModel({
      operator: 'TreeEnsembleRegressor',
      featureCount: 2,
      trees: [
        {
          feature: 0,
          mode: 'BRANCH_LEQ',
          threshold: Number.POSITIVE_INFINITY,
          whenTrue: {
            feature: 1,
            mode: 'BRANCH_GT',
            threshold: Number.NEGATIVE_INFINITY,
            missingTrue: true,
            whenTrue: { feature: 0, mode: 'BRANCH_NEQ', threshold: Number.NaN, whenTrue: leaf(1), whenFalse: leaf(2) },
            whenFalse: { feature: 0, mode: 'BRANCH_EQ', threshold: T, whenTrue: leaf(4), whenFalse: leaf(8) },
          },
          whenFalse: {
            feature: 1,
            mode: 'BRANCH_GTE',
            threshold: Number.NaN,
            missingTrue: true,
            whenTrue: leaf(16),
            whenFalse: {
              feature: 0,
              mode: 'BRANCH_LT',
              threshold: Number.NEGATIVE_INFINITY,
              whenTrue: leaf(32),
              whenFalse: leaf(64),
            },
          },
        },
      ],
    });
    const ensemble = readEnsemble(bytes);
    const rows = VALUES.flatMap((a) => VALUES.map((b) => [a, b]));
    const theirs = await runtimeScores(bytes, 'score', rows);
    for (const [r, row] of rows.entries()) {
      const ours = predictMargin(ensemble, Float32Array.from(row));
      assert.equal(ours, theirs[r]?.[0], `row [${row.join(', ')}]`);
    }
  });
});
