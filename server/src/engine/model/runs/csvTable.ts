// RFC 4180 CSV text as a whole table (header + records), for callers that already hold the text; files are read in
// pieces by CsvRecordReader instead. Each record keeps the 1-based line it starts on so errors can point at it.
import { type CsvRecord, CsvRecordReader } from './csvRecordReader';

export type { CsvRecord } from './csvRecordReader';

export type CsvResult =
  | { readonly ok: true; readonly header: readonly string[]; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly error: string };

export function parseCsv(text: string): CsvResult {
  const reader = new CsvRecordReader();
  const body = reader.push(text);
  if (!body.ok) return body;
  const tail = reader.end();
  if (!tail.ok) return tail;
  const [head, ...rest] = [...body.records, ...tail.records];
  if (!head) return { ok: false, line: 1, error: 'the file is empty (expected a header line)' };
  for (const r of rest) {
    if (r.fields.length !== head.fields.length) {
      return { ok: false, line: r.line, error: `${r.fields.length} fields where the header has ${head.fields.length}` };
    }
  }
  return { ok: true, header: head.fields.map((h) => h.trim()), records: rest };
}
