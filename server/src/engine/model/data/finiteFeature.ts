// Feature values a model can be explained on. NaN, +/-Infinity and numbers beyond float32 (which the model reads as
// Infinity) are refused rather than taken as ordinary rows: SHAP values of such a row are NaN, or explain an input no
// real run produces. A missing value is said explicitly instead (an empty cell, NA or null; Parquet null), and tree
// models route it as missing.

const FLOAT32_MAX = 3.4028234663852886e38;

/** Words for a value that is not finite as float32 ("NaN", "Infinity", "1e39, beyond float32"), or undefined. */
export function nonFiniteWords(value: number, text?: string): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY)
    return value > 0 ? 'Infinity' : '-Infinity';
  if (Math.abs(value) > FLOAT32_MAX && !Number.isFinite(Math.fround(value)))
    return `${text ?? String(value)}, beyond float32`;
  return undefined;
}

/** The error for a refused value, naming the place (`file:line: row N` or `file: row N`) and the feature. */
export function nonFiniteError(place: string, feature: string, words: string): string {
  return `${place}, feature '${feature}' is ${words}, not a finite number: explain takes finite values only (leave a missing value empty, NA or null)`;
}
