// A unified diff of two texts (for `preflight fix --dry-run`): line LCS, hunks with three lines of context.

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array {
  const cols = b.length + 1;
  const t = new Uint32Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      t[i * cols + j] =
        a[i] === b[j]
          ? (t[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(t[(i + 1) * cols + j] ?? 0, t[i * cols + j + 1] ?? 0);
    }
  }
  return t;
}

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
function splitLines(text: string): string[] {
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string; readonly a: number; readonly b: number };

export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const t = lcsTable(a, b);
  const cols = b.length + 1;
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++] ?? '', a: i, b: ++j });
    else if (j < b.length && (i >= a.length || (t[i * cols + j + 1] ?? 0) > (t[(i + 1) * cols + j] ?? 0)))
      ops.push({ kind: '+', line: b[j++] ?? '', a: i, b: j });
    else ops.push({ kind: '-', line: a[i++] ?? '', a: i, b: j });
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]?.kind === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (let m = k; m < ops.length; m++) {
      if (ops[m]?.kind !== ' ') end = m;
      else if (m - end > context * 2) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const aStart = hunk.find((o) => o.kind !== '+')?.a ?? 1;
    const bStart = hunk.find((o) => o.kind !== '-')?.b ?? 1;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return out.join('\n') + '\n';
}
