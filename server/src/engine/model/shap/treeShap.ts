// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
// ensembles", Algorithm 2), in margin space. A feature left out of a coalition follows both children of a split on it,
// weighted by the training cover of each child, so the tree's covers are required. It runs in O(leaves × depth²) per
// tree; the path state lives in preallocated typed arrays (one slab per explainer, a slice per recursion level as in the
// reference C++ implementation), so explaining a row allocates nothing beyond its result.
import { goesLeft, type Tree, type TreeEnsemble } from '../treeEnsemble';

export interface ShapResult {
  /** Expected margin: the baseline every row starts from. */
  readonly base: number;
  /** One value per feature; base + sum(values) = the row's margin. */
  readonly values: Float64Array;
}

export interface BatchShapResult {
  readonly base: number;
  /** Row-major rowCount × featureCount. */
  readonly values: Float64Array;
}

function depthOf(tree: Tree, node: number): number {
  if ((tree.feature[node] ?? -1) < 0) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node] ?? 0), depthOf(tree, tree.right[node] ?? 0));
}

/** Cover-weighted mean leaf value: the tree's expected output when no feature is known. */
function expectedValue(tree: Tree, node: number): number {
  if ((tree.feature[node] ?? -1) < 0) return tree.value[node] ?? 0;
  const l = tree.left[node] ?? 0;
  const r = tree.right[node] ?? 0;
  const total = tree.cover[node] ?? 0;
  const wl = total > 0 ? (tree.cover[l] ?? 0) / total : 0.5;
  return wl * expectedValue(tree, l) + (1 - wl) * expectedValue(tree, r);
}

/** Why an ensemble cannot be explained by path-dependent TreeSHAP, or undefined when it can. */
export function treeShapProblem(ensemble: TreeEnsemble): string | undefined {
  for (const [t, tree] of ensemble.trees.entries()) {
    if (tree.cover.some((c) => !Number.isFinite(c) || c < 0)) {
      return `tree ${t} has no node covers (as in models read from ONNX): use interventional TreeSHAP with a background set`;
    }
  }
  return undefined;
}

class PathDependentExplainer {
  private readonly base: number;
  // The unique path of Algorithm 2, one element per field, a slab holding one copy per recursion level.
  private readonly pathFeature: Int32Array;
  private readonly pathZero: Float64Array;
  private readonly pathOne: Float64Array;
  private readonly pathWeight: Float64Array;
  /** 1/k for every path length the trees allow, so the inner loops multiply instead of divide. */
  private readonly reciprocal: Float64Array;
  private tree: Tree;
  private row: ArrayLike<number> = [];
  private phi: Float64Array = new Float64Array(0);

  constructor(private readonly ensemble: TreeEnsemble) {
    const problem = treeShapProblem(ensemble);
    if (problem !== undefined) throw new Error(problem);
    let maxDepth = 0;
    let base = ensemble.baseScore;
    for (const tree of ensemble.trees) {
      maxDepth = Math.max(maxDepth, depthOf(tree, 0));
      base += expectedValue(tree, 0);
    }
    this.base = base;
    const levels = maxDepth + 2;
    const size = (levels * (levels + 1)) / 2;
    this.pathFeature = new Int32Array(size);
    this.pathZero = new Float64Array(size);
    this.pathOne = new Float64Array(size);
    this.pathWeight = new Float64Array(size);
    this.reciprocal = Float64Array.from({ length: levels + 1 }, (_, k) => (k === 0 ? 0 : 1 / k));
    this.tree = ensemble.trees[0] ?? emptyTree;
  }

  get baseValue(): number {
    return this.base;
  }

  /** Adds the row's SHAP values into `phi` (length featureCount). */
  explainInto(row: ArrayLike<number>, phi: Float64Array): void {
    this.row = row;
    this.phi = phi;
    for (const tree of this.ensemble.trees) {
      this.tree = tree;
      this.recurse(0, 0, 0, 1, 1, -1);
    }
  }

