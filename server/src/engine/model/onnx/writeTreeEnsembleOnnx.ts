// Writes a TreeEnsemble as an ONNX model that onnxruntime scores: one float input `features` [N, F] into an ai.onnx.ml
// (opset 3) TreeEnsembleRegressor giving `margin` [N, 1]; for logistic ensembles a Sigmoid adds `probability` [N, 1].
// Recipe verified against onnxruntime-node 1.30 (shared/guide/ONNX-SHAP.md): ir_version 8, opsets {'': 17, 'ai.onnx.ml': 3}
// (ai.onnx.ml 5 rejects the old tree operators), and every bytes field as Uint8Array.
import { SplitComparison, type Tree, type TreeEnsemble } from '../treeEnsemble';
import { bytesOf, encodeOnnxModel, type OnnxAttribute, type OnnxModel, type OnnxValueInfo } from './onnxModel';
import { OnnxAttributeType, OnnxDataType } from './onnxProto';

export interface WriteOnnxOptions {
  readonly producer?: string;
  /** Stored as the model's metadata_props (feature names, calibration, training facts...). */
  readonly metadata?: Record<string, string>;
}

export const ONNX_INPUT_NAME = 'features';
export const ONNX_MARGIN_OUTPUT = 'margin';
export const ONNX_PROBABILITY_OUTPUT = 'probability';

const attr = {
  int: (name: string, i: number): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.INT,
    i,
    floats: [],
    ints: [],
    strings: [],
  }),
  string: (name: string, s: string): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.STRING,
    s: bytesOf(s),
    floats: [],
    ints: [],
    strings: [],
  }),
  ints: (name: string, ints: number[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.INTS,
    floats: [],
    ints,
    strings: [],
  }),
  floats: (name: string, floats: number[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.FLOATS,
    floats,
    ints: [],
    strings: [],
  }),
  strings: (name: string, values: string[]): OnnxAttribute => ({
    name,
    type: OnnxAttributeType.STRINGS,
    floats: [],
    ints: [],
    strings: values.map(bytesOf),
  }),
};

const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);

/**
 * The smallest float32 at or above `t`. ONNX compares float32 features with float32 thresholds; for every float32 x,
 * `x < t` holds exactly when `x < ceilToFloat32(t)`, so the written model splits float32 inputs just as the float64
 * threshold does (rounding to nearest could round down and move the rows equal to the rounded value).
 */
export function ceilToFloat32(t: number): number {
  const nearest = Math.fround(t);
  if (nearest >= t || Number.isNaN(t)) return nearest;
  if (nearest === 0) return 2 ** -149; // 0 < t below the smallest subnormal
  // One float32 step up: the bit pattern grows with the magnitude, so add one above zero and take one below it.
  F32[0] = nearest;
  F32_BITS[0] = (F32_BITS[0] ?? 0) + (nearest > 0 ? 1 : -1);
  return F32[0];
}

/** The largest float32 at or below `t`: for every float32 x, `x <= t` holds exactly when `x <= floorToFloat32(t)`. */
export function floorToFloat32(t: number): number {
  return -ceilToFloat32(-t);
}

/** The ONNX mode and float32 threshold that split float32 inputs as node n of `tree` splits them. */
function splitOf(tree: Tree, n: number): { mode: string; threshold: number } {
  const t = tree.threshold[n] ?? 0;
  switch (tree.comparison?.[n] ?? SplitComparison.LESS) {
    case SplitComparison.LESS_OR_EQUAL:
      return { mode: 'BRANCH_LEQ', threshold: floorToFloat32(t) };
    case SplitComparison.EQUAL:
      // No float32 input equals a threshold float32 cannot hold: such a split never holds, as x < -inf never does.
      return Math.fround(t) === t
        ? { mode: 'BRANCH_EQ', threshold: t }
        : { mode: 'BRANCH_LT', threshold: Number.NEGATIVE_INFINITY };
    default:
      return { mode: 'BRANCH_LT', threshold: ceilToFloat32(t) };
  }
}

