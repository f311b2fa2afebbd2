// RFC 4180 CSV read in pieces: text is pushed chunk by chunk (a file read as a stream) and whole records come out as soon
// as they end, so a history of a million runs never sits in memory as one string. Quoted fields may hold commas, doubled
// quotes and newlines, and a chunk may end anywhere (inside a quote, between \r and \n). Each record keeps the 1-based
// line it starts on so errors can point at it. Fields are sliced from the chunk, never built a character at a time.

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvStep =
  | { readonly ok: true; readonly records: CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly error: string };

export class CsvRecordReader {
  private fields: string[] = [];
  /** Text of the current field read so far (a field may span chunks). */
  private field = '';
  private line = 1;
  private recordLine = 1;
  private inQuotes = false;
  private quotedLine = 0;
  /** The previous chunk ended on a quote inside a quoted field: it closes the field or starts a doubled quote. */
  private pendingQuote = false;
  /** The previous chunk ended on \r: a \n that starts the next one belongs to the same line end. */
  private pendingCr = false;
  private started = false;
  private failed: { line: number; error: string } | undefined;

  /** Feeds the next piece of text; returns the records it completed. */
  push(chunk: string): CsvStep {
    if (this.failed) return { ok: false, ...this.failed };
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const records: CsvRecord[] = [];
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    if (this.pendingQuote) {
      if (text.length === 0) return { ok: true, records };
      this.pendingQuote = false;
      if (text.charCodeAt(0) === 34) {
        this.field += '"';
        i++;
      } else this.inQuotes = false;
    }
    const n = text.length;
    while (i < n) {
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? n : quote;
        this.line += countNewlines(text, i, end);
        this.field += text.slice(i, end);
        if (quote === -1) return { ok: true, records };
        if (quote + 1 === n) {
          this.pendingQuote = true;
          return { ok: true, records };
        }
        if (text.charCodeAt(quote + 1) === 34) {
          this.field += '"';
          i = quote + 2;
        } else {
          this.inQuotes = false;
          i = quote + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        if (this.field !== '')
          return this.fail(
            this.line,
            'a quote inside an unquoted field (quote the whole field and double inner quotes)',
          );
        this.inQuotes = true;
        this.quotedLine = this.line;
        i++;
      } else if (c === 44) {
        this.fields.push(this.field);
        this.field = '';
        i++;
      } else if (c === 10 || c === 13) {
        this.endRecord(records);
        this.line++;
        this.recordLine = this.line;
        if (c === 13) {
          if (i + 1 === n) this.pendingCr = true;
          else if (text.charCodeAt(i + 1) === 10) i++;
        }
        i++;
      } else {
        // Plain text up to the next delimiter, in one slice.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13 || d === 34) break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
      }
    }
    return { ok: true, records };
  }

  /** The end of the text: the last record (without a final newline) and whether a quoted field was left open. */
  end(): CsvStep {
    if (this.failed) return { ok: false, ...this.failed };
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) return this.fail(this.quotedLine, 'a quoted field is never closed');
    const records: CsvRecord[] = [];
    if (this.field !== '' || this.fields.length > 0) this.endRecord(records);
    return { ok: true, records };
  }

  private endRecord(into: CsvRecord[]): void {
    this.fields.push(this.field);
    this.field = '';
    // A blank line is no record (a trailing newline, or blank lines between records).
    if (!(this.fields.length === 1 && this.fields[0] === '')) into.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
  }

  private fail(line: number, error: string): CsvStep {
    this.failed = { line, error };
    return { ok: false, line, error };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) count++;
  return count;
}
