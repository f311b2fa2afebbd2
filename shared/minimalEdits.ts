// The smallest line-level edits that turn one text into another, so a preview shows the lines that change rather than
// the whole file struck through. Line LCS; each run of changed lines becomes one edit.
import type { TextEdit } from './textPositions';
import { LineIndex } from './lineIndex';

export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  // Keep line breaks attached to their lines so joined replacements reproduce the text exactly.
  const a = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const b = after.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  // Trim the common head and tail first: fixes change a few lines of long files.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const cols = bm.length + 1;
  const t = new Uint32Array((am.length + 1) * cols);
  for (let i = am.length - 1; i >= 0; i--) {
    for (let j = bm.length - 1; j >= 0; j--) {
      t[i * cols + j] =
        am[i] === bm[j]
          ? (t[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(t[(i + 1) * cols + j] ?? 0, t[i * cols + j + 1] ?? 0);
    }
  }
  const index = new LineIndex(before);
  const lineOffset = (line: number): number =>
    line >= index.lineCount ? before.length : index.offsetAt({ line, character: 0 });
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      i++;
      j++;
      continue;
    }
    const startI = i;
    let inserted = '';
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) break;
      if (j < bm.length && (i >= am.length || (t[i * cols + j + 1] ?? 0) >= (t[(i + 1) * cols + j] ?? 0)))
        inserted += bm[j++] ?? '';
      else i++;
    }
    const start = lineOffset(head + startI);
    const end = lineOffset(head + i);
    edits.push({ range: index.range(start, end), newText: inserted });
  }
  return edits;
}
