// Explanations that never fail silently: every binary classifier configuration onnxruntime scores is either read from
// its trees with base + sum of SHAP values reaching onnxruntime's probability on every row, or explained through
// onnxruntime with the reason; a model onnxruntime reads differently from us fails local accuracy naming the row and
// both values; a multiclass model that is not a tree ensemble is explained per class, exactly or by KernelSHAP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeatureMatrix } from '../../../server/src/engine/model/data/featureMatrix';
import {
  bytesOf,
  decodeOnnxBytes,
  encodeOnnxModel,
  type OnnxTensor,
} from '../../../server/src/engine/model/onnx/onnxModel';
import { OnnxDataType } from '../../../server/src/engine/model/onnx/onnxProto';
import { readOnnxModel } from '../../../server/src/engine/model/onnx/readOnnxModel';
import {
  explainModel,
  type ExplainOptions,
  type ModelExplanation,
} from '../../../server/src/engine/model/shap/explainModel';
import { localAccuracyMessage } from '../../../server/src/engine/model/shap/localAccuracy';
import { EDGE_FEATURES, edgeRegressor, edgeRows } from '../../support/model/edgeTreeModels';
import { runtimeScores, runtimeShapley } from '../../support/model/runtimeShapley';
import { buildTreeModel, type NodeSpec } from '../../support/model/treeModelBuilder';

const matrix = (rows: number[][], columns = EDGE_FEATURES): FeatureMatrix => ({
  columns,
  rowCount: rows.length,
  values: Float32Array.from(rows.flat()),
});

async function explainBytes(
  bytes: Uint8Array,
  rows: number[][],
  background: number[][],
  options: ExplainOptions = {},
  columns = EDGE_FEATURES,
): Promise<ModelExplanation> {
  const read = readOnnxModel(bytes);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const result = await explainModel(read.model, bytes, matrix(rows, columns), matrix(background, columns), options);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.explanation;
}

const sumOf = (e: ModelExplanation, o: number, r: number): number => {
  const output = e.outputs[o];
  const m = e.features.length;
  let sum = output?.base ?? NaN;
  for (let f = 0; f < m; f++) sum += output?.values[r * m + f] ?? NaN;
  return sum;
};

const ROWS = edgeRows(31, 10);
const BACKGROUND = edgeRows(32, 5);

describe('binary tree classifiers, every configuration onnxruntime scores', () => {
  const leaves = (classIds: number[], positive: boolean, seed: number): NodeSpec => {
    const w = (k: number) =>
      Object.fromEntries(
        classIds.map((c) => [c, Math.fround(((positive ? 1 : -1) * ((seed + k + c) % 5)) / 10 + 0.05)]),
      );
    return {
      feature: seed % 4,
      mode: 'BRANCH_LEQ',
      threshold: seed % 2 === 0 ? 0.5 : Number.POSITIVE_INFINITY,
      missingTrue: true,
      whenTrue: {
        feature: (seed + 1) % 4,
        mode: 'BRANCH_GT',
        threshold: 1,
        whenTrue: { weights: w(1) },
        whenFalse: { weights: w(2) },
      },
      whenFalse: { weights: w(3) },
    };
  };
  const configurations: { ids: number[]; base?: number[]; post: string; positive: boolean }[] = [];
  for (const ids of [[0], [1], [0, 1]])
    for (const base of [undefined, [0.3], [0.3, -0.2]])
      for (const post of ['NONE', 'LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO'])
        for (const positive of [true, false]) configurations.push({ ids, ...(base ? { base } : {}), post, positive });

  it(`${configurations.length} configurations: read from the trees and adding up to onnxruntime's probability, or explained through onnxruntime with the reason`, async () => {
    const read: string[] = [];
    for (const c of configurations) {
      const name = `class ids ${c.ids.join('+')}, base ${JSON.stringify(c.base)}, ${c.post}, ${c.positive ? 'weights >= 0' : 'mixed weights'}`;
      const bytes = buildTreeModel({
        operator: 'TreeEnsembleClassifier',
        featureCount: 4,
        trees: [0, 1, 2].map((t) => leaves(c.ids, c.positive || t === 0, t)),
        postTransform: c.post,
        ...(c.base ? { baseValues: c.base } : {}),
        classLabels: [0, 1],
      });
      const e = await explainBytes(bytes, ROWS, BACKGROUND);
      assert.ok(e.localAccuracy.ok, `${name}: ${JSON.stringify(e.localAccuracy.worst)}`);
      const probability = await runtimeScores(bytes, 'probabilities', ROWS);
      for (let r = 0; r < ROWS.length; r++) {
        const sum = sumOf(e, 0, r);
        const linked = e.link === 'logistic' ? 1 / (1 + Math.exp(-sum)) : sum;
        const expected = probability[r]?.[1] ?? NaN;
        assert.ok(Math.abs(linked - expected) < 1e-5, `${name} row ${r}: ${linked} vs onnxruntime ${expected}`);
      }
      if (e.method === 'tree-interventional') read.push(name);
      else assert.match(e.treesNotRead ?? '', /\w/, `${name}: says why the trees were not read`);
    }
    // What converters write is read from the trees: xgboost/LightGBM/HistGradientBoosting (class 0, one base value,
    // LOGISTIC) and random forests (both classes, no post transform).
    assert.ok(read.includes('class ids 0, base [0.3], LOGISTIC, mixed weights'), read.join('\n'));
    assert.ok(read.includes('class ids 0+1, base undefined, NONE, weights >= 0'), read.join('\n'));
    assert.ok(!read.some((n) => n.includes('[0.3,-0.2]') && n.includes('0+1')), 'two base values are not read');
  });
});

