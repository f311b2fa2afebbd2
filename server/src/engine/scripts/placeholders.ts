// `${{ }}` in a script is replaced by GitHub before the program starts, with text nobody can know in advance. Linters
// get a same-length stand-in (so columns stay right) that reads as "some value": in shell a variable expansion
// `${____}`, because a constant word makes shellcheck conclude things about it (SC2043 "this loop runs once",
// SC2193 "this comparison is never equal"); in Python a name, whose "undefined name" finding is then dropped.
import { extractExpressions } from '../expressions/extract';

export type PlaceholderStyle = 'shell' | 'python';

/** Where a stand-in sits in the masked script: 0-based line, columns end-exclusive. */
export interface Placeholder {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface MaskedScript {
  readonly text: string;
  /** Stand-ins on a single line (an expression spanning lines becomes underscores with its line breaks kept). */
  readonly placeholders: readonly Placeholder[];
}

function standIn(expression: string, style: PlaceholderStyle): string {
  // `${{}}`, the shortest expression, has 5 characters: room for `${` + `__` + `}`.
  if (style === 'shell' && !expression.includes('\n')) return `\${${'_'.repeat(expression.length - 3)}}`;
  return expression.replace(/[^\n]/g, '_');
}

export function maskExpressions(script: string, style: PlaceholderStyle): MaskedScript {
  const { expressions } = extractExpressions(script);
  let text = '';
  let from = 0;
  const placeholders: Placeholder[] = [];
  for (const e of expressions) {
    text += script.slice(from, e.start);
    const original = script.slice(e.start, e.end);
    if (!original.includes('\n')) {
      const lineStart = text.lastIndexOf('\n') + 1;
      const line = (text.match(/\n/g) ?? []).length;
      placeholders.push({ line, start: text.length - lineStart, end: text.length - lineStart + original.length });
    }
    text += standIn(original, style);
    from = e.end;
  }
  return { text: text + script.slice(from), placeholders };
}

/** True when a linter's finding lies within a stand-in (so it is about the stand-in, not the user's script). */
export function withinPlaceholder(
  placeholders: readonly Placeholder[],
  line: number,
  start: number,
  end: number,
): boolean {
  return placeholders.some((p) => p.line === line && start >= p.start && end <= p.end);
}

/** True when a single-line finding contains a stand-in (a quoted string around one, for example). */
export function containsPlaceholder(
  placeholders: readonly Placeholder[],
  line: number,
  start: number,
  endLine: number,
  end: number,
): boolean {
  return placeholders.some(
    (p) =>
      (p.line > line || (p.line === line && p.start >= start)) &&
      (p.line < endLine || (p.line === endLine && p.end <= end)),
  );
}
