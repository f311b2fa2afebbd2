// Timestamps in run history come as ISO 8601 (`2025-12-07T16:45:09Z`, the API) or `2024-10-03 00:10:38` (older rows of
// the shipped CSV, UTC without a marker). Both mean UTC; anything else is rejected rather than guessed.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds, or undefined when the text is not a timestamp in one of the accepted forms. */
export function parseTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.round(Number(frac) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}
