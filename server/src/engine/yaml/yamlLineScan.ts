// One pass over a text's lines: where each starts, its indentation in spaces and what its first character makes it. The
// segmented parse chooses where to cut a file from this alone, before any YAML parsing.
export const BLANK = 0;
export const COMMENT = 1;
/** Starts with a character that can begin a plain or quoted implicit key (a letter, a digit, a quote, ...). */
export const KEY_LIKE = 2;
/** Anything else: `- `, `?`, `:`, flow brackets, tags, anchors, aliases, block scalar indicators, tabs, directives, `...`. */
export const OTHER = 3;

export interface ScannedLines {
  readonly starts: readonly number[];
  readonly indent: Uint32Array;
  readonly kind: Uint8Array;
}

// Characters after which a line cannot be an ordinary `key:` entry (or is one we choose not to cut at). A dot can start
// a key (GitLab's hidden `.setup:` jobs) unless it starts `...`, the document end marker.
const NOT_KEY_START_CHARS = '-?:%[]{},#|>!&*@`\t';
const NOT_KEY_START = new Set(
  Array.from({ length: NOT_KEY_START_CHARS.length }, (_, i) => NOT_KEY_START_CHARS.charCodeAt(i)),
);
const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const DOT = 46;

export function scanLines(text: string): ScannedLines {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const indent = new Uint32Array(starts.length);
  const kind = new Uint8Array(starts.length);
  for (let line = 0; line < starts.length; line++) {
    const start = starts[line] ?? 0;
    let at = start;
    while (text.charCodeAt(at) === SPACE) at++;
    indent[line] = at - start;
    const c = text.charCodeAt(at);
    const endMarker = c === DOT && text.startsWith('...', at);
    kind[line] =
      Number.isNaN(c) || c === NEWLINE
        ? BLANK
        : c === HASH
          ? COMMENT
          : NOT_KEY_START.has(c) || endMarker
            ? OTHER
            : KEY_LIKE;
  }
  return { starts, indent, kind };
}
