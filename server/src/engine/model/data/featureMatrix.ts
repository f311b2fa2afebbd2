// A table of float features as models take them: named columns, rows laid out row-major in one Float32Array (the
// layout onnxruntime and the SHAP engines read without copying). Missing values are NaN.

export interface FeatureMatrix {
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** Row-major rowCount × columns.length. */
  readonly values: Float32Array;
}

export type MatrixResult =
  { readonly ok: true; readonly matrix: FeatureMatrix } | { readonly ok: false; readonly error: string };

/**
 * The matrix with its columns reordered (and narrowed) to `names`, the model's input order. Every name must be a column;
 * extra columns (ids, labels) are dropped. `label` names the data file in errors.
 */
export function selectColumns(matrix: FeatureMatrix, names: readonly string[], label: string): MatrixResult {
  const source = names.map((n) => matrix.columns.indexOf(n));
  const missing = names.filter((_, i) => (source[i] ?? -1) < 0);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `${label}: no column ${missing.map((n) => `'${n}'`).join(', ')} (the model's features are ${names.join(', ')}; the file has ${matrix.columns.join(', ')})`,
    };
  }
  const width = matrix.columns.length;
  const values = new Float32Array(matrix.rowCount * names.length);
  for (let r = 0; r < matrix.rowCount; r++) {
    for (let c = 0; c < names.length; c++)
      values[r * names.length + c] = matrix.values[r * width + (source[c] ?? 0)] ?? Number.NaN;
  }
  return { ok: true, matrix: { columns: [...names], rowCount: matrix.rowCount, values } };
}

/** Column `name` as float64 values (for labels and sensitive attributes kept beside the features). */
export function columnValues(matrix: FeatureMatrix, name: string): Float64Array | undefined {
  const c = matrix.columns.indexOf(name);
  if (c < 0) return undefined;
  const width = matrix.columns.length;
  return Float64Array.from({ length: matrix.rowCount }, (_, r) => matrix.values[r * width + c] ?? Number.NaN);
}
