// Reads the tree operator of an ONNX model (ai.onnx.ml TreeEnsembleRegressor or TreeEnsembleClassifier, as skl2onnx and
// onnxmltools write them, with or without ZipMap) into one TreeEnsemble per explained output: the regressor's target,
// a binary classifier's positive class, or every class of a multiclass one. Splits follow onnxruntime in every mode,
// infinite and NaN thresholds included (treeSplitModes.ts); how leaf weights and base values become each output's margin
// follows onnxruntime's aggregation (treeOperatorOutputs.ts). ONNX stores no node covers, so cover is NaN: explain such
// ensembles with interventional TreeSHAP.
import type { Tree, TreeEnsemble } from '../treeEnsemble';
import { attributeOf, textOf, type OnnxModel, type OnnxNode } from './onnxModel';
import { operatorOutputs, type OutputLink, type OutputSpec, type RawScoreColumn } from './treeOperatorOutputs';
import { isSplitMode, readSplit } from './treeSplitModes';

export interface TreeOutput {
  /** The class label (classifiers) or the regressor's output name. */
  readonly label: string;
  readonly ensemble: TreeEnsemble;
}

export interface TreeOperatorReading {
  readonly operator: 'TreeEnsembleRegressor' | 'TreeEnsembleClassifier';
  readonly node: OnnxNode;
  /** One per explained output, in class order for a multiclass classifier. */
  readonly outputs: readonly TreeOutput[];
  /** How the outputs' margins become the operator's output (a Sigmoid node after a regressor counts as logistic). */
  readonly link: OutputLink;
  /** Where each output's margin is in the operator's scores with post_transform NONE (see treeOperatorProbe.ts). */
  readonly rawScores: { readonly width: number; readonly columns: readonly RawScoreColumn[] };
  /** Every tree of the operator (the outputs hold only those with weights for them), for the model's summary. */
  readonly structure: readonly Pick<Tree, 'feature' | 'left' | 'right'>[];
}

export type TreeEnsembleFromOnnx =
  ({ readonly ok: true } & TreeOperatorReading) | { readonly ok: false; readonly error: string };

interface RawNode {
  readonly mode: string;
  readonly feature: number;
  readonly threshold: number;
  readonly trueId: number;
  readonly falseId: number;
  readonly missingTrue: boolean;
  /** Leaf weight per class (or target) id. */
  readonly weights: Map<number, number>;
}

/** A tree's splits in compact order from its root, and per node its leaf weights (empty for splits). */
interface TreeShape {
  readonly tree: Omit<Tree, 'value'>;
  readonly weights: readonly Map<number, number>[];
}

function buildTree(nodes: Map<number, RawNode>, treeId: number): TreeShape | string {
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
    comparison: new Uint8Array(size),
    cover: new Float64Array(size).fill(Number.NaN),
  };
  const weights: Map<number, number>[] = [];
  for (const [i, id] of order.entries()) {
    const n = nodes.get(id);
    weights.push(n?.mode === 'LEAF' ? n.weights : new Map<number, number>());
    if (!n || n.mode === 'LEAF') continue;
    if (!isSplitMode(n.mode)) return `tree ${treeId} uses split mode ${n.mode}`;
    const split = readSplit(n.mode, n.threshold, n.missingTrue);
    const t = index.get(n.trueId) ?? -1;
    const f = index.get(n.falseId) ?? -1;
    tree.feature[i] = n.feature;
    tree.threshold[i] = split.threshold;
    tree.comparison[i] = split.comparison;
    tree.left[i] = split.trueChildLeft ? t : f;
    tree.right[i] = split.trueChildLeft ? f : t;
    tree.missingGoesLeft[i] = split.missingGoesLeft ? 1 : 0;
  }
  return { tree, weights };
}

function ints(node: OnnxNode, name: string): readonly number[] {
  return attributeOf(node, name)?.ints ?? [];
}

function floats(node: OnnxNode, name: string): readonly number[] {
  return attributeOf(node, name)?.floats ?? [];
}

/** The trees of one output: shared split arrays, leaf values from that output's combination of class weights. Trees
 * with no weight for the output's classes (another class's trees in a multiclass booster) are left out. */
