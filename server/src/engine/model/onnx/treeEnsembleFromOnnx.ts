// Reads the tree operator of an ONNX model (ai.onnx.ml TreeEnsembleRegressor, or a binary TreeEnsembleClassifier as
// skl2onnx and onnxmltools write them, with or without ZipMap) into a TreeEnsemble whose margin is the positive class's
// score before the post transform, following onnxruntime's tree_ensemble_aggregator semantics. ONNX stores no node
// covers, so cover is NaN: explain such ensembles with interventional TreeSHAP.
import type { Tree, TreeEnsemble } from '../treeEnsemble';
import { attributeOf, textOf, type OnnxModel, type OnnxNode } from './onnxModel';

export type TreeEnsembleFromOnnx =
  | { readonly ok: true; readonly ensemble: TreeEnsemble; readonly operator: string; readonly node: OnnxNode }
  | { readonly ok: false; readonly error: string };

const nextFloat32Up = (t: number): number => {
  const buffer = new Float32Array([t]);
  const bits = new Int32Array(buffer.buffer);
  bits[0] = (bits[0] ?? 0) + (t > 0 ? 1 : t < 0 ? -1 : 0);
  return t === 0 ? 2 ** -149 : (buffer[0] ?? t);
};

interface RawNode {
  mode: string;
  feature: number;
  threshold: number;
  trueId: number;
  falseId: number;
  missingTrue: boolean;
  weight: number;
}

/** One tree's nodes in compact order from its root, with every split rewritten as `x < threshold goes left`. */
function buildTree(nodes: Map<number, RawNode>, treeId: number): Tree | string {
  const children = new Set<number>();
  for (const n of nodes.values()) if (n.mode !== 'LEAF') children.add(n.trueId).add(n.falseId);
  const roots = [...nodes.keys()].filter((id) => !children.has(id));
  if (roots.length !== 1) return `tree ${treeId} has ${roots.length} roots`;
  const order: number[] = [];
  const index = new Map<number, number>();
  const stack = [roots[0] ?? 0];
  while (stack.length > 0) {
    const id = stack.pop() ?? 0;
    if (index.has(id)) return `tree ${treeId} reaches node ${id} twice`;
    const node = nodes.get(id);
    if (!node) return `tree ${treeId} points to missing node ${id}`;
    index.set(id, order.length);
    order.push(id);
    if (node.mode !== 'LEAF') stack.push(node.falseId, node.trueId);
  }
  const size = order.length;
  const tree = {
    feature: new Int32Array(size).fill(-1),
    threshold: new Float64Array(size),
    left: new Int32Array(size).fill(-1),
    right: new Int32Array(size).fill(-1),
    missingGoesLeft: new Uint8Array(size),
    value: new Float64Array(size),
    cover: new Float64Array(size).fill(Number.NaN),
  };
  for (const [i, id] of order.entries()) {
    const n = nodes.get(id);
    if (!n) continue;
    if (n.mode === 'LEAF') {
      tree.value[i] = n.weight;
      continue;
    }
    const t = index.get(n.trueId) ?? -1;
    const f = index.get(n.falseId) ?? -1;
    tree.feature[i] = n.feature;
    // Inputs are float32 and so are thresholds: x <= t is x < (next float32 above t), and GT/GTE are the negations.
    switch (n.mode) {
      case 'BRANCH_LT':
      case 'BRANCH_LEQ':
        tree.threshold[i] = n.mode === 'BRANCH_LT' ? n.threshold : nextFloat32Up(n.threshold);
        tree.left[i] = t;
        tree.right[i] = f;
        tree.missingGoesLeft[i] = n.missingTrue ? 1 : 0;
        break;
      case 'BRANCH_GTE':
      case 'BRANCH_GT':
        tree.threshold[i] = n.mode === 'BRANCH_GTE' ? n.threshold : nextFloat32Up(n.threshold);
        // NaN compares false, so without a missing track it takes the false branch, which is now the left one.
        tree.left[i] = f;
        tree.right[i] = t;
        tree.missingGoesLeft[i] = n.missingTrue ? 0 : 1;
        break;
      default:
        return `tree ${treeId} uses split mode ${n.mode}; only BRANCH_LT, BRANCH_LEQ, BRANCH_GT and BRANCH_GTE are supported`;
    }
  }
  return tree;
}

