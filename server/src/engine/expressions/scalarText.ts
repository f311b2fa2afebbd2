// A YAML string scalar's value with the file offset of each of its characters. GitHub reads expressions from the value
// (after YAML has removed quotes, `''` escapes, block indentation and line folding), but findings must point into the
// file, where the value is spelled differently. We decode the source ourselves, keeping offsets, and trust the result
// only when it equals the parser's value; otherwise positions fall back to the whole scalar, which is never wrong.
import type { Scalar } from '../yaml/nodes';

export interface ScalarText {
  readonly value: string;
  /** File offset of `value[i]`, with one extra entry for the end; undefined when positions are not exact. */
  readonly offsets: readonly number[] | undefined;
  /** The scalar's range in the file, quotes and block header included, trailing line breaks excluded. */
  readonly start: number;
  readonly end: number;
  /** How the scalar is written, which decides how replacement text must be escaped. */
  readonly style: ScalarStyle;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

interface Decoded {
  chars: string[];
  offsets: number[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Offset of the line break at `i` (`\n` or `\r\n`), its length, or 0 when there is none. */
function lineBreakAt(text: string, i: number): number {
  if (text[i] === '\n') return 1;
  return text[i] === '\r' && text[i + 1] === '\n' ? 2 : 0;
}

/** Plain and quoted scalars: escapes (double quotes), `''` (single quotes) and line folding. */
function decodeFlow(text: string, from: number, to: number, style: 'plain' | 'single' | 'double'): Decoded {
  const out: Decoded = { chars: [], offsets: [] };
  const emit = (c: string, offset: number): void => {
    out.chars.push(c);
    out.offsets.push(offset);
  };
  let kept = 0; // characters from escapes, which folding must not trim
  let i = from;
  while (i < to) {
    const c = text[i] ?? '';
    const br = lineBreakAt(text, i);
    if (br > 0 || (style === 'double' && c === '\\' && lineBreakAt(text, i + 1) > 0)) {
      const escaped = br === 0;
      if (!escaped)
        while (out.chars.length > kept && isBlank(out.chars[out.chars.length - 1])) {
          out.chars.pop();
          out.offsets.pop();
        }
      const breakAt = i;
      i += escaped ? 1 + lineBreakAt(text, i + 1) : br;
      let emptyLines = 0;
      for (;;) {
        while (i < to && isBlank(text[i])) i++;
        const next = lineBreakAt(text, i);
        if (next === 0 || i >= to) break;
        emptyLines++;
        i += next;
      }
      if (emptyLines > 0) for (let k = 0; k < emptyLines; k++) emit('\n', breakAt);
      else if (!escaped) emit(' ', breakAt);
      kept = out.chars.length;
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      emit("'", i);
      i += 2;
    } else if (style === 'double' && c === '\\') {
      const e = text[i + 1] ?? '';
      const hex = HEX_ESCAPES[e];
      if (hex !== undefined) {
        const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
        emit(code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd', i);
        i += 2 + hex;
      } else {
        emit(ESCAPES[e] ?? e, i);
        i += 2;
      }
      kept = out.chars.length;
    } else {
      emit(c, i);
      i++;
    }
  }
  out.offsets.push(to);
  return out;
}

/** Literal (`|`) and folded (`>`) block scalars: header, indentation, folding and chomping. */
function decodeBlock(text: string, from: number, to: number): Decoded | undefined {
  const headerEnd = text.indexOf('\n', from);
  if (headerEnd === -1 || headerEnd >= to) return { chars: [], offsets: [to] };
  const header = text
    .slice(from, headerEnd)
    .replace(/\s+#.*$/, '')
    .trim();
  const folded = header.startsWith('>');
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  if (/\d/.test(header)) return undefined; // explicit indentation is relative to the parent: rare, use the fallback
  const lines: { start: number; text: string }[] = [];
  for (let i = headerEnd + 1; i < to;) {
    let end = text.indexOf('\n', i);
    if (end === -1 || end > to) end = to;
    lines.push({ start: i, text: text.slice(i, end).replace(/\r$/, '') });
    i = end + 1;
  }
  const indent = lines.find((l) => l.text.trim() !== '')?.text.search(/\S/) ?? 0;
  const content = lines.map((l) =>
    l.text.trim() === '' && l.text.length <= indent
      ? { start: l.start, text: '' }
      : { start: l.start + indent, text: l.text.slice(indent) },
  );
  let last = content.length;
  while (last > 0 && content[last - 1]?.text === '') last--;
  const out: Decoded = { chars: [], offsets: [] };
  const emit = (c: string, offset: number): void => {
    out.chars.push(c);
    out.offsets.push(offset);
  };
  let previous: { text: string } | undefined;
  let pendingEmpty = 0;
  for (const [n, line] of content.slice(0, last).entries()) {
    if (line.text === '' && n > 0) {
      pendingEmpty++;
      continue;
    }
    const breakAt = line.start - 1;
    if (previous) {
      const normal = !isBlank(previous.text[0]) && !isBlank(line.text[0]);
      const breaks = folded && normal ? pendingEmpty : pendingEmpty + 1;
      if (breaks === 0) emit(' ', breakAt);
      for (let k = 0; k < breaks; k++) emit('\n', breakAt);
    } else {
      for (let k = 0; k < pendingEmpty; k++) emit('\n', breakAt);
    }
    pendingEmpty = 0;
    for (let k = 0; k < line.text.length; k++) emit(line.text[k] ?? '', line.start + k);
    previous = line;
  }
  if (previous && chomp !== 'strip') {
    const trailing = chomp === 'keep' ? content.length - last + 1 : 1;
    for (let k = 0; k < trailing; k++) emit('\n', to);
  }
  out.offsets.push(to);
  return out;
}

/** The value and character offsets of a string scalar; undefined for non-strings and nodes without a source range. */
export function scalarTextOf(fileText: string, node: Scalar): ScalarText | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const [start, end] = range;
  const value = node.value;
  const type = node.type;
  const decoded =
    type === 'PLAIN'
      ? decodeFlow(fileText, start, end, 'plain')
      : type === 'QUOTE_SINGLE'
        ? decodeFlow(fileText, start + 1, end - 1, 'single')
        : type === 'QUOTE_DOUBLE'
          ? decodeFlow(fileText, start + 1, end - 1, 'double')
          : type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED'
            ? decodeBlock(fileText, start, end)
            : undefined;
  const exact = decoded !== undefined && decoded.chars.join('') === value;
  const style: ScalarStyle =
    type === 'QUOTE_SINGLE' ? 'single' : type === 'QUOTE_DOUBLE' ? 'double' : type === 'PLAIN' ? 'plain' : 'block';
  // A block scalar's range runs to the next key's line; findings and fixes should stop at its last character.
  const trimmedEnd = start + fileText.slice(start, end).trimEnd().length;
  return { value, offsets: exact ? decoded.offsets : undefined, start, end: trimmedEnd, style };
}

/**
 * `text` spelled for insertion into the scalar at `offset`, or undefined when it cannot be: quotes are doubled in
 * single-quoted scalars, and a plain scalar must not start with a YAML indicator such as `'`.
 */
export function escapeFor(scalar: ScalarText, offset: number, text: string): string | undefined {
  switch (scalar.style) {
    case 'single':
      return text.replace(/'/g, "''");
    case 'double':
      return text.replace(/["\\]/g, (c) => `\\${c}`);
    case 'plain':
      return offset === scalar.start && /^[-?:,[\]{}#&*!|>'"%@`]/.test(text) ? undefined : text;
    case 'block':
      return text;
  }
}

/** File offsets for the value range [from, to): exact when known, the whole scalar otherwise. */
export function fileSpan(text: ScalarText, from: number, to: number): { start: number; end: number } {
  const offsets = text.offsets;
  if (!offsets) return { start: text.start, end: text.end };
  const start = offsets[from] ?? text.end;
  const lastChar = to > from ? offsets[to - 1] : undefined;
  return { start, end: lastChar === undefined ? start : lastChar + 1 };
}
