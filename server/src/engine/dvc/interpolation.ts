// DVC's `${...}` substitution: where it occurs in a string and which value it names. DVC reads `${a.b[0]}` as the path
// a -> b -> 0 into its context (params.yaml, `vars`, and `item`/`key` in generated stages); `\${` is a literal.
// Anything we cannot read as such a path is left alone rather than guessed at.

export type PathSegment = string | number;

export interface Interpolation {
  /** Offsets of `${` and just past `}` in the string. */
  readonly start: number;
  readonly end: number;
  /** The text between the braces, trimmed. */
  readonly expression: string;
  /** The path it names; undefined when the expression is not a plain path. */
  readonly path: readonly PathSegment[] | undefined;
  /** Offsets of each segment's text in the string, parallel to `path`. */
  readonly segmentSpans: readonly (readonly [number, number])[];
}

const OPEN = /(?<!\\)\$\{/g;
const SEGMENT = /^[A-Za-z_][\w-]*/;

export function findInterpolations(text: string): Interpolation[] {
  const out: Interpolation[] = [];
  for (const m of text.matchAll(OPEN)) {
    const start = m.index;
    const close = text.indexOf('}', start + 2);
    if (close === -1) break;
    const raw = text.slice(start + 2, close);
    if (raw.includes('${')) continue; // nested or malformed: DVC reports it as a parse error, which is not ours to word
    const lead = raw.length - raw.trimStart().length;
    const parsed = parsePath(raw.trim(), start + 2 + lead);
    out.push({ start, end: close + 1, expression: raw.trim(), path: parsed?.path, segmentSpans: parsed?.spans ?? [] });
  }
  return out;
}

export function isInterpolated(text: string): boolean {
  OPEN.lastIndex = 0;
  const found = OPEN.test(text);
  OPEN.lastIndex = 0;
  return found;
}

function parsePath(expr: string, base: number): { path: PathSegment[]; spans: [number, number][] } | undefined {
  const path: PathSegment[] = [];
  const spans: [number, number][] = [];
  let i = 0;
  const first = SEGMENT.exec(expr);
  if (!first) return undefined;
  path.push(first[0]);
  spans.push([base, base + first[0].length]);
  i = first[0].length;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '.') {
      const rest = expr.slice(i + 1);
      const seg = /^(\d+)(?![\w-])/.exec(rest) ?? SEGMENT.exec(rest);
      if (!seg) return undefined;
      const text = seg[0];
      path.push(/^\d+$/.test(text) ? Number(text) : text);
      spans.push([base + i + 1, base + i + 1 + text.length]);
      i += 1 + text.length;
    } else if (c === '[') {
      const m = /^\[(\d+)\]/.exec(expr.slice(i));
      if (!m?.[1]) return undefined;
      path.push(Number(m[1]));
      spans.push([base + i + 1, base + i + 1 + m[1].length]);
      i += m[0].length;
    } else {
      return undefined;
    }
  }
  return { path, spans };
}

/** How DVC writes a value into a string (Python's `str`, with lowercase booleans). */
export function interpolatedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
