// Tokens of a GitHub Actions expression (the text between `${{` and `}}`), with offsets into that text. The rules follow
// GitHub's own lexer (actions/languageservices `expressions/src/lexer.ts`) so that we reject exactly what GitHub rejects:
// a run of non-boundary characters is one lexeme, and an illegal lexeme is an error rather than being split up, which is
// why `"push"` (double quotes) or `a=b` come out as one bad symbol, as in GitHub's message.

export type TokenKind =
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | '*'
  | '!'
  | '!='
  | '=='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | 'number'
  | 'string'
  | 'identifier'
  | 'true'
  | 'false'
  | 'null';

export interface Token {
  readonly kind: TokenKind;
  /** Offsets into the expression text; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly lexeme: string;
  /** Decoded value of string and number literals. */
  readonly value?: string | number;
}

export interface SyntaxError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface LexResult {
  readonly tokens: readonly Token[];
  /** GitHub stops at the first bad symbol, so there is at most one. */
  readonly error: SyntaxError | undefined;
}

/** GitHub refuses longer expressions outright. */
export const MAX_EXPRESSION_LENGTH = 21000;

const BOUNDARY = new Set(['(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|']);
const LEGAL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** After these, `.` dereferences; anywhere else it starts a number such as `.5`. */
const DEREFERENCE_AFTER = new Set<TokenKind>(['identifier', ']', ')', '*']);

function isBoundary(c: string): boolean {
  return BOUNDARY.has(c) || /\s/.test(c);
}

export function unexpectedSymbol(symbol: string, start: number, end: number): SyntaxError {
  return { message: `Unexpected symbol '${symbol}'.`, start, end };
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return {
      tokens,
      error: {
        message: `The expression is longer than GitHub's limit of ${MAX_EXPRESSION_LENGTH} characters.`,
        start: 0,
        end: text.length,
      },
    };
  }
  let i = 0;
  const previous = (): TokenKind | undefined => tokens[tokens.length - 1]?.kind;
  const push = (kind: TokenKind, start: number, end: number, value?: string | number): void => {
    tokens.push({ kind, start, end, lexeme: text.slice(start, end), ...(value === undefined ? {} : { value }) });
  };
  /** A run up to the next boundary character (GitHub's "identifier" scan, also used for bad symbols). */
  const scanWord = (from: number, allowDot: boolean): number => {
    let j = from;
    while (j < text.length) {
      const c = text[j] ?? '';
      if (isBoundary(c) && !(allowDot && c === '.')) break;
      j++;
    }
    return j;
  };
  while (i < text.length) {
    const start = i;
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    switch (c) {
      case '(':
      case ')':
      case '[':
      case ']':
      case ',':
      case '*':
        push(c, start, ++i);
        continue;
      case '!':
      case '<':
      case '>':
        i += next === '=' ? 2 : 1;
        push(next === '=' ? `${c}=` : c, start, i);
        continue;
      case '=':
      case '&':
      case '|': {
        const double = c === '=' ? '==' : c === '&' ? '&&' : '||';
        if (next === c) {
          i += 2;
          push(double, start, i);
          continue;
        }
        // A lone `=`, `&` or `|` is illegal; GitHub reports the whole run, e.g. `=`.
        const end = Math.max(scanWord(start + 1, false), start + 1);
        return {
          tokens,
          error: {
            ...unexpectedSymbol(text.slice(start, end), start, end),
            message: `Unexpected symbol '${text.slice(start, end)}'.${c === '=' ? " Compare with '=='." : ` Use '${double}'.`}`,
          },
        };
      }
      case "'": {
        let j = i + 1;
        let value = '';
        while (j < text.length) {
          if (text[j] === "'") {
            if (text[j + 1] === "'") {
              value += "'";
              j += 2;
              continue;
            }
            break;
          }
          value += text[j] ?? '';
          j++;
        }
        if (j >= text.length)
          return {
            tokens,
            error: { message: "The string is not closed: add the closing '.", start, end: text.length },
          };
        i = j + 1;
        push('string', start, i, value);
        continue;
      }
      default:
        break;
    }
    const isNumberStart = /[0-9+-]/.test(c) || (c === '.' && !DEREFERENCE_AFTER.has(previous() ?? '('));
    if (c === '.' && !isNumberStart) {
      push('.', start, ++i);
      continue;
    }
    if (isNumberStart) {
      i = scanWord(start + 1, true);
      const lexeme = text.slice(start, i);
      const value = Number(lexeme);
      if (Number.isNaN(value)) return { tokens, error: unexpectedSymbol(lexeme, start, i) };
      push('number', start, i, value);
      continue;
    }
    i = scanWord(start, false);
    if (i === start) i = start + 1; // never loop on a character that is both non-boundary and unmatched
    const lexeme = text.slice(start, i);
    if (previous() !== '.') {
      if (lexeme === 'true' || lexeme === 'false' || lexeme === 'null') {
        push(lexeme, start, i);
        continue;
      }
      if (lexeme === 'NaN' || lexeme === 'Infinity') {
        push('number', start, i, lexeme === 'NaN' ? Number.NaN : Number.POSITIVE_INFINITY);
        continue;
      }
    }
    if (!LEGAL_IDENTIFIER.test(lexeme)) {
      const hint = lexeme.startsWith('"')
        ? ' Strings use single quotes in expressions.'
        : lexeme.includes('${{')
          ? ' Expressions do not nest.'
          : '';
      return {
        tokens,
        error: { ...unexpectedSymbol(lexeme, start, i), message: `Unexpected symbol '${lexeme}'.${hint}` },
      };
    }
    push('identifier', start, i);
  }
  return { tokens, error: undefined };
}