function ints(node: OnnxNode, name: string): readonly number[] {
  return attributeOf(node, name)?.ints ?? [];
}

function floats(node: OnnxNode, name: string): readonly number[] {
  return attributeOf(node, name)?.floats ?? [];
}

/** Reads the model's single tree operator. `featureNames` default to the metadata's comma list or f0, f1, ... */
export function treeEnsembleFromOnnx(model: OnnxModel, featureNames?: readonly string[]): TreeEnsembleFromOnnx {
  const treeNodes = (model.graph?.node ?? []).filter(
    (n) =>
      n.domain === 'ai.onnx.ml' && (n.op_type === 'TreeEnsembleRegressor' || n.op_type === 'TreeEnsembleClassifier'),
  );
  const node = treeNodes[0];
  if (!node || treeNodes.length > 1)
    return {
      ok: false,
      error: `expected one TreeEnsembleRegressor or TreeEnsembleClassifier node, found ${treeNodes.length}`,
    };
  const classifier = node.op_type === 'TreeEnsembleClassifier';
  if (
    attributeOf(node, 'nodes_values_as_tensor') ||
    attributeOf(node, 'target_weights_as_tensor') ||
    attributeOf(node, 'class_weights_as_tensor')
  ) {
    return { ok: false, error: 'double-precision tree attributes (*_as_tensor) are not supported' };
  }
  const postTransform = textOf(attributeOf(node, 'post_transform')?.s) || 'NONE';
  const baseValues = floats(node, 'base_values');
  const prefix = classifier ? 'class' : 'target';
  const leafTrees = ints(node, `${prefix}_treeids`);
  const leafNodes = ints(node, `${prefix}_nodeids`);
  const leafIds = ints(node, `${prefix}_ids`);
  const leafWeights = floats(node, `${prefix}_weights`);
  let positive = 0;
  let weightSign: (id: number) => number = () => 1;
  let base = baseValues[0] ?? 0;
  let transform: TreeEnsemble['transform'];
  if (classifier) {
    const labels = Math.max(
      ints(node, 'classlabels_int64s').length,
      attributeOf(node, 'classlabels_strings')?.strings.length ?? 0,
    );
    const ids = new Set(leafIds);
    if (labels !== 2)
      return { ok: false, error: `the classifier has ${labels} classes; only binary classifiers are explained` };
    if (ids.size === 1) {
      // onnxruntime's binary case: one score, for the positive class; base_values[1] when two are given.
      positive = [...ids][0] ?? 0;
      base = baseValues.length === 2 ? (baseValues[1] ?? 0) : (baseValues[0] ?? 0);
      if (postTransform !== 'LOGISTIC' && postTransform !== 'NONE')
        return {
          ok: false,
          error: `post_transform ${postTransform} is not supported for a one-score binary classifier`,
        };
      transform = postTransform === 'LOGISTIC' ? 'logistic' : 'identity';
    } else if (postTransform === 'SOFTMAX') {
      // Two scores through softmax: p1 = sigmoid(score1 - score0), so the margin is their difference.
      positive = 1;
      weightSign = (id) => (id === 1 ? 1 : -1);
      base = (baseValues[1] ?? 0) - (baseValues[0] ?? 0);
      transform = 'logistic';
    } else if (postTransform === 'NONE' || postTransform === 'LOGISTIC') {
      positive = 1;
      weightSign = (id) => (id === 1 ? 1 : 0);
      base = baseValues[1] ?? 0;
      transform = postTransform === 'LOGISTIC' ? 'logistic' : 'identity';
    } else {
      return { ok: false, error: `post_transform ${postTransform} is not supported` };
    }
  } else {
    const targets = attributeOf(node, 'n_targets')?.i ?? 1;
    if (targets !== 1) return { ok: false, error: `the regressor has ${targets} targets; only one is explained` };
    if (postTransform !== 'NONE' && postTransform !== 'LOGISTIC')
      return { ok: false, error: `post_transform ${postTransform} is not supported` };
    transform = postTransform === 'LOGISTIC' ? 'logistic' : 'identity';
    const aggregate = textOf(attributeOf(node, 'aggregate_function')?.s) || 'SUM';
    if (aggregate !== 'SUM' && aggregate !== 'AVERAGE')
      return { ok: false, error: `aggregate_function ${aggregate} is not additive over trees` };
    if (aggregate === 'AVERAGE') {
      const treeCount = new Set(ints(node, 'nodes_treeids')).size;
      weightSign = () => 1 / treeCount;
    }
  }
  const treeIds = ints(node, 'nodes_treeids');
  const nodeIds = ints(node, 'nodes_nodeids');
  const modes = (attributeOf(node, 'nodes_modes')?.strings ?? []).map(textOf);
  const featureIds = ints(node, 'nodes_featureids');
  const values = floats(node, 'nodes_values');
  const trueIds = ints(node, 'nodes_truenodeids');
  const falseIds = ints(node, 'nodes_falsenodeids');
  const missing = ints(node, 'nodes_missing_value_tracks_true');
  const byTree = new Map<number, Map<number, RawNode>>();
  for (let i = 0; i < treeIds.length; i++) {
    const tree = treeIds[i] ?? 0;
    let nodes = byTree.get(tree);
    if (!nodes) byTree.set(tree, (nodes = new Map<number, RawNode>()));
    nodes.set(nodeIds[i] ?? 0, {
      mode: modes[i] ?? 'LEAF',
      feature: featureIds[i] ?? 0,
      threshold: values[i] ?? 0,
      trueId: trueIds[i] ?? 0,
      falseId: falseIds[i] ?? 0,
      missingTrue: (missing[i] ?? 0) === 1,
      weight: 0,
    });
  }
  for (let i = 0; i < leafTrees.length; i++) {
    const id = leafIds[i] ?? 0;
    if (classifier && weightSign(id) === 0 && id !== positive) continue;
    const leaf = byTree.get(leafTrees[i] ?? 0)?.get(leafNodes[i] ?? 0);
    if (!leaf)
      return {
        ok: false,
        error: `a leaf weight points to missing node ${leafNodes[i] ?? '?'} of tree ${leafTrees[i] ?? '?'}`,
      };
    leaf.weight += (leafWeights[i] ?? 0) * weightSign(id);
  }
  const trees: Tree[] = [];
  for (const [treeId, nodes] of [...byTree].sort((a, b) => a[0] - b[0])) {
    const tree = buildTree(nodes, treeId);
    if (typeof tree === 'string') return { ok: false, error: tree };
    trees.push(tree);
  }
  // A regressor whose output goes through a Sigmoid node (our writer, and hand-built churn models) is a logistic model
  // too: its operator output is the margin.
  const sigmoidAfter = (model.graph?.node ?? []).some(
    (n) => n.op_type === 'Sigmoid' && (n.domain ?? '') === '' && n.input[0] === node.output[0],
  );
  if (transform === 'identity' && sigmoidAfter) transform = 'logistic';
  const featureCount = Math.max(0, ...featureIds) + 1;
  const fromMetadata = model.metadata_props.find((p) => p.key === 'feature_names')?.value?.split(',');
  const names =
    featureNames ??
    (fromMetadata && fromMetadata.length >= featureCount
      ? fromMetadata
      : Array.from({ length: featureCount }, (_, i) => `f${i}`));
  return {
    ok: true,
    ensemble: { trees, baseScore: base, transform, featureNames: names },
    operator: node.op_type ?? '',
    node,
  };
}
