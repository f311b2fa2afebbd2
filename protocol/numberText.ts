// Numbers as people read them, written once for the server (lenses, hovers), the CLI and the webviews (which may import
// only protocol/), so the same number reads the same wherever it shows:
//   percentText: a share as a whole percent, "27%"; "<1%" and ">99%" at the ends, so a risk is never shown as a certain
//                0% or 100% it is not.
//   pointsText:  percentage points a factor adds, one decimal, always signed: "+9.5 pts", "−1.5 pts".
//   numberText:  any other measured value, three significant figures, "−1.39", "0.226", "2.00", "1.20e+3"; whole-number
//                data (counts) as they are with countOrNumberText.
// Negative numbers use the minus sign (U+2212) everywhere, never the hyphen JavaScript prints.

export const MINUS = '\u2212';

/** JavaScript's hyphens as minus signs, the exponent's included ("1.00e−7"). */
function withMinus(text: string): string {
  return text.replaceAll('-', MINUS);
}

/** A share (0..1) as a whole percent. */
export function percentText(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const v = share * 100;
  if (v > 0 && v < 1) return '<1%';
  if (v > 99 && v < 100) return '>99%';
  return `${withMinus(String(Math.round(v)))}%`;
}

/** Percentage points, signed, one decimal ("+9.5 pts"); rounding that reaches zero keeps the sign of the value. */
export function pointsText(points: number): string {
  return `${points >= 0 ? '+' : MINUS}${Math.abs(points).toFixed(1)} pts`;
}

/**
 * A measured value to three significant figures, so a column of them reads alike ("2.00" beside "−1.50"); very large or
 * small in exponent form. Counts and other whole-number data are not measurements: see countOrNumberText.
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1000 || magnitude < 0.001 ? value.toExponential(2) : value.toPrecision(3);
  return withMinus(text);
}

/** A data value: whole numbers as they are (a count of support calls is 3, not 3.00), others as numberText. */
export function countOrNumberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e6 ? withMinus(String(value)) : numberText(value);
}

/** A change, always signed: "+0.226", "−1.39", "±0" for none. */
export function signedNumberText(value: number): string {
  if (value === 0) return '±0';
  return value > 0 ? `+${numberText(value)}` : numberText(value);
}
