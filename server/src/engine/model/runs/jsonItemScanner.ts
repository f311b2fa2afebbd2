// The items of the lists at the top of a JSON document, one at a time, from text that arrives in pieces: the document's
// own items when it is a list, or the items of the lists under chosen keys of a top-level object
// (`{"workflow_runs": [...], "jobs": [...]}`). Each item is handed out as its own text, for JSON.parse, so a history of a
// million runs never has to be one string (V8 caps a string at about 512 MB) or one array of parsed objects.
// Only the structure is followed here (brackets outside strings); each item's own syntax is JSON.parse's to judge, and
// the structure around the items is checked at the end.

export interface ScannedItem {
  /** The key of the top-level list, or null for a document that is itself a list. */
  readonly key: string | null;
  /** Position in that list. */
  readonly index: number;
  readonly text: string;
}

interface Container {
  readonly kind: 'list' | 'object';
  /** For a list whose items are handed out: under which key (null: the document itself). */
  readonly emits?: string | null;
  count: number;
}

export class JsonItemScanner {
  private readonly stack: Container[] = [];
  private inString = false;
  private escaped = false;
  /** Text of the item being read, from pieces before this one. */
  private carried = '';
  /** Whether an item is being read, and of which list. */
  private capturing: Container | undefined;
  private captureDepth = 0;
  /** The current top-level key as read so far (only while reading a key of the top-level object). */
  private keyText: string | undefined;
  private lastKey: string | undefined;
  private expectingKey = false;
  private started = false;
  private ended = false;

  constructor(private readonly keys: ReadonlySet<string>) {}

  /** Feeds the next piece of text; returns the items it completed. Throws on text that cannot be a JSON document. */
  feed(piece: string): ScannedItem[] {
    const out: ScannedItem[] = [];
    let captureFrom = this.capturing ? 0 : -1;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (this.inString) {
        if (this.escaped || c === 0x5c) {
          this.escaped = !this.escaped; // a backslash escapes the next character, itself included
          if (this.keyText !== undefined) this.keyText += piece.charAt(i);
        } else if (c === 0x22) {
          // closing quote
          this.inString = false;
          if (this.keyText !== undefined) {
            this.lastKey = JSON.parse(`"${this.keyText}"`) as string;
            this.keyText = undefined;
          }
        } else if (this.keyText !== undefined) this.keyText += piece.charAt(i);
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (this.ended) throw new Error('text after the end of the JSON document');
      const top = this.stack[this.stack.length - 1];
      // The start of a value in a list whose items are handed out.
      if (!this.capturing && top?.kind === 'list' && top.emits !== undefined && c !== 0x5d && c !== 0x2c) {
        this.capturing = top;
        this.captureDepth = this.stack.length;
        captureFrom = i;
      }
      if (c === 0x22) {
        // opening quote
        this.inString = true;
        if (!this.capturing && this.stack.length === 1 && top?.kind === 'object' && this.expectingKey) {
          this.keyText = '';
          this.expectingKey = false;
        }
        continue;
      }
      if (c === 0x5b || c === 0x7b) {
        // [ or {
        const kind = c === 0x5b ? 'list' : 'object';
        let emits: string | null | undefined;
        if (!this.started) emits = kind === 'list' ? null : undefined;
        else if (
          !this.capturing &&
          this.stack.length === 1 &&
          top?.kind === 'object' &&
          kind === 'list' &&
          this.lastKey !== undefined &&
          this.keys.has(this.lastKey)
        )
          emits = this.lastKey;
        this.started = true;
        this.stack.push(emits === undefined ? { kind, count: 0 } : { kind, emits, count: 0 });
        if (kind === 'object' && this.stack.length === 1) this.expectingKey = true;
        continue;
      }
      if (c === 0x5d || c === 0x7d) {
        // ] or }
        const closing = this.stack.pop();
        if (!closing || (closing.kind === 'list') !== (c === 0x5d)) throw new Error(`unexpected '${piece[i] ?? ''}'`);
        // A scalar item ends at its list's closing bracket.
        if (this.capturing === closing) this.finishItem(out, piece, captureFrom, i);
        else if (this.capturing && this.stack.length === this.captureDepth)
          this.finishItem(out, piece, captureFrom, i + 1);
        if (this.stack.length === 0) this.ended = true;
        continue;
      }
      if (c === 0x2c) {
        // ,
        if (this.capturing && this.stack.length === this.captureDepth) {
          this.finishItem(out, piece, captureFrom, i);
          captureFrom = -1;
        }
        if (!this.capturing && this.stack.length === 1 && top?.kind === 'object') this.expectingKey = true;
        continue;
      }
      if (!this.started) throw new Error('a JSON document starts with [ or {');
    }
    if (this.capturing && captureFrom >= 0) this.carried += piece.slice(captureFrom);
    return out;
  }

  /** Checks that the document was whole. */
  end(): void {
    if (!this.ended || this.inString) throw new Error('the JSON document ends early (unclosed string, list or object)');
  }

  private finishItem(out: ScannedItem[], piece: string, from: number, to: number): void {
    const list = this.capturing;
    if (!list) return;
    const text = (this.carried + (from >= 0 ? piece.slice(from, to) : piece.slice(0, to))).trim();
    this.carried = '';
    this.capturing = undefined;
    if (text !== '') out.push({ key: list.emits ?? null, index: list.count++, text });
  }
}
