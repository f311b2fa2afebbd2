// The expression language piece by piece: lexer, parser, `${{ }}` extraction and functions. Context availability,
// scalar offsets and the workflow-level name checks are in expressionsWorkflow.test.ts; whole-file behaviour (positions,
// fixes, messages) in the rule fixtures test/fixtures/rules/github-workflow/expressions-*.yml.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessNode, Expr } from '../../server/src/engine/expressions/ast';
import { extractExpressions } from '../../server/src/engine/expressions/extract';
import { formatShape } from '../../server/src/engine/expressions/formatString';
import { arityProblem, functionSpec } from '../../server/src/engine/expressions/functions';
import { lex } from '../../server/src/engine/expressions/lexer';
import { parseExpression } from '../../server/src/engine/expressions/parser';

function parsed(text: string): Expr {
  const { expr, error } = parseExpression(text);
  assert.equal(error, undefined, `${text}: ${error?.message ?? ''}`);
  assert.ok(expr, text);
  return expr;
}

/** A compact rendering of the tree, to assert structure and precedence at a glance. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'name':
      return e.name;
    case 'access':
      return `${show(e.object)}${e.key.kind === 'property' ? `.${e.key.name}` : e.key.kind === 'star' ? '.*' : `[${show(e.key.index)}]`}`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')})`;
    case 'not':
      return `!${show(e.operand)}`;
    case 'compare':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'logical':
      return `(${e.operands.map(show).join(` ${e.operator} `)})`;
    case 'group':
      return show(e.inner);
  }
}

describe('expression lexer', () => {
  it('decodes escaped quotes and numbers the way GitHub does', () => {
    const { tokens, error } = lex("'it''s' 0x1F 1e3 -2.5 .5 NaN");
    assert.equal(error, undefined);
    assert.deepEqual(
      tokens.map((t) => t.value),
      ["it's", 31, 1000, -2.5, 0.5, Number.NaN],
    );
    assert.deepEqual(
      tokens.map((t) => [t.start, t.end]),
      [
        [0, 7],
        [8, 12],
        [13, 16],
        [17, 21],
        [22, 24],
        [25, 28],
      ],
    );
  });

  it('reads keywords after a dot as property names', () => {
    assert.deepEqual(
      lex('github.event.inputs.true').tokens.map((t) => t.kind),
      ['identifier', '.', 'identifier', '.', 'identifier', '.', 'identifier'],
    );
  });

  it('reports the whole bad symbol, with a hint for double quotes and single operators', () => {
    assert.deepEqual(lex('github.ref == "main"').error, {
      message: `Unexpected symbol '"main"'. Strings use single quotes in expressions.`,
      start: 14,
      end: 20,
    });
    assert.match(lex("a = 'b'").error?.message ?? '', /Compare with '=='/);
    assert.match(lex('a & b').error?.message ?? '', /Use '&&'/);
    assert.match(lex("'open").error?.message ?? '', /not closed/);
    assert.equal(lex('1_000').error?.message, "Unexpected symbol '1_000'.");
  });
});

describe('expression parser', () => {
  it('binds && tighter than ||, comparisons tighter than &&, ! tightest', () => {
    assert.equal(show(parsed('a || b && c')), '(a || (b && c))');
    assert.equal(show(parsed("!a == b && c != 'x' || d")), '(((!a == b) && (c != "x")) || d)');
    assert.equal(show(parsed('1 < 2 == true')), '((1 < 2) == true)');
    assert.equal(show(parsed('(a || b) && c')), '((a || b) && c)');
    assert.equal(show(parsed('!cancelled()')), '!cancelled()');
  });

  it('parses property dereference, indexes and stars', () => {
    assert.equal(show(parsed('github.event.pull_request.head.sha')), 'github.event.pull_request.head.sha');
    assert.equal(show(parsed('github.event.commits.*.message')), 'github.event.commits.*.message');
    assert.equal(show(parsed("steps.build.outputs['artifact-name']")), 'steps.build.outputs["artifact-name"]');
    assert.equal(show(parsed('fromJSON(x)[0].a[*]')), 'fromJSON(x)[0].a.*');
    assert.equal(show(parsed("format('{0}', x)")), 'format("{0}", x)');
  });

  it('records offsets on every node', () => {
    const expr = parsed("  steps.build.outputs['a']") as AccessNode;
    assert.deepEqual([expr.start, expr.end], [2, 26]);
    assert.equal(expr.key.kind, 'index');
    const call = parsed("x || hashFiles('a')");
    assert.equal(call.kind, 'logical');
  });

  it('refuses what GitHub refuses, at the offending token', () => {
    const cases: [string, string, number][] = [
      ['github.ref &&', 'Unexpected end of expression.', 11],
      ["(github.ref == 'a'", "Unexpected end of expression. Expected ')'.", 15],
      ['github.foo()', "Unexpected symbol '('.", 10],
      ['1 2', "Unexpected symbol '2'.", 2],
      ["'a'.b", "Unexpected symbol '.b'.", 3],
      ['github.', 'Unexpected end of expression.', 6],
    ];
    for (const [text, message, start] of cases) {
      const { error } = parseExpression(text);
      assert.deepEqual([error?.message, error?.start], [message, start], text);
    }
  });

  it('limits nesting depth and never throws', () => {
    assert.match(parseExpression(`${'('.repeat(60)}a${')'.repeat(60)}`).error?.message ?? '', /deeper/);
    const alphabet = 'ab.()[]*\'!=<>&|,0x1e-" $';
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet[seed % alphabet.length] ?? '';
      }
      const result = parseExpression(text);
      assert.ok(result.expr !== undefined || result.error !== undefined || text.trim() === '', text);
    }
  });
});

describe('${{ }} extraction', () => {
  it('skips }} inside strings and handles escaped quotes', () => {
    const value = `echo \${{ fromJSON('{"a": "}}"}').a }} and \${{ 'it''s' }}`;
    const { expressions, unclosedAt, hasLiteralText } = extractExpressions(value);
    assert.deepEqual(
      expressions.map((e) => e.inner.trim()),
      [`fromJSON('{"a": "}}"}').a`, "'it''s'"],
    );
    assert.equal(value.slice(expressions[0]?.start, expressions[0]?.end), `\${{ fromJSON('{"a": "}}"}').a }}`);
    assert.equal(unclosedAt, undefined);
    assert.equal(hasLiteralText, true);
  });

  it('finds unclosed expressions and pure expressions', () => {
    assert.equal(extractExpressions('a ${{ b').unclosedAt, 2);
    assert.equal(extractExpressions("${{ 'x }}").unclosedAt, 0);
    assert.equal(extractExpressions('${{ a }}').hasLiteralText, false);
    assert.equal(extractExpressions('${{ a }} ').hasLiteralText, true);
    assert.equal(extractExpressions('${{ a }}${{ b }}').expressions.length, 2);
    assert.deepEqual(
      extractExpressions('${{}}').expressions.map((e) => e.inner),
      [''],
    );
  });
});

describe('functions', () => {
  it('knows the arity of each function, case-insensitively', () => {
    const problem = (name: string, count: number): string | undefined => {
      const spec = functionSpec(name);
      assert.ok(spec, name);
      return arityProblem(spec, count);
    };
    assert.equal(problem('contains', 2), undefined);
    assert.match(problem('startsWith', 1) ?? '', /exactly 2/);
    assert.equal(problem('FORMAT', 1), undefined);
    assert.match(problem('format', 0) ?? '', /at least 1/);
    assert.equal(problem('join', 2), undefined);
    assert.match(problem('join', 3) ?? '', /1 to 2/);
    assert.equal(problem('toJson', 1), undefined);
    assert.match(problem('fromJSON', 2) ?? '', /exactly 1/);
    assert.match(problem('hashFiles', 0) ?? '', /1 to 255/);
    assert.match(problem('always', 1) ?? '', /exactly 0/);
    assert.equal(problem('case', 3), undefined);
    assert.equal(problem('case', 5), undefined);
    assert.match(problem('case', 4) ?? '', /odd/);
    assert.match(problem('case', 1) ?? '', /at least 3/);
    assert.equal(functionSpec('upper'), undefined);
  });

  it('reads format strings like the runtime', () => {
    assert.deepEqual(formatShape('{0}-{1}'), { valid: true, maxIndex: 1, used: [0, 1] });
    assert.deepEqual(formatShape('{{literal}} {0}'), { valid: true, maxIndex: 0, used: [0] });
    assert.deepEqual(formatShape('{2}{0}{2}').used, [0, 2]);
    assert.equal(formatShape('{0').valid, false);
    assert.equal(formatShape('a}b').valid, false);
    assert.equal(formatShape('{x}').valid, false);
  });
});
