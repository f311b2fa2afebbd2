// ONNX tree models written from a nested description, for fixtures that converters rarely produce on purpose: every
// split mode, infinite and NaN thresholds, missing-value tracks, classifiers with several classes, base values and
// post transforms. Nodes are numbered in pre-order from each tree's root (onnxruntime takes a tree's first listed node
// as its root), unless `rootLast` lists them the other way round.
import {
  bytesOf,
  encodeOnnxModel,
  type OnnxAttribute,
  type OnnxNode,
} from '../../../server/src/engine/model/onnx/onnxModel';
import { OnnxAttributeType, OnnxDataType } from '../../../server/src/engine/model/onnx/onnxProto';

export interface SplitSpec {
  readonly feature: number;
  readonly mode: string;
  readonly threshold: number;
  readonly missingTrue?: boolean;
  readonly whenTrue: NodeSpec;
  readonly whenFalse: NodeSpec;
}

/** A leaf's weight per class (classifier) or target id (regressor). */
export interface LeafSpec {
  readonly weights: Readonly<Record<number, number>>;
}

export type NodeSpec = SplitSpec | LeafSpec;

export interface TreeModelSpec {
  readonly operator: 'TreeEnsembleRegressor' | 'TreeEnsembleClassifier';
  readonly featureCount: number;
  readonly trees: readonly NodeSpec[];
  readonly postTransform?: string;
  readonly baseValues?: readonly number[];
  readonly aggregate?: string;
  /** Classifiers: int64 labels, or string labels. */
  readonly classLabels?: readonly number[] | readonly string[];
  readonly featureNames?: readonly string[];
  /** Classifiers: a ZipMap after the probabilities, as skl2onnx and onnxmltools write by default. */
  readonly zipMap?: boolean;
  /** Regressors: a Sigmoid node after the operator, its output named `probability`. */
  readonly sigmoid?: boolean;
  /** List each tree's nodes from its last to its root (onnxruntime then starts each tree at a leaf). */
  readonly rootLast?: boolean;
}

const ints = (name: string, v: readonly number[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.INTS,
  ints: [...v],
  floats: [],
  strings: [],
});
const floats = (name: string, v: readonly number[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.FLOATS,
  floats: [...v],
  ints: [],
  strings: [],
});
const strings = (name: string, v: readonly string[]): OnnxAttribute => ({
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
const int = (name: string, i: number): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.INT,
  i,
  ints: [],
  floats: [],
  strings: [],
});

function isSplit(node: NodeSpec): node is SplitSpec {
  return 'mode' in node;
}

