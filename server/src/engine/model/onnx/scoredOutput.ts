// Which output of an ONNX model is "the score", for everything that runs a user's model (SHAP explanations, the fairness
// gate): the output named like a probability, else the first float output that is not a label; of a two-column output
// (a classifier's per-class probabilities), the positive class. One rule, so an explanation and a fairness check never
// read different outputs of the same model.

export interface ScoredOutput {
  readonly name: string;
  /** Values per row in that output, and the column read from each row. */
  readonly width: number;
  readonly column: number;
}

/** `out` is one run of the model over `rowCount` rows; a string is the reason no output fits (for the user). */
export function chooseScoredOutput(
  outputNames: readonly string[],
  out: Readonly<Record<string, ArrayLike<number> | undefined>>,
  rowCount: number,
  purpose: string,
): ScoredOutput | string {
  const floats = outputNames.filter((n) => out[n] !== undefined && !/label/i.test(n));
  const name = floats.find((n) => /prob/i.test(n)) ?? floats[0];
  const values = name === undefined ? undefined : out[name];
  if (name === undefined || !values)
    return `the model has no float output to ${purpose} (outputs: ${outputNames.join(', ')})`;
  const width = Math.max(1, Math.round(values.length / Math.max(1, rowCount)));
  return { name, width, column: width === 2 ? 1 : 0 };
}
