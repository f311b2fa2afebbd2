// The ensemble re-laid for interventional TreeSHAP: every tree's nodes in preorder in one set of typed arrays, each
// split tagged with the bit its feature has among the distinct features on the root path to it (first occurrence
// order, as the leaf masks of interventionalTreeShap.ts number them). One forward pass over the nodes then gives, for a
// row, the mask of path features whose splits the row satisfies at every leaf: a parent's index is below its
// children's, so masks flow from the root down and each node is touched once per row.
import { goesLeft, type TreeEnsemble } from '../treeEnsemble';

export interface LeafPathLayout {
  readonly nodeCount: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoesLeft: Uint8Array;
  readonly comparison: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** ~(1 << bit) of the split's feature: ANDed into the mask of the child the row does not take. */
  readonly clearBit: Int32Array;
  readonly isRoot: Uint8Array;
  readonly leafCount: number;
  readonly leafNode: Int32Array;
  readonly leafValue: Float64Array;
  /** Distinct path features of leaf l: featOfBit[featStart[l] + k] has bit k. */
  readonly featStart: Int32Array;
  readonly featOfBit: Int32Array;
}

export function layoutLeafPaths(ensemble: TreeEnsemble): LeafPathLayout {
  const total = ensemble.trees.reduce((n, t) => n + t.feature.length, 0);
  const feature = new Int32Array(total).fill(-1);
  const threshold = new Float64Array(total);
  const missingGoesLeft = new Uint8Array(total);
  const comparison = new Uint8Array(total);
  const left = new Int32Array(total).fill(-1);
  const right = new Int32Array(total).fill(-1);
  const clearBit = new Int32Array(total).fill(-1);
  const isRoot = new Uint8Array(total);
  const leafNode: number[] = [];
  const leafValue: number[] = [];
  const featStart: number[] = [0];
  const featOfBit: number[] = [];
  let next = 0;
  for (const tree of ensemble.trees) {
    isRoot[next] = 1;
    const pathFeatures: number[] = [];
    const visit = (node: number): number => {
      const id = next++;
      const f = tree.feature[node] ?? -1;
      if (f < 0) {
        leafNode.push(id);
        leafValue.push(tree.value[node] ?? 0);
        featOfBit.push(...pathFeatures);
        featStart.push(featOfBit.length);
        return id;
      }
      feature[id] = f;
      threshold[id] = tree.threshold[node] ?? 0;
      missingGoesLeft[id] = tree.missingGoesLeft[node] ?? 0;
      comparison[id] = tree.comparison?.[node] ?? 0;
      let bit = pathFeatures.indexOf(f);
      const added = bit < 0;
      if (added) bit = pathFeatures.push(f) - 1;
      clearBit[id] = ~(1 << bit);
      left[id] = visit(tree.left[node] ?? 0);
      right[id] = visit(tree.right[node] ?? 0);
      if (added) pathFeatures.pop();
      return id;
    };
    visit(0);
  }
  return {
    nodeCount: total,
    feature,
    threshold,
    missingGoesLeft,
    comparison,
    left,
    right,
    clearBit,
    isRoot,
    leafCount: leafNode.length,
    leafNode: Int32Array.from(leafNode),
    leafValue: Float64Array.from(leafValue),
    featStart: Int32Array.from(featStart),
    featOfBit: Int32Array.from(featOfBit),
  };
}

/** Fills mask[node] for every node: bits of the path features whose splits `row` satisfies on the way there (all ones at
 * roots; a leaf's mask is meaningful in its low d bits). */
export function pathMasksInto(layout: LeafPathLayout, row: ArrayLike<number>, mask: Int32Array): void {
  const { feature, threshold, missingGoesLeft, comparison, left, right, clearBit, isRoot } = layout;
  for (let n = 0; n < layout.nodeCount; n++) {
    if (isRoot[n] === 1) mask[n] = -1;
    const f = feature[n] ?? -1;
    if (f < 0) continue;
    const x = row[f] ?? Number.NaN;
    const goLeft = goesLeft(x, threshold[n] ?? 0, comparison[n] ?? 0, missingGoesLeft[n] === 1);
    const m = mask[n] ?? -1;
    const cleared = m & (clearBit[n] ?? -1);
    mask[left[n] ?? 0] = goLeft ? m : cleared;
    mask[right[n] ?? 0] = goLeft ? cleared : m;
  }
}
