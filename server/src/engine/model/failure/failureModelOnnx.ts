// Writing a FailureModel as ONNX and reading it back: the trees come from the graph's TreeEnsembleRegressor (what
// onnxruntime scores, so explanations describe exactly the scored model), everything else from metadata_props.
import { attributeOf, decodeOnnxBytes, type OnnxAttribute, type OnnxModel, textOf } from '../onnx/onnxModel';
import { writeTreeEnsembleOnnx } from '../onnx/writeTreeEnsembleOnnx';
import type { LoadResult } from '../runs/runRecord';
import type { Tree } from '../treeEnsemble';
import { type FailureModel, type FailureModelMetadata, FAILURE_MODEL_KIND, METADATA_KIND_KEY, METADATA_MODEL_KEY, metadataOf } from './failureModel';
import { FEATURE_NAMES } from './featureSpecs';

export function writeFailureModelOnnx(model: FailureModel): Uint8Array {
  return writeTreeEnsembleOnnx(model.ensemble, { producer: 'preflight', metadata: metadataOf(model) });
}

export function readFailureModelOnnx(bytes: Uint8Array, file: string): LoadResult<FailureModel> {
  let onnx: OnnxModel;
  try {
    onnx = decodeOnnxBytes(bytes);
  } catch {
    return { ok: false, error: `${file}: not an ONNX model` };
  }
  const meta = new Map(onnx.metadata_props.map((p) => [p.key ?? '', p.value ?? '']));
  if (meta.get(METADATA_KIND_KEY) !== FAILURE_MODEL_KIND) {
    return { ok: false, error: `${file}: not a Preflight failure-risk model (train one with 'preflight train')` };
  }
  let m: FailureModelMetadata;
  try {
    m = JSON.parse(meta.get(METADATA_MODEL_KEY) ?? '') as FailureModelMetadata;
  } catch {
    return { ok: false, error: `${file}: the model's metadata is damaged (retrain with 'preflight train')` };
  }
  if (m.featureNames.join(',') !== FEATURE_NAMES.join(',')) {
    return { ok: false, error: `${file}: the model was trained on other features than this version computes (retrain with 'preflight train')` };
  }
  const node = onnx.graph?.node.find((n) => n.op_type === 'TreeEnsembleRegressor');
  if (!node) return { ok: false, error: `${file}: no TreeEnsembleRegressor in the graph` };
  const trees = treesOf(node.attribute, m.covers);
  if (typeof trees === 'string') return { ok: false, error: `${file}: ${trees}` };
  const base = attributeOf(node, 'base_values')?.floats[0] ?? 0;
  return {
    ok: true,
    value: {
      ensemble: { trees, baseScore: base, transform: 'logistic', featureNames: m.featureNames },
      calibration: m.calibration,
      threshold: m.threshold,
      drift: m.drift,
      training: m.training,
    },
  };
}

function treesOf(attributes: readonly OnnxAttribute[], covers: readonly (readonly number[])[]): Tree[] | string {
  const get = (name: string): readonly number[] => attributes.find((a) => a.name === name)?.ints ?? [];
  const getF = (name: string): readonly number[] => attributes.find((a) => a.name === name)?.floats ?? [];
  const treeIds = get('nodes_treeids');
  const nodeIds = get('nodes_nodeids');
  const features = get('nodes_featureids');
  const modes = (attributes.find((a) => a.name === 'nodes_modes')?.strings ?? []).map(textOf);
  const thresholds = getF('nodes_values');
  const trueIds = get('nodes_truenodeids');
  const falseIds = get('nodes_falsenodeids');
  const missing = get('nodes_missing_value_tracks_true');
  const trees: Tree[] = covers.map((c) => ({
    feature: new Int32Array(c.length).fill(-1),
    threshold: new Float64Array(c.length),
    left: new Int32Array(c.length).fill(-1),
    right: new Int32Array(c.length).fill(-1),
    missingGoesLeft: new Uint8Array(c.length),
    value: new Float64Array(c.length),
    cover: Float64Array.from(c),
  }));
  for (let k = 0; k < treeIds.length; k++) {
    const tree = trees[treeIds[k] ?? -1];
    const n = nodeIds[k] ?? -1;
    if (!tree || n < 0 || n >= tree.feature.length) return `tree node ${treeIds[k]}/${n} has no cover in the metadata (the file was not written by Preflight's trainer)`;
    if (modes[k] === 'LEAF') continue;
    if (modes[k] !== 'BRANCH_LT') return `node mode ${modes[k]} is not the BRANCH_LT Preflight writes`;
    tree.feature[n] = features[k] ?? 0;
    tree.threshold[n] = thresholds[k] ?? 0;
    tree.left[n] = trueIds[k] ?? 0;
    tree.right[n] = falseIds[k] ?? 0;
    tree.missingGoesLeft[n] = missing[k] === 1 ? 1 : 0;
  }
  const targetTrees = get('target_treeids');
  const targetNodes = get('target_nodeids');
  const weights = getF('target_weights');
  for (let k = 0; k < targetTrees.length; k++) {
    const tree = trees[targetTrees[k] ?? -1];
    const n = targetNodes[k] ?? -1;
    if (tree && n >= 0 && n < tree.value.length) tree.value[n] = (tree.value[n] ?? 0) + (weights[k] ?? 0);
  }
  for (const tree of trees) restoreInternalCovers(tree, 0);
  return trees;
}

/** Internal covers as the sum of their children's: covers are stored rounded, and TreeSHAP's local accuracy needs every
 * node's children to split its cover exactly. Leaves keep their stored cover. */
function restoreInternalCovers(tree: Tree, node: number): number {
  if ((tree.feature[node] ?? -1) < 0) return tree.cover[node] ?? 0;
  const total = restoreInternalCovers(tree, tree.left[node] ?? 0) + restoreInternalCovers(tree, tree.right[node] ?? 0);
  tree.cover[node] = total;
  return total;
}
