// One in-memory shape for additive tree ensembles, shared by the GBDT trainer, the ONNX writer and reader, and TreeSHAP.
// Arrays per tree (structure of arrays) keep scoring and SHAP allocation-free and map 1:1 onto ONNX's TreeEnsemble
// attributes. Split rule is ONNX's BRANCH_LT: go left when x[feature] < threshold; a missing value (NaN) goes the way
// `missingGoesLeft` says.

export interface Tree {
  /** Feature index per node; -1 marks a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Child node indices; -1 for leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingGoesLeft: Uint8Array;
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
