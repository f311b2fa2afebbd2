// Scoring a TreeEnsemble in JS, with the split rule of treeEnsemble.ts (goesLeft), so SHAP, tests and the trainer agree
// with onnxruntime on which leaf a row reaches.
import { goesLeft, type Tree, type TreeEnsemble } from './treeEnsemble';

/** Index of the leaf `row` reaches in `tree`. */
export function leafOf(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const feature = tree.feature[node] ?? -1;
    if (feature < 0) return node;
    const x = row[feature] ?? Number.NaN;
    const left = goesLeft(x, tree.threshold[node] ?? 0, tree.comparison?.[node] ?? 0, tree.missingGoesLeft[node] === 1);
    node = (left ? tree.left[node] : tree.right[node]) ?? -1;
  }
}

/** The ensemble's margin (sum of leaf values plus the base score) for one row. */
export function predictMargin(ensemble: TreeEnsemble, row: ArrayLike<number>): number {
  let sum = ensemble.baseScore;
  for (const tree of ensemble.trees) sum += tree.value[leafOf(tree, row)] ?? 0;
  return sum;
}

/** Margin to model output: the identity, or the logistic function for binary classifiers. */
export function outputOfMargin(ensemble: TreeEnsemble, margin: number): number {
  return ensemble.transform === 'logistic' ? 1 / (1 + Math.exp(-margin)) : margin;
}
