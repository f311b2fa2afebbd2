// Scores a TreeEnsemble in JavaScript with ONNX's semantics (float32 input, BRANCH_LT, NaN follows missingGoesLeft), so
// training, explanations and the ONNX graph agree. Used in training and when onnxruntime is not wanted.
import type { Tree, TreeEnsemble } from '../treeEnsemble';

export function leafOf(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] ?? -1) >= 0) {
    const x = row[tree.feature[node] ?? 0] ?? Number.NaN;
    const left = Number.isNaN(x) ? tree.missingGoesLeft[node] === 1 : Math.fround(x) < (tree.threshold[node] ?? 0);
    node = (left ? tree.left[node] : tree.right[node]) ?? 0;
  }
  return node;
}

export function marginOf(ensemble: TreeEnsemble, row: ArrayLike<number>): number {
  let sum = ensemble.baseScore;
  for (const tree of ensemble.trees) sum += tree.value[leafOf(tree, row)] ?? 0;
  return sum;
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Margins for `rowCount` row-major rows of `featureCount` values. */
export function marginsOf(ensemble: TreeEnsemble, values: Float64Array, rowCount: number, featureCount: number): Float64Array {
  const out = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) out[i] = marginOf(ensemble, values.subarray(i * featureCount, (i + 1) * featureCount));
  return out;
}
