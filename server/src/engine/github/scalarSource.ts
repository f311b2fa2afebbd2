// Offsets inside a scalar's source text. For plain and block scalars (`run: |`) the source is the text itself, so a
// match found in the raw file maps to an exact range; quoted scalars may contain escapes, but the patterns we look for
// (`${{ }}`, `::set-output`) contain none, so matching the raw text is exact there too.
import type { Scalar } from '../yaml/nodes';

export interface ScalarSource {
  readonly start: number;
  readonly text: string;
}

export function scalarSource(fileText: string, node: Scalar): ScalarSource | undefined {
  const range = node.range;
  if (!range) return undefined;
  return { start: range[0], text: fileText.slice(range[0], range[1]) };
}

/** `${{ ... }}` occurrences with absolute offsets (a `}}` inside a quoted string does not end the expression). */
export function expressionsIn(source: ScalarSource): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  const text = source.text;
  let i = text.indexOf('${{');
  while (i !== -1) {
    let j = i + 3;
    let inString = false;
    while (j < text.length) {
      const c = text[j];
      if (c === "'") inString = !inString;
      else if (!inString && c === '}' && text[j + 1] === '}') break;
      j++;
    }
    if (j >= text.length) break;
    out.push({ start: source.start + i, end: source.start + j + 2, inner: text.slice(i + 3, j).trim() });
    i = text.indexOf('${{', j + 2);
  }
  return out;
}
