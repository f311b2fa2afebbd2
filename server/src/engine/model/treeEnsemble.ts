// One in-memory shape for additive tree ensembles, shared by the GBDT trainer, the ONNX writer and reader, and TreeSHAP.
// Arrays per tree (structure of arrays) keep scoring and SHAP allocation-free and map 1:1 onto ONNX's TreeEnsemble
// attributes. A split goes left when x[feature] < threshold (ONNX's BRANCH_LT, all our own trees write), or, where
// `comparison` says so, when x <= threshold or x == threshold (read from other ONNX split modes); a missing value (NaN)
// goes the way `missingGoesLeft` says.

/** How a split compares a row's value with its threshold; `goesLeft` is the one place that applies it. */
export const SplitComparison = { LESS: 0, LESS_OR_EQUAL: 1, EQUAL: 2 } as const;

export interface Tree {
  /** Feature index per node; -1 marks a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Child node indices; -1 for leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingGoesLeft: Uint8Array;
  /** SplitComparison per node; absent when every split is x < threshold. */
  readonly comparison?: Uint8Array;
  /** Leaf value (already multiplied by the learning rate); 0 for internal nodes. */
  readonly value: Float64Array;
  /** Training weight (sample count or hessian sum) that reached each node. Known for our own trees; NaN when read from
   * an ONNX model, which stores none: then only interventional SHAP against a background set is exact. */
  readonly cover: Float64Array;
}

export interface TreeEnsemble {
  readonly trees: readonly Tree[];
  /** Added to the sum of leaf values: the margin before any tree. */
  readonly baseScore: number;
  /** How the margin becomes the model output. */
  readonly transform: 'identity' | 'logistic';
  readonly featureNames: readonly string[];
}

/** Whether value `x` takes a split's left child. Infinite values compare as IEEE numbers do (x <= +inf holds for every
 * x but NaN), which is how onnxruntime compares them. */
export function goesLeft(x: number, threshold: number, comparison: number, missingGoesLeft: boolean): boolean {
  // x !== x is NaN: a missing value follows the split's missing direction.
  if (x !== x) return missingGoesLeft;
  return comparison === SplitComparison.LESS
    ? x < threshold
    : comparison === SplitComparison.LESS_OR_EQUAL
      ? x <= threshold
      : x === threshold;
}