function outputTrees(shapes: readonly TreeShape[], spec: OutputSpec): Tree[] {
  return shapes
    .filter(({ weights }) => weights.some((w) => spec.terms.some((term) => w.has(term.classId))))
    .map(({ tree, weights }) => ({
      ...tree,
      value: Float64Array.from(weights, (w) =>
        spec.terms.reduce((sum, term) => sum + term.coefficient * (w.get(term.classId) ?? 0), 0),
      ),
    }));
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
    attributeOf(node, 'class_weights_as_tensor') ||
    attributeOf(node, 'base_values_as_tensor')
  ) {
    return { ok: false, error: 'double-precision tree attributes (*_as_tensor) are not supported' };
  }
  const prefix = classifier ? 'class' : 'target';
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
      weights: new Map(),
    });
  }
  const leafTrees = ints(node, `${prefix}_treeids`);
  const leafNodes = ints(node, `${prefix}_nodeids`);
  const leafIds = ints(node, `${prefix}_ids`);
  const leafWeights = floats(node, `${prefix}_weights`);
  for (let i = 0; i < leafTrees.length; i++) {
    const leaf = byTree.get(leafTrees[i] ?? 0)?.get(leafNodes[i] ?? 0);
    if (!leaf)
      return {
        ok: false,
        error: `a leaf weight points to missing node ${leafNodes[i] ?? '?'} of tree ${leafTrees[i] ?? '?'}`,
      };
    // onnxruntime ignores weights on split nodes (old onnxmltools wrote some) and adds repeated ones.
    const id = leafIds[i] ?? 0;
    if (leaf.mode === 'LEAF') leaf.weights.set(id, (leaf.weights.get(id) ?? 0) + (leafWeights[i] ?? 0));
  }
  const shapes: TreeShape[] = [];
  for (const [treeId, nodes] of [...byTree].sort((a, b) => a[0] - b[0])) {
    const shape = buildTree(nodes, treeId);
    if (typeof shape === 'string') return { ok: false, error: shape };
    shapes.push(shape);
  }
  const labelStrings = (attributeOf(node, 'classlabels_strings')?.strings ?? []).map(textOf);
  const labels = labelStrings.length > 0 ? labelStrings : ints(node, 'classlabels_int64s').map(String);
  const read = operatorOutputs({
    classifier,
    postTransform: textOf(attributeOf(node, 'post_transform')?.s) || 'NONE',
    baseValues: floats(node, 'base_values'),
    labels,
    classIds: new Set(leafIds),
    alwaysScored: (id) =>
      shapes.some(({ tree, weights }) => weights.every((w, n) => (tree.feature[n] ?? -1) >= 0 || w.has(id))),
    targets: attributeOf(node, 'n_targets')?.i ?? 1,
    aggregate: textOf(attributeOf(node, 'aggregate_function')?.s) || 'SUM',
    treeCount: shapes.length,
    outputName: node.output[0] ?? 'output',
  });
  if ('refused' in read) return { ok: false, error: read.refused };
  // A regressor whose output goes through a Sigmoid node (our writer, and hand-built churn models) is a logistic model
  // too: its operator output is the margin.
  const sigmoidAfter = (model.graph?.node ?? []).some(
    (n) => n.op_type === 'Sigmoid' && (n.domain ?? '') === '' && n.input[0] === node.output[0],
  );
  const link = !classifier && sigmoidAfter ? 'logistic' : read.link;
  const featureCount = Math.max(0, ...featureIds) + 1;
  const fromMetadata = model.metadata_props.find((p) => p.key === 'feature_names')?.value?.split(',');
  const names =
    featureNames ??
    (fromMetadata && fromMetadata.length >= featureCount
      ? fromMetadata
      : Array.from({ length: featureCount }, (_, i) => `f${i}`));
  return {
    ok: true,
    operator: classifier ? 'TreeEnsembleClassifier' : 'TreeEnsembleRegressor',
    node,
    outputs: read.outputs.map((spec) => ({
      label: spec.label,
      ensemble: {
        trees: outputTrees(shapes, spec),
        baseScore: spec.base,
        transform: link === 'logistic' ? 'logistic' : 'identity',
        featureNames: names,
      },
    })),
    link,
    rawScores: { width: read.rawWidth, columns: read.outputs.map((spec) => spec.raw) },
    structure: shapes.map((shape) => shape.tree),
  };
}
