// Small ONNX models and MLmodel folders for the fairness gate's tests. Every model reads one input column, `level`
// (0, 1, 2, …), and gives row level k the margin margins[k] through one chain of splits (level < 0.5, level < 1.5, …),
// so a test knows each row's score exactly. The same margins are written the ways real exporters write a binary
// classifier, to check that the gate reads what the score means from the model:
// - margin-regressor: our own writer without a link: a TreeEnsembleRegressor whose only output is `margin` (log-odds);
// - sigmoid-regressor: our own writer with the logistic link: `margin` and a Sigmoid's `probability`;
// - classifier-margin: skl2onnx's shape of a boosted classifier (TreeEnsembleClassifier, post_transform NONE, signed
//   class weights, then ZipMap): the `probabilities` tensor is [0, margin] per row, log-odds despite its name;
// - classifier-logistic: the same with post_transform LOGISTIC: [0.5, sigmoid(margin)], a probability;
// - plain-regressor: a TreeEnsembleRegressor with no transform whose output is skl2onnx's `variable`, which says nothing.
import fs from 'node:fs';
import path from 'node:path';
import {
  bytesOf,
  encodeOnnxModel,
  type OnnxAttribute,
  type OnnxNode,
  type OnnxValueInfo,
} from '../../../server/src/engine/model/onnx/onnxModel';
import { OnnxAttributeType, OnnxDataType } from '../../../server/src/engine/model/onnx/onnxProto';
import { writeTreeEnsembleOnnx } from '../../../server/src/engine/model/onnx/writeTreeEnsembleOnnx';
import type { Tree } from '../../../server/src/engine/model/treeEnsemble';

export type ScoreModelKind =
  'margin-regressor' | 'sigmoid-regressor' | 'classifier-margin' | 'classifier-logistic' | 'plain-regressor';

/** Row level k -> leaf k: a chain of splits `level < k + 0.5`, true to leaf k, false to the next split. */
function chainTree(margins: readonly number[]): Tree {
  const k = margins.length;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  // Node ids: split j at 2j, its leaf at 2j + 1; the last leaf at 2(k − 1).
  for (let j = 0; j < k - 1; j++) {
    feature.push(0, -1);
    threshold.push(j + 0.5, 0);
    left.push(2 * j + 1, -1);
    right.push(2 * j + 2, -1);
    value.push(0, margins[j] ?? 0);
  }
  feature.push(-1);
  threshold.push(0);
  left.push(-1);
  right.push(-1);
  value.push(margins[k - 1] ?? 0);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingGoesLeft: new Uint8Array(feature.length),
    value: Float64Array.from(value),
    cover: Float64Array.from(feature, () => 1),
  };
}

const attr = {
  ints: (name: string, ints: number[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.INTS,
    ints,
    floats: [],
    strings: [],
  }),
  floats: (name: string, floats: number[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.FLOATS,
    floats,
    ints: [],
    strings: [],
  }),
  strings: (name: string, v: string[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.STRINGS,
    strings: v.map(bytesOf),
    ints: [],
    floats: [],
  }),
  string: (name: string, v: string): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.STRING,
    s: bytesOf(v),
    ints: [],
    floats: [],
    strings: [],
  }),
  int: (name: string, i: number): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.INT,
    i,
    ints: [],
    floats: [],
    strings: [],
  }),
};