interface Columns {
  treeIds: number[];
  nodeIds: number[];
  features: number[];
  modes: string[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  missing: number[];
  leafTrees: number[];
  leafNodes: number[];
  leafIds: number[];
  leafWeights: number[];
}

function addTree(columns: Columns, root: NodeSpec, treeId: number, rootLast: boolean): void {
  const nodes: { id: number; node: NodeSpec; trueId: number; falseId: number }[] = [];
  const visit = (node: NodeSpec): number => {
    const id = nodes.length;
    const entry = { id, node, trueId: 0, falseId: 0 };
    nodes.push(entry);
    if (isSplit(node)) {
      entry.trueId = visit(node.whenTrue);
      entry.falseId = visit(node.whenFalse);
    }
    return id;
  };
  visit(root);
  for (const { id, node, trueId, falseId } of rootLast ? [...nodes].reverse() : nodes) {
    columns.treeIds.push(treeId);
    columns.nodeIds.push(id);
    columns.features.push(isSplit(node) ? node.feature : 0);
    columns.modes.push(isSplit(node) ? node.mode : 'LEAF');
    columns.values.push(isSplit(node) ? node.threshold : 0);
    columns.trueIds.push(trueId);
    columns.falseIds.push(falseId);
    columns.missing.push(isSplit(node) && node.missingTrue === true ? 1 : 0);
    if (isSplit(node)) continue;
    for (const [classId, weight] of Object.entries(node.weights)) {
      columns.leafTrees.push(treeId);
      columns.leafNodes.push(id);
      columns.leafIds.push(Number(classId));
      columns.leafWeights.push(weight);
    }
  }
}

const tensorInfo = (name: string, dims: readonly (number | string)[], type: number = OnnxDataType.FLOAT) => ({
  name,
  type: {
    tensor_type: {
      elem_type: type,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
    },
  },
});

export function buildTreeModel(spec: TreeModelSpec): Uint8Array {
  const columns: Columns = {
    treeIds: [],
    nodeIds: [],
    features: [],
    modes: [],
    values: [],
    trueIds: [],
    falseIds: [],
    missing: [],
    leafTrees: [],
    leafNodes: [],
    leafIds: [],
    leafWeights: [],
  };
  spec.trees.forEach((tree, t) => {
    addTree(columns, tree, t, spec.rootLast === true);
  });
  const classifier = spec.operator === 'TreeEnsembleClassifier';
  const prefix = classifier ? 'class' : 'target';
  const labels = spec.classLabels ?? [0, 1];
  const stringLabels = labels.some((l) => typeof l === 'string');
  const attribute: OnnxAttribute[] = [
    ints('nodes_treeids', columns.treeIds),
    ints('nodes_nodeids', columns.nodeIds),
    ints('nodes_featureids', columns.features),
    strings('nodes_modes', columns.modes),
    floats('nodes_values', columns.values),
    ints('nodes_truenodeids', columns.trueIds),
    ints('nodes_falsenodeids', columns.falseIds),
    ints('nodes_missing_value_tracks_true', columns.missing),
    ints(`${prefix}_treeids`, columns.leafTrees),
    ints(`${prefix}_nodeids`, columns.leafNodes),
    ints(`${prefix}_ids`, columns.leafIds),
    floats(`${prefix}_weights`, columns.leafWeights),
    string('post_transform', spec.postTransform ?? 'NONE'),
    ...(spec.baseValues ? [floats('base_values', spec.baseValues)] : []),
    ...(classifier
      ? [
          stringLabels
            ? strings('classlabels_strings', labels.map(String))
            : ints('classlabels_int64s', labels as readonly number[]),
        ]
      : [int('n_targets', 1), string('aggregate_function', spec.aggregate ?? 'SUM')]),
  ];
  const x = tensorInfo('x', ['N', spec.featureCount]);
  const nodes: OnnxNode[] = [];
  let outputs;
  if (classifier) {
    nodes.push({
      input: ['x'],
      output: ['label', 'probabilities'],
      op_type: 'TreeEnsembleClassifier',
      domain: 'ai.onnx.ml',
      attribute,
    });
    const labelInfo = tensorInfo('label', ['N'], stringLabels ? OnnxDataType.STRING : OnnxDataType.INT64);
    if (spec.zipMap) {
      nodes.push({
        input: ['probabilities'],
        output: ['output_probability'],
        op_type: 'ZipMap',
        domain: 'ai.onnx.ml',
        attribute: [
          stringLabels
            ? strings('classlabels_strings', labels.map(String))
            : ints('classlabels_int64s', labels as readonly number[]),
        ],
      });
      const keyType = stringLabels ? OnnxDataType.STRING : OnnxDataType.INT64;
      outputs = [
        labelInfo,
        {
          name: 'output_probability',
          type: {
            sequence_type: {
              elem_type: {
                map_type: { key_type: keyType, value_type: { tensor_type: { elem_type: OnnxDataType.FLOAT } } },
              },
            },
          },
        },
      ];
    } else {
      outputs = [labelInfo, tensorInfo('probabilities', ['N', labels.length])];
    }
  } else {
    nodes.push({ input: ['x'], output: ['score'], op_type: 'TreeEnsembleRegressor', domain: 'ai.onnx.ml', attribute });
    outputs = [tensorInfo('score', ['N', 1])];
    if (spec.sigmoid) {
      nodes.push({ input: ['score'], output: ['probability'], op_type: 'Sigmoid', domain: '', attribute: [] });
      outputs.push(tensorInfo('probability', ['N', 1]));
    }
  }
  return encodeOnnxModel({
    ir_version: 8,
    producer_name: 'treeModelBuilder',
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: { name: 'trees', node: nodes, initializer: [], input: [x], output: outputs, value_info: [] },
    metadata_props: spec.featureNames ? [{ key: 'feature_names', value: spec.featureNames.join(',') }] : [],
  });
}