describe('local accuracy against onnxruntime', () => {
  it('fails, naming the row and both values, when onnxruntime reads a tree differently (nodes listed leaf first)', async () => {
    // The ONNX spec wants each tree's node ids from 0 at its root; onnxruntime takes the first listed node as the root.
    const spec = { ...edgeRegressor('BRANCH_LEQ', 5), rootLast: true };
    const e = await explainBytes(buildTreeModel(spec), ROWS, BACKGROUND);
    assert.equal(e.method, 'tree-interventional');
    assert.equal(e.localAccuracy.ok, false);
    const worst = e.localAccuracy.worst;
    assert.ok(worst);
    const theirs = await runtimeScores(buildTreeModel(spec), 'score', ROWS);
    assert.equal(worst.onnxruntime, theirs[worst.row]?.[0], 'the runtime value is onnxruntime’s own');
    assert.ok(Math.abs(worst.ours - sumOf(e, 0, worst.row)) < 1e-12, 'ours is base + sum of the SHAP values');
    assert.equal(worst.difference, Math.abs(worst.ours - worst.onnxruntime));
    const message = localAccuracyMessage(e.localAccuracy, ROWS.length, (r) => `row ${r + 1} of rows.csv`);
    assert.match(
      message,
      new RegExp(
        `^the SHAP values do not add up to onnxruntime's output on \\d+ of 10 rows; worst is row ${worst.row + 1} of rows\\.csv: base \\+ sum of SHAP values = -?[\\d.]+, onnxruntime's TreeEnsembleRegressor output = -?[\\d.]+ \\(difference [\\d.]+, more than the [\\d.e-]+ allowed\\)$`,
      ),
    );
  });

  it('explains trees behind another operator through onnxruntime, saying why', async () => {
    // x * 2 before the trees: their splits do not see the model's input, so reading them would explain the wrong function.
    const model = decodeOnnxBytes(buildTreeModel(edgeRegressor('BRANCH_LT', 9)));
    const graph = model.graph;
    assert.ok(graph);
    const two: OnnxTensor = {
      name: 'two',
      dims: [],
      data_type: OnnxDataType.FLOAT,
      float_data: [2],
      int32_data: [],
      int64_data: [],
      double_data: [],
      string_data: [],
    };
    const bytes = encodeOnnxModel({
      ...model,
      graph: {
        ...graph,
        initializer: [two],
        node: [
          { input: ['x', 'two'], output: ['x2'], op_type: 'Mul', domain: '', attribute: [] },
          ...graph.node.map((n) => ({ ...n, input: ['x2'] })),
        ],
      },
    });
    const e = await explainBytes(bytes, ROWS, BACKGROUND);
    assert.equal(e.method, 'exact');
    assert.match(e.treesNotRead ?? '', /does not read the model's input directly/);
    assert.ok(e.localAccuracy.ok);
    const reference = await runtimeShapley(bytes, 'score', ROWS, BACKGROUND);
    const m = EDGE_FEATURES.length;
    reference.shap.forEach((row, r) =>
      row[0]?.forEach((expected, f) => {
        assert.ok(Math.abs((e.outputs[0]?.values[r * m + f] ?? NaN) - expected) < 1e-5, `row ${r} feature ${f}`);
      }),
    );
  });
});

/** softmax(x W + b) over three classes: a model with no trees. */
function softmaxModel(): Uint8Array {
  const tensor = (name: string, dims: number[], values: number[]): OnnxTensor => ({
    name,
    dims,
    data_type: OnnxDataType.FLOAT,
    float_data: values,
    int32_data: [],
    int64_data: [],
    double_data: [],
    string_data: [],
  });
  const info = (name: string, dims: (number | string)[]) => ({
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  });
  return encodeOnnxModel({
    ir_version: 8,
    opset_import: [{ domain: '', version: 17 }],
    graph: {
      name: 'softmax',
      node: [
        { input: ['x', 'w'], output: ['xw'], op_type: 'MatMul', domain: '', attribute: [] },
        { input: ['xw', 'b'], output: ['logits'], op_type: 'Add', domain: '', attribute: [] },
        {
          input: ['logits'],
          output: ['probabilities'],
          op_type: 'Softmax',
          domain: '',
          attribute: [{ name: 'axis', type: 2, i: 1, ints: [], floats: [], strings: [] }],
        },
      ],
      initializer: [
        tensor('w', [4, 3], [0.8, -0.4, 0.1, -0.3, 0.6, 0.2, 0.5, 0.5, -0.9, -0.2, 0.1, 0.7]),
        tensor('b', [3], [0.1, -0.1, 0.05]),
      ],
      input: [info('x', ['N', 4])],
      output: [info('probabilities', ['N', 3])],
      value_info: [],
    },
    metadata_props: [{ key: 'doc', value: bytesOf('softmax').length.toString() }],
  });
}

describe('a multiclass model that is not a tree ensemble', () => {
  const rows = ROWS.map((r) => r.map((v) => (Number.isNaN(v) ? 0.7 : v)));
  const background = BACKGROUND.map((r) => r.map((v) => (Number.isNaN(v) ? -0.3 : v)));

  it('is explained exactly for every class, against enumeration through onnxruntime', async () => {
    const bytes = softmaxModel();
    const e = await explainBytes(bytes, rows, background);
    assert.equal(e.method, 'exact');
    assert.deepEqual(
      e.outputs.map((o) => o.label),
      ['probabilities[:, 0]', 'probabilities[:, 1]', 'probabilities[:, 2]'],
    );
    assert.ok(e.localAccuracy.ok);
    const reference = await runtimeShapley(bytes, 'probabilities', rows, background);
    const m = EDGE_FEATURES.length;
    for (let c = 0; c < 3; c++)
      reference.shap.forEach((row, r) =>
        row[c]?.forEach((expected, f) => {
          assert.ok(
            Math.abs((e.outputs[c]?.values[r * m + f] ?? NaN) - expected) < 1e-6,
            `class ${c} row ${r} feature ${f}`,
          );
        }),
      );
    assert.deepEqual(
      Array.from(e.predictedClass ?? []),
      reference.value.map((p) => p.indexOf(Math.max(...p))),
    );
  });

  it('is explained by KernelSHAP for every class when enumeration is too costly, near the exact values', async () => {
    const bytes = softmaxModel();
    const exact = await explainBytes(bytes, rows, background);
    const kernel = await explainBytes(bytes, rows, background, { maxExactFeatures: 0, kernelSamples: 2000 });
    assert.equal(kernel.method, 'kernel');
    assert.equal(kernel.outputs.length, 3);
    assert.ok(kernel.localAccuracy.ok, 'the efficiency constraint holds per class');
    const m = EDGE_FEATURES.length;
    for (let c = 0; c < 3; c++) {
      const ours = kernel.outputs[c];
      assert.ok(ours?.standardErrors);
      for (let i = 0; i < rows.length * m; i++) {
        const gap = Math.abs((ours.values[i] ?? NaN) - (exact.outputs[c]?.values[i] ?? NaN));
        assert.ok(gap < Math.max(5 * (ours.standardErrors[i] ?? 0), 1e-3), `class ${c} value ${i}: gap ${gap}`);
      }
    }
  });
});