  private extend(at: number, depth: number, zero: number, one: number, feature: number): void {
    const w = this.pathWeight;
    this.pathFeature[at + depth] = feature;
    this.pathZero[at + depth] = zero;
    this.pathOne[at + depth] = one;
    w[at + depth] = depth === 0 ? 1 : 0;
    const oneScaled = one * (this.reciprocal[depth + 1] ?? 0);
    const zeroScaled = zero * (this.reciprocal[depth + 1] ?? 0);
    for (let i = depth - 1; i >= 0; i--) {
      const wi = w[at + i] ?? 0;
      w[at + i + 1] = (w[at + i + 1] ?? 0) + oneScaled * wi * (i + 1);
      w[at + i] = zeroScaled * wi * (depth - i);
    }
  }

  private unwind(at: number, depth: number, index: number): void {
    const w = this.pathWeight;
    const one = this.pathOne[at + index] ?? 0;
    const zero = this.pathZero[at + index] ?? 0;
    let nextOnePortion = w[at + depth] ?? 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = w[at + i] ?? 0;
        w[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
        nextOnePortion = tmp - ((w[at + i] ?? 0) * zero * (depth - i)) / (depth + 1);
      } else {
        w[at + i] = ((w[at + i] ?? 0) * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = index; i < depth; i++) {
      this.pathFeature[at + i] = this.pathFeature[at + i + 1] ?? -1;
      this.pathZero[at + i] = this.pathZero[at + i + 1] ?? 0;
      this.pathOne[at + i] = this.pathOne[at + i + 1] ?? 0;
    }
  }

  /** The total weight of the path with element `index` unwound, without modifying the path. A path's one-fractions are
   * 0 or 1 (the row either follows a split or not), which saves the reference code's division by them. */
  private unwoundSum(at: number, depth: number, index: number): number {
    const w = this.pathWeight;
    const zero = this.pathZero[at + index] ?? 0;
    const scale = depth + 1;
    let total = 0;
    if ((this.pathOne[at + index] ?? 0) !== 0) {
      const zeroScaled = zero / scale;
      let nextOnePortion = w[at + depth] ?? 0;
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = nextOnePortion * scale * (this.reciprocal[i + 1] ?? 0);
        total += tmp;
        nextOnePortion = (w[at + i] ?? 0) - tmp * zeroScaled * (depth - i);
      }
      return total;
    }
    return zero === 0 ? 0 : this.offPathWeightSum(at, depth) / zero;
  }

