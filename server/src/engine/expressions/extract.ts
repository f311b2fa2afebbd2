// `${{ ... }}` occurrences in a string value, found the way GitHub's template reader finds them: after `${{`, a `'`
// toggles "inside a string" (so `''` escapes and `}}` inside strings such as `fromJSON('{"a": "}}"}')` are skipped) and
// the first `}}` outside a string ends the expression. Offsets are into the value; scalarText.ts maps them to the file.

export interface ExpressionSpan {
  /** Offset of `${{`. */
  readonly start: number;
  /** Offset just past `}}`. */
  readonly end: number;
  /** The text between `${{` and `}}`, untrimmed, starting at `start + 3`. */
  readonly inner: string;
}

export interface Template {
  readonly expressions: readonly ExpressionSpan[];
  /** Offset of a `${{` that is never closed (GitHub rejects the whole value). */
  readonly unclosedAt: number | undefined;
  /** True when there is text outside the expressions (whitespace included). */
  readonly hasLiteralText: boolean;
}

export const OPEN = '${{';

export function extractExpressions(value: string): Template {
  const expressions: ExpressionSpan[] = [];
  let literal = false;
  let from = 0;
  let open = value.indexOf(OPEN);
  while (open !== -1) {
    if (open > from) literal = true;
    let inString = false;
    let close = -1;
    for (let i = open + OPEN.length; i < value.length; i++) {
      const c = value[i];
      if (c === "'") inString = !inString;
      else if (!inString && c === '}' && value[i - 1] === '}' && i - 1 >= open + OPEN.length) {
        close = i + 1;
        break;
      }
    }
    if (close === -1) return { expressions, unclosedAt: open, hasLiteralText: true };
    expressions.push({ start: open, end: close, inner: value.slice(open + OPEN.length, close - 2) });
    from = close;
    open = value.indexOf(OPEN, close);
  }
  if (from < value.length && expressions.length > 0) literal = true;
  return { expressions, unclosedAt: undefined, hasLiteralText: literal };
}
