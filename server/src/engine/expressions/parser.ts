// Recursive-descent parser for GitHub expressions, with GitHub's precedence (loosest first): `||`, `&&`, `==` `!=`,
// `<` `<=` `>` `>=`, `!`, then property access `.x` `[x]` `.*` `[*]` and calls. The structure mirrors GitHub's parser
// (actions/languageservices `expressions/src/parser.ts`) so that what it refuses, we refuse: e.g. only names, calls and
// parenthesised expressions can be dereferenced, and a function name must be followed directly by `(`.
// Names are not resolved here: whether `secrets` or `hashFiles` is allowed depends on the workflow key (typeCheck.ts).
import type { AccessKey, ComparisonOperator, Expr } from './ast';
import { lex, unexpectedSymbol, type SyntaxError, type Token, type TokenKind } from './lexer';

export type { SyntaxError };

export interface ParseResult {
  /** Undefined when the text is empty or has a syntax error. */
  readonly expr: Expr | undefined;
  readonly error: SyntaxError | undefined;
}

/** GitHub's nesting limit; deeper expressions are refused. */
export const MAX_DEPTH = 50;

/** Thrown inside the parser only, to unwind on the first error like GitHub does; parse() turns it into a result. */
class ParseFailure extends Error {
  constructor(readonly error: SyntaxError) {
    super(error.message);
  }
}

const COMPARISONS: readonly TokenKind[] = ['<', '<=', '>', '>='];
const EQUALITIES: readonly TokenKind[] = ['==', '!='];

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly textLength: number,
  ) {}

  parseAll(): Expr {
    const expr = this.expression();
    const extra = this.peek();
    if (extra) throw new ParseFailure(unexpectedSymbol(extra.lexeme, extra.start, extra.end));
    return expr;
  }

  private expression(): Expr {
    this.enter();
    try {
      return this.logical('||', () => this.logical('&&', () => this.equality()));
    } finally {
      this.depth--;
    }
  }

  private logical(operator: '&&' | '||', operand: () => Expr): Expr {
    const first = operand();
    if (!this.check(operator)) return first;
    const operands = [first];
    while (this.match(operator)) operands.push(operand());
    const last = operands[operands.length - 1] ?? first;
    return { kind: 'logical', operator, operands, start: first.start, end: last.end };
  }

  private equality(): Expr {
    return this.binary(EQUALITIES, () => this.comparison());
  }

  private comparison(): Expr {
    return this.binary(COMPARISONS, () => this.unary());
  }

  private binary(operators: readonly TokenKind[], operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.matchAny(operators); op; op = this.matchAny(operators)) {
      const right = operand();
      left = {
        kind: 'compare',
        operator: op.kind as ComparisonOperator,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  private unary(): Expr {
    const bang = this.matchAny(['!']);
    if (!bang) return this.postfix();
    this.enter();
    try {
      const operand = this.unary();
      return { kind: 'not', operand, start: bang.start, end: operand.end };
    } finally {
      this.depth--;
    }
  }

  private postfix(): Expr {
    let expr = this.callOrPrimary();
    if (expr.kind !== 'group' && expr.kind !== 'call' && expr.kind !== 'name') return expr;
    const entered = this.depth;
    try {
      for (;;) {
        let key: AccessKey;
        let end: number;
        if (this.match('[')) {
          const star = this.matchAny(['*']);
          key = star ? { kind: 'star', start: star.start, end: star.end } : { kind: 'index', index: this.expression() };
          end = this.consume(']').end;
        } else if (this.match('.')) {
          const next = this.peek();
          if (next?.kind === 'identifier')
            key = { kind: 'property', name: next.lexeme, start: next.start, end: next.end };
          else if (next?.kind === '*') key = { kind: 'star', start: next.start, end: next.end };
          else throw this.unexpected(next);
          this.position++;
          end = next.end;
        } else {
          return expr;
        }
        this.enter();
        expr = { kind: 'access', object: expr, key, start: expr.start, end };
      }
    } finally {
      this.depth = entered;
    }
  }

  private callOrPrimary(): Expr {
    const identifier = this.peek();
    if (identifier?.kind !== 'identifier') return this.primary();
    this.position++;
    if (!this.match('('))
      return { kind: 'name', name: identifier.lexeme, start: identifier.start, end: identifier.end };
    const args: Expr[] = [];
    for (;;) {
      const close = this.matchAny([')']);
      if (close)
        return {
          kind: 'call',
          name: identifier.lexeme,
          nameStart: identifier.start,
          nameEnd: identifier.end,
          args,
          start: identifier.start,
          end: close.end,
        };
      args.push(this.expression());
      if (!this.check(')')) this.consume(',');
    }
  }

  private primary(): Expr {
    const token = this.peek();
    if (!token) throw this.unexpected(undefined);
    this.position++;
    const { kind, start, end } = token;
    if (kind === 'true' || kind === 'false') return { kind: 'literal', value: kind === 'true', start, end };
    if (kind === 'null') return { kind: 'literal', value: null, start, end };
    if (kind === 'number' || kind === 'string') return { kind: 'literal', value: token.value ?? null, start, end };
    if (kind !== '(') throw this.unexpected(token);
    const inner = this.expression();
    const close = this.consume(')');
    return { kind: 'group', inner, start, end: close.end };
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) {
      const at = this.peek();
      throw new ParseFailure({
        message: `The expression nests deeper than GitHub's limit of ${MAX_DEPTH}.`,
        start: at?.start ?? 0,
        end: at?.end ?? this.textLength,
      });
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private check(kind: TokenKind): boolean {
    return this.peek()?.kind === kind;
  }

  private match(kind: TokenKind): boolean {
    if (!this.check(kind)) return false;
    this.position++;
    return true;
  }

  private matchAny(kinds: readonly TokenKind[]): Token | undefined {
    const token = this.peek();
    if (!token || !kinds.includes(token.kind)) return undefined;
    this.position++;
    return token;
  }

  private consume(kind: TokenKind): Token {
    const token = this.peek();
    if (token?.kind !== kind) throw this.unexpected(token, kind);
    this.position++;
    return token;
  }

  private unexpected(token: Token | undefined, expected?: TokenKind): ParseFailure {
    const wanted = expected ? ` Expected '${expected}'.` : '';
    if (!token) {
      const last = this.tokens[this.tokens.length - 1];
      return new ParseFailure({
        message: `Unexpected end of expression.${wanted}`,
        start: last?.start ?? 0,
        end: last?.end ?? this.textLength,
      });
    }
    return new ParseFailure({
      ...unexpectedSymbol(token.lexeme, token.start, token.end),
      message: `Unexpected symbol '${token.lexeme}'.${wanted}`,
    });
  }
}

/** Parses the text between `${{` and `}}` (or a whole `if:` value). Never throws. */
export function parseExpression(text: string): ParseResult {
  const { tokens, error } = lex(text);
  if (error) return { expr: undefined, error };
  if (tokens.length === 0) return { expr: undefined, error: undefined };
  try {
    return { expr: new Parser(tokens, text.length).parseAll(), error: undefined };
  } catch (failure) {
    if (failure instanceof ParseFailure) return { expr: undefined, error: failure.error };
    // A parser bug must not take the rule down with it; say where we gave up.
    return {
      expr: undefined,
      error: { message: 'Preflight could not parse this expression.', start: 0, end: text.length },
    };
  }
}