  /** The unwound sum of an element with one-fraction 0, times its zero-fraction: Σ w_i (depth + 1) / (depth - i). */
  private offPathWeightSum(at: number, depth: number): number {
    const w = this.pathWeight;
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) total += (w[at + i] ?? 0) * (this.reciprocal[depth - i] ?? 0);
    return total * (depth + 1);
  }

  /** Algorithm 2's RECURSE: `parentAt` is where the parent's path starts in the slab, `depth` this node's path length. */
  private recurse(
    node: number,
    parentAt: number,
    depth: number,
    parentZero: number,
    parentOne: number,
    parentFeature: number,
  ): void {
    const tree = this.tree;
    // Each level copies its parent's path into its own slice, so siblings see the parent's path unchanged.
    const at = depth === 0 ? 0 : parentAt + depth;
    // A plain loop: paths are a few elements long, where copyWithin's per-call cost dominated.
    for (let i = 0; i < depth; i++) {
      this.pathFeature[at + i] = this.pathFeature[parentAt + i] ?? -1;
      this.pathZero[at + i] = this.pathZero[parentAt + i] ?? 0;
      this.pathOne[at + i] = this.pathOne[parentAt + i] ?? 0;
      this.pathWeight[at + i] = this.pathWeight[parentAt + i] ?? 0;
    }
    this.extend(at, depth, parentZero, parentOne, parentFeature);
    const feature = tree.feature[node] ?? -1;
    if (feature < 0) {
      const leafValue = tree.value[node] ?? 0;
      // For path elements the row does not follow (one-fraction 0) the unwound sum is the same weighted sum of the
      // path weights divided by that element's zero-fraction: computed once per leaf instead of once per element.
      let offPathSum = Number.NaN;
      for (let i = 1; i <= depth; i++) {
        const f = this.pathFeature[at + i] ?? 0;
        let w: number;
        if ((this.pathOne[at + i] ?? 0) !== 0) {
          w = this.unwoundSum(at, depth, i);
        } else {
          if (Number.isNaN(offPathSum)) offPathSum = this.offPathWeightSum(at, depth);
          const zero = this.pathZero[at + i] ?? 0;
          w = zero === 0 ? 0 : offPathSum / zero;
        }
        this.phi[f] = (this.phi[f] ?? 0) + w * ((this.pathOne[at + i] ?? 0) - (this.pathZero[at + i] ?? 0)) * leafValue;
      }
      return;
    }
    const x = this.row[feature] ?? Number.NaN;
    const goLeft = goesLeft(
      x,
      tree.threshold[node] ?? 0,
      tree.comparison?.[node] ?? 0,
      tree.missingGoesLeft[node] === 1,
    );
    const left = tree.left[node] ?? 0;
    const right = tree.right[node] ?? 0;
    const hot = goLeft ? left : right;
    const cold = goLeft ? right : left;
    const cover = tree.cover[node] ?? 0;
    const hotZero = cover > 0 ? (tree.cover[hot] ?? 0) / cover : 0.5;
    const coldZero = cover > 0 ? (tree.cover[cold] ?? 0) / cover : 0.5;
    let incomingZero = 1;
    let incomingOne = 1;
    let pathDepth = depth;
    // A feature split on again higher up: undo that split, and carry its fractions into this one.
    let index = 1;
    while (index <= depth && this.pathFeature[at + index] !== feature) index++;
    if (index <= depth) {
      incomingZero = this.pathZero[at + index] ?? 0;
      incomingOne = this.pathOne[at + index] ?? 0;
      this.unwind(at, depth, index);
      pathDepth -= 1;
    }
    this.recurse(hot, at, pathDepth + 1, hotZero * incomingZero, incomingOne, feature);
    this.recurse(cold, at, pathDepth + 1, coldZero * incomingZero, 0, feature);
  }
}

const emptyTree: Tree = {
  feature: Int32Array.of(-1),
  threshold: new Float64Array(1),
  left: Int32Array.of(-1),
  right: Int32Array.of(-1),
  missingGoesLeft: new Uint8Array(1),
  value: new Float64Array(1),
  cover: Float64Array.of(1),
};

// Explainers are kept per ensemble object: building one walks every tree for depths and expected values.
const explainers = new WeakMap<TreeEnsemble, PathDependentExplainer>();

function explainerFor(ensemble: TreeEnsemble): PathDependentExplainer {
  let explainer = explainers.get(ensemble);
  if (!explainer) {
    explainer = new PathDependentExplainer(ensemble);
    explainers.set(ensemble, explainer);
  }
  return explainer;
}

/** SHAP values of one row in margin space. Throws when the ensemble has no covers (see treeShapProblem). */
export function treeShap(ensemble: TreeEnsemble, row: ArrayLike<number>): ShapResult {
  const explainer = explainerFor(ensemble);
  const values = new Float64Array(ensemble.featureNames.length);
  explainer.explainInto(row, values);
  return { base: explainer.baseValue, values };
}

/** SHAP values of `rowCount` rows laid out row-major in `rows` (rowCount × featureCount). */
export function treeShapBatch(
  ensemble: TreeEnsemble,
  rows: Float32Array | Float64Array,
  rowCount: number,
): BatchShapResult {
  const explainer = explainerFor(ensemble);
  const m = ensemble.featureNames.length;
  const values = new Float64Array(rowCount * m);
  for (let r = 0; r < rowCount; r++)
    explainer.explainInto(rows.subarray(r * m, (r + 1) * m), values.subarray(r * m, (r + 1) * m));
  return { base: explainer.baseValue, values };
}
