// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF line ends. Each record keeps the
// 1-based line it starts on so errors can point at it.

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvResult = { readonly ok: true; readonly header: readonly string[]; readonly records: readonly CsvRecord[] } | { readonly ok: false; readonly line: number; readonly error: string };

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedLine = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    fields.push(field);
    field = '';
    // A blank line is no record (a trailing newline, or blank lines between records).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') return { ok: false, line, error: 'a quote inside an unquoted field (quote the whole field and double inner quotes)' };
      inQuotes = true;
      quotedLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { ok: false, line: quotedLine, error: 'a quoted field is never closed' };
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...rest] = records;
  if (!head) return { ok: false, line: 1, error: 'the file is empty (expected a header line)' };
  for (const r of rest) {
    if (r.fields.length !== head.fields.length) {
      return { ok: false, line: r.line, error: `${r.fields.length} fields where the header has ${head.fields.length}` };
    }
  }
  return { ok: true, header: head.fields.map((h) => h.trim()), records: rest };
}
