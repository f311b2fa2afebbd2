// What model-agnostic SHAP (exact enumeration, KernelSHAP) needs from a model and from its caller.

/** Scores `rowCount` rows laid out row-major (rowCount × features): `outputCount` values per row (row-major, rowCount ×
 * outputCount) in the explained space, e.g. one per class. */
export interface ExplainedFunction {
  readonly outputCount: number;
  predict(rows: Float32Array, rowCount: number): Promise<ArrayLike<number>>;
}

export interface ShapRunOptions {
  /** Largest number of rows sent to the model in one call (hybrid rows are built in a buffer this size). */
  readonly batchRows?: number;
  /** Called after each model call with the hybrid rows scored so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between model calls: a cancelled run rejects with an Error whose message is 'cancelled'. */
  readonly signal?: AbortSignal;
}

/** The SHAP values of one output of the explained function. */
export interface OutputShap {
  /** Mean output over the background: the base value of every row. */
  readonly base: number;
  /** Row-major rowCount × features. */
  readonly values: Float64Array;
  /** The output for each explained row (= base + the row's values). */
  readonly predictions: Float64Array;
  /** KernelSHAP only: the sampling standard error of each value (row-major like `values`). */
  readonly standardErrors?: Float64Array;
}

export interface ModelShapResult {
  /** One per output of the explained function, in its order. */
  readonly outputs: readonly OutputShap[];
}

export const DEFAULT_BATCH_ROWS = 65536;

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('cancelled');
}
