// Number formatting of the model view's sections. Values and SHAP values go through protocol/numberText.ts, the one
// format (three significant figures, the minus sign U+2212) that the panel and the editor use as well.
import { countOrNumberText, numberText, percentText, signedNumberText } from '../../../protocol/numberText.js';

/** A SHAP value: always signed. */
export function formatShap(value: number): string {
  return signedNumberText(value);
}

/** A size of a SHAP value (mean |SHAP|), unsigned. */
export function formatMagnitude(value: number): string {
  return numberText(Math.abs(value));
}

/** A feature value from the data; null is a missing value. */
export function formatValue(value: number | null): string {
  return value === null ? 'missing' : countOrNumberText(value);
}

/** A model output (a margin or a score): a measurement. */
export function formatOutput(value: number): string {
  return numberText(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatPercent(fraction: number): string {
  return percentText(fraction);
}

/** A count of things, with thousands separated: "12,400 nodes". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
