// Every split mode our reader accepts, with and without missing-value tracks, scored by onnxruntime as the oracle: the
// ensemble we read must send each row (ties at the threshold and NaN included) to the leaf onnxruntime sends it to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesOf, encodeOnnxModel, type OnnxAttribute } from '../../../server/src/engine/model/onnx/onnxModel';
import { OnnxAttributeType, OnnxDataType } from '../../../server/src/engine/model/onnx/onnxProto';
import { createOnnxScorer } from '../../../server/src/engine/model/onnx/onnxSession';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import { treeEnsembleFromOnnx } from '../../../server/src/engine/model/onnx/treeEnsembleFromOnnx';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';

const ints = (name: string, v: number[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.INTS,
  ints: v,
  floats: [],
  strings: [],
});
const floats = (name: string, v: number[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.FLOATS,
  floats: v,
  ints: [],
  strings: [],
});
const strings = (name: string, v: string[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.STRINGS,
  strings: v.map(bytesOf),
  ints: [],
  floats: [],
});
const string = (name: string, v: string): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.STRING,
  s: bytesOf(v),
  ints: [],
  floats: [],
  strings: [],
});

/** One tree per (mode, missing track): a split on feature t % 2 at 0.3 (not a float32: rounding matters) into leaves 1 and 2. */
function model(modes: readonly string[], tracks: readonly number[]): Uint8Array {
  const n = modes.length;
  const per = (f: (t: number) => number[]): number[] => Array.from({ length: n }, (_, t) => f(t)).flat();
  const tensor = (name: string, dims: (number | string)[]) => ({
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  });
  const attribute: OnnxAttribute[] = [
    ints(
      'nodes_treeids',
      per((t) => [t, t, t]),
    ),
    ints(
      'nodes_nodeids',
      per(() => [0, 1, 2]),
    ),
    ints(
      'nodes_featureids',
      per((t) => [t % 2, 0, 0]),
    ),
    floats(
      'nodes_values',
      per(() => [Math.fround(0.3), 0, 0]),
    ),
    strings(
      'nodes_modes',
      modes.flatMap((m) => [m, 'LEAF', 'LEAF']),
    ),
    ints(
      'nodes_truenodeids',
      per(() => [1, 0, 0]),
    ),
    ints(
      'nodes_falsenodeids',
      per(() => [2, 0, 0]),
    ),
    ints(
      'nodes_missing_value_tracks_true',
      per((t) => [tracks[t] ?? 0, 0, 0]),
    ),
    ints(
      'target_treeids',
      per((t) => [t, t]),
    ),
    ints(
      'target_nodeids',
      per(() => [1, 2]),
    ),
    ints(
      'target_ids',
      per(() => [0, 0]),
    ),
    // Leaf weights 10^t and 2·10^t keep each tree's choice readable in the sum.
    floats(
      'target_weights',
      per((t) => [10 ** t, 2 * 10 ** t]),
    ),
    { name: 'n_targets', type: OnnxAttributeType.INT, i: 1, ints: [], floats: [], strings: [] },
    string('aggregate_function', 'SUM'),
    string('post_transform', 'NONE'),
  ];
  return encodeOnnxModel({
    ir_version: 8,
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: 'modes',
      node: [{ input: ['x'], output: ['y'], op_type: 'TreeEnsembleRegressor', domain: 'ai.onnx.ml', attribute }],
      initializer: [],
      input: [tensor('x', ['N', 2])],
      output: [tensor('y', ['N', 1])],
      value_info: [],
    },
    metadata_props: [],
  });
}

describe('tree split modes', () => {
  it('LT, LEQ, GT and GTE, with and without missing tracks, route every row as onnxruntime does', async () => {
    const modes = ['BRANCH_LT', 'BRANCH_LEQ', 'BRANCH_GT', 'BRANCH_GTE'].flatMap((m) => [m, m]);
    const tracks = modes.map((_, i) => i % 2);
    const bytes = model(modes, tracks);
    const read = readOnnxModel(bytes);
    assert.ok(read.ok, read.ok ? '' : read.error);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.ok(trees.ok, trees.ok ? '' : trees.error);
    const t = Math.fround(0.3);
    const below = new Float32Array([t]);
    new Int32Array(below.buffer)[0] = (new Int32Array(below.buffer)[0] ?? 0) - 1;
    const values = [t, below[0] ?? 0, Math.fround(0.30000004), Number.NaN, -1, 1, 0.3];
    const rows = Float32Array.from(values.flatMap((a) => values.map((b) => [a, b])).flat());
    const count = rows.length / 2;
    const scorer = await createOnnxScorer(bytes);
    try {
      const out = (await scorer.run(rows, count))['y'] ?? new Float32Array(0);
      for (let r = 0; r < count; r++) {
        const ours = predictMargin(trees.ensemble, rows.subarray(r * 2, r * 2 + 2));
        assert.ok(
          Math.abs(ours - (out[r] ?? Number.NaN)) <= 1e-7 * Math.abs(ours),
          `row [${rows[r * 2]}, ${rows[r * 2 + 1]}]: ours ${ours}, onnxruntime ${out[r]}`,
        );
      }
    } finally {
      await scorer.dispose();
    }
  });

  it('refuses BRANCH_EQ with the modes it supports', () => {
    const read = readOnnxModel(model(['BRANCH_EQ'], [0]));
    assert.ok(read.ok);
    const trees = treeEnsembleFromOnnx(read.model);
    assert.match(trees.ok ? '' : trees.error, /BRANCH_EQ; only BRANCH_LT, BRANCH_LEQ, BRANCH_GT and BRANCH_GTE/);
  });
});