function treeAttributes(trees: readonly Tree[], baseScore: number): OnnxAttribute[] {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    features: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
  };
  const targets = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  trees.forEach((tree, treeId) => {
    for (let n = 0; n < tree.feature.length; n++) {
      const feature = tree.feature[n] ?? -1;
      const leaf = feature < 0;
      nodes.treeIds.push(treeId);
      nodes.nodeIds.push(n);
      nodes.features.push(leaf ? 0 : feature);
      const split = leaf ? { mode: 'LEAF', threshold: 0 } : splitOf(tree, n);
      nodes.modes.push(split.mode);
      nodes.values.push(split.threshold);
      nodes.trueIds.push(leaf ? 0 : (tree.left[n] ?? 0));
      nodes.falseIds.push(leaf ? 0 : (tree.right[n] ?? 0));
      nodes.missingTrue.push(!leaf && tree.missingGoesLeft[n] === 1 ? 1 : 0);
      if (leaf) {
        targets.treeIds.push(treeId);
        targets.nodeIds.push(n);
        targets.ids.push(0);
        targets.weights.push(tree.value[n] ?? 0);
      }
    }
  });
  return [
    attr.ints('nodes_treeids', nodes.treeIds),
    attr.ints('nodes_nodeids', nodes.nodeIds),
    attr.ints('nodes_featureids', nodes.features),
    attr.strings('nodes_modes', nodes.modes),
    attr.floats('nodes_values', nodes.values),
    attr.ints('nodes_truenodeids', nodes.trueIds),
    attr.ints('nodes_falsenodeids', nodes.falseIds),
    attr.ints('nodes_missing_value_tracks_true', nodes.missingTrue),
    attr.ints('target_treeids', targets.treeIds),
    attr.ints('target_nodeids', targets.nodeIds),
    attr.ints('target_ids', targets.ids),
    attr.floats('target_weights', targets.weights),
    attr.int('n_targets', 1),
    attr.string('aggregate_function', 'SUM'),
    attr.string('post_transform', 'NONE'),
    attr.floats('base_values', [baseScore]),
  ];
}

function floatTensorInfo(name: string, dims: readonly (number | string)[]): OnnxValueInfo {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** Serialises the ensemble as ONNX bytes. The ensemble's base score goes into `base_values`. */
export function writeTreeEnsembleOnnx(ensemble: TreeEnsemble, options: WriteOnnxOptions = {}): Uint8Array {
  const features = ensemble.featureNames.length;
  const treeAttrs = treeAttributes(ensemble.trees, ensemble.baseScore);
  const logistic = ensemble.transform === 'logistic';
  const nodes = [
    {
      input: [ONNX_INPUT_NAME],
      output: [ONNX_MARGIN_OUTPUT],
      name: 'trees',
      op_type: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      attribute: treeAttrs,
    },
    ...(logistic
      ? [
          {
            input: [ONNX_MARGIN_OUTPUT],
            output: [ONNX_PROBABILITY_OUTPUT],
            name: 'to_probability',
            op_type: 'Sigmoid',
            domain: '',
            attribute: [],
          },
        ]
      : []),
  ];
  const outputs = [
    floatTensorInfo(ONNX_MARGIN_OUTPUT, ['N', 1]),
    ...(logistic ? [floatTensorInfo(ONNX_PROBABILITY_OUTPUT, ['N', 1])] : []),
  ];
  const model: OnnxModel = {
    ir_version: 8,
    opset_import: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producer_name: options.producer ?? 'preflight',
    producer_version: '1',
    graph: {
      name: 'tree_ensemble',
      node: nodes,
      initializer: [],
      input: [floatTensorInfo(ONNX_INPUT_NAME, ['N', features])],
      output: outputs,
      value_info: [],
    },
    metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  return encodeOnnxModel(model);
}
