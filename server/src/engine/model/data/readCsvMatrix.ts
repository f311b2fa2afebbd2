// CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes) into a FeatureMatrix. The header row
// names the columns; with `keep`, only those columns are read (ids and text columns beside the features are skipped).
// Empty cells and NA / null / None are missing values; anything else that is not a number is an error naming the file,
// line and column, so a stray text column among the features is found at once. NaN and Infinity (spelt out, or a number
// too large for float32) are refused the same way (finiteFeature.ts): a missing value is left empty, not computed.
import type { MatrixResult } from './featureMatrix';
import { nonFiniteError, nonFiniteWords } from './finiteFeature';

const MISSING = new Set(['', 'na', 'null', 'none']);

/** Splits CSV text into records of raw fields, with the 1-based line each record starts on. */
function* records(text: string): Generator<{ fields: string[]; line: number } | { error: string; line: number }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) {
            yield { error: 'a quoted field is never closed', line: start };
            return;
          }
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch ?? '';
          i++;
        }
      } else {
        const from = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        field = text.slice(from, i);
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    } else if (i < text.length) {
      yield { error: 'unexpected text after a closing quote', line: start };
      return;
    }
    // Blank lines (often a trailing one) are not records.
    if (!(fields.length === 1 && fields[0] === '')) yield { fields, line: start };
  }
}

export function readCsvMatrix(text: string, label: string, keep?: readonly string[]): MatrixResult {
  let columns: string[] | undefined;
  let kept: number[] = [];
  const values: number[] = [];
  let rowCount = 0;
  for (const record of records(text)) {
    if ('error' in record) return { ok: false, error: `${label}:${record.line}: ${record.error}` };
    if (!columns) {
      columns = record.fields.map((f) => f.trim());
      const seen = new Set<string>();
      for (const c of columns) {
        if (seen.has(c)) return { ok: false, error: `${label}:1: column '${c}' appears twice in the header` };
        seen.add(c);
      }
      kept = columns.flatMap((c, i) => (keep === undefined || keep.includes(c) ? [i] : []));
      continue;
    }
    if (record.fields.length !== columns.length) {
      return {
        ok: false,
        error: `${label}:${record.line}: ${record.fields.length} fields, the header has ${columns.length}`,
      };
    }
    for (const c of kept) {
      const cell = (record.fields[c] ?? '').trim();
      if (MISSING.has(cell.toLowerCase())) {
        values.push(Number.NaN);
        continue;
      }
      const special = /^[+-]?(inf(inity)?|nan)$/i.test(cell);
      const n = special
        ? /nan$/i.test(cell)
          ? Number.NaN
          : cell.startsWith('-')
            ? -Infinity
            : Infinity
        : Number(cell);
      if (Number.isNaN(n) && !special) {
        return {
          ok: false,
          error: `${label}:${record.line}: column '${columns[c] ?? c + 1}' holds '${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}', not a number; encode it numerically as the model was trained`,
        };
      }
      const refused = nonFiniteWords(n, cell);
      if (refused)
        return {
          ok: false,
          error: nonFiniteError(`${label}:${record.line}: row ${rowCount + 1}`, columns[c] ?? String(c + 1), refused),
        };
      values.push(n);
    }
    rowCount++;
  }
  if (!columns) return { ok: false, error: `${label}: empty file; expected a header row naming the model's features` };
  const header = columns;
  return {
    ok: true,
    matrix: { columns: kept.map((c) => header[c] ?? ''), rowCount, values: Float32Array.from(values) },
  };
}