function tensor(name: string, dims: readonly (number | string)[], elem: number = OnnxDataType.FLOAT): OnnxValueInfo {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elem,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** The split nodes of the chain, as ONNX-ML tree attributes, and the leaves with their margins. */
function chainAttributes(margins: readonly number[]): { nodes: OnnxAttribute[]; leaves: number[] } {
  const tree = chainTree(margins);
  const n = tree.feature.length;
  const ids = Array.from({ length: n }, (_, i) => i);
  const leaf = (i: number): boolean => (tree.feature[i] ?? -1) < 0;
  return {
    nodes: [
      attr.ints(
        'nodes_treeids',
        ids.map(() => 0),
      ),
      attr.ints('nodes_nodeids', ids),
      attr.ints(
        'nodes_featureids',
        ids.map(() => 0),
      ),
      attr.strings(
        'nodes_modes',
        ids.map((i) => (leaf(i) ? 'LEAF' : 'BRANCH_LT')),
      ),
      attr.floats(
        'nodes_values',
        ids.map((i) => (leaf(i) ? 0 : (tree.threshold[i] ?? 0))),
      ),
      attr.ints(
        'nodes_truenodeids',
        ids.map((i) => (leaf(i) ? 0 : (tree.left[i] ?? 0))),
      ),
      attr.ints(
        'nodes_falsenodeids',
        ids.map((i) => (leaf(i) ? 0 : (tree.right[i] ?? 0))),
      ),
    ],
    leaves: ids.filter(leaf),
  };
}

function handBuilt(nodes: OnnxNode[], outputs: OnnxValueInfo[]): Uint8Array {
  return encodeOnnxModel({
    ir_version: 8,
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producer_name: 'fairness-test',
    graph: {
      name: 'g',
      node: nodes,
      initializer: [],
      input: [tensor('level', ['N', 1])],
      output: outputs,
      value_info: [],
    },
    metadata_props: [],
  });
}

export function scoreModel(kind: ScoreModelKind, margins: readonly number[]): Uint8Array {
  if (kind === 'margin-regressor' || kind === 'sigmoid-regressor')
    return writeTreeEnsembleOnnx({
      trees: [chainTree(margins)],
      baseScore: 0,
      transform: kind === 'sigmoid-regressor' ? 'logistic' : 'identity',
      featureNames: ['level'],
    });
  const { nodes, leaves } = chainAttributes(margins);
  const leafValue = (i: number): number => chainTree(margins).value[i] ?? 0;
  if (kind === 'plain-regressor')
    return handBuilt(
      [
        {
          input: ['level'],
          output: ['variable'],
          op_type: 'TreeEnsembleRegressor',
          domain: 'ai.onnx.ml',
          attribute: [
            ...nodes,
            attr.ints(
              'target_treeids',
              leaves.map(() => 0),
            ),
            attr.ints('target_nodeids', leaves),
            attr.ints(
              'target_ids',
              leaves.map(() => 0),
            ),
            attr.floats('target_weights', leaves.map(leafValue)),
            attr.int('n_targets', 1),
            attr.string('post_transform', 'NONE'),
          ],
        },
      ],
      [tensor('variable', ['N', 1])],
    );
  return handBuilt(
    [
      {
        input: ['level'],
        output: ['output_label', 'probabilities'],
        op_type: 'TreeEnsembleClassifier',
        domain: 'ai.onnx.ml',
        attribute: [
          ...nodes,
          attr.ints(
            'class_treeids',
            leaves.map(() => 0),
          ),
          attr.ints('class_nodeids', leaves),
          attr.ints(
            'class_ids',
            leaves.map(() => 1),
          ),
          attr.floats('class_weights', leaves.map(leafValue)),
          attr.ints('classlabels_int64s', [0, 1]),
          attr.string('post_transform', kind === 'classifier-logistic' ? 'LOGISTIC' : 'NONE'),
        ],
      },
      {
        input: ['probabilities'],
        output: ['output_probability'],
        op_type: 'ZipMap',
        domain: 'ai.onnx.ml',
        attribute: [attr.ints('classlabels_int64s', [0, 1])],
      },
    ],
    [
      tensor('output_label', ['N'], OnnxDataType.INT64),
      {
        name: 'output_probability',
        type: {
          sequence_type: {
            elem_type: { map_type: { key_type: OnnxDataType.INT64, value_type: { tensor_type: { elem_type: 1 } } } },
          },
        },
      },
    ],
  );
}

export interface FairnessRow {
  readonly level: number;
  /** The sensitive value; null writes an empty cell. */
  readonly group: number | null;
  readonly outcome: 0 | 1;
}

/**
 * A model folder: model.onnx, data.csv (level, group, outcome) and an MLmodel whose `metadata.preflight` block is
 * `preflight` (YAML lines indented under `preflight:`). Returns the MLmodel's path.
 */
export function writeModelFolder(
  dir: string,
  model: Uint8Array,
  rows: readonly FairnessRow[],
  preflight: readonly string[],
): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.onnx'), model);
  fs.writeFileSync(
    path.join(dir, 'data.csv'),
    ['level,group,outcome', ...rows.map((r) => `${r.level},${r.group ?? ''},${r.outcome}`)].join('\n') + '\n',
  );
  const file = path.join(dir, 'MLmodel');
  fs.writeFileSync(
    file,
    [
      'artifact_path: model',
      'flavors:',
      '  onnx:',
      '    data: model.onnx',
      'metadata:',
      '  feature_names: [level]',
      '  preflight:',
      '    data: data.csv',
      '    label: outcome',
      ...preflight.map((l) => `    ${l}`),
      'mlflow_version: 2.12.2',
      '',
    ].join('\n'),
  );
  return file;
}

/** The 0-based line of the MLmodel `file` whose text starts (after indentation) with `start`. */
export function lineOf(file: string, start: string): number {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.trimStart().startsWith(start));
}
