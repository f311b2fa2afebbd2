// Comparisons whose result the types already decide, following GitHub's evaluator (@actions/expressions, result.ts):
// `==` and `<`/`>` convert a boolean or null to a number (1 or 0), and then text compared with a number to a number
// (text that is not a number becomes NaN, which equals nothing and orders nothing); objects and arrays are never
// converted: `==` between two of them asks whether they are the same object, and `<`/`>` with one is always false.
import type { CompareNode, ComparisonOperator, Expr } from './ast';
import { describe, isObjectLike, type ExprType } from './types';

/** A side as written, quoted, for messages; undefined when it is not at hand. */
export type TextOf = (node: Expr) => string | undefined;

const ORDERING = new Set<ComparisonOperator>(['<', '<=', '>', '>=']);

/** Why the comparison always gives the same result, or undefined when it can go either way (or we cannot tell). */
export function constantComparison(
  node: CompareNode,
  left: ExprType,
  right: ExprType,
  textOf: TextOf,
): string | undefined {
  // `x == null` asks whether a value is missing, which an object-typed property can be at run time.
  if (left.kind === 'any' || right.kind === 'any' || left.kind === 'null' || right.kind === 'null') return undefined;
  // `'matrix.os' (an object {name, version})`, or just the type.
  const label = (side: Expr, type: ExprType): string => {
    const text = textOf(side);
    return text === undefined ? describe(type) : `${text} (${describe(type)})`;
  };
  if (isObjectLike(left) || isObjectLike(right))
    return objectComparison(node, label(node.left, left), label(node.right, right), left, right);
  return scalarComparison(node, left, right, (side, type) => textOf(side) ?? describe(type));
}

function objectComparison(
  node: CompareNode,
  leftLabel: string,
  rightLabel: string,
  left: ExprType,
  right: ExprType,
): string | undefined {
  const ordering = ORDERING.has(node.operator);
  const always = node.operator === '!=' ? 'true' : 'false';
  if (!ordering && isObjectLike(left) && isObjectLike(right)) {
    // The same path read twice is the same object (`matrix.a == matrix.a`); anything else is another object.
    const a = pathOf(node.left);
    if (a !== undefined && a === pathOf(node.right)) return undefined;
    return (
      `This compares ${leftLabel} with ${rightLabel} using '${node.operator}': GitHub compares objects and arrays ` +
      `by identity, not by content, and these are two different ones, so the result is always ${always}. ` +
      'Compare toJSON() of both, or their properties.'
    );
  }
  const why = ordering
    ? `an object or array is never greater or less than anything in GitHub's comparisons`
    : 'GitHub never converts an object or array for a comparison (it equals only itself)';
  return (
    `This compares ${leftLabel} with ${rightLabel} using '${node.operator}': ${why}, so the result is always ${always}. ` +
    'Compare a property of it, or convert it with toJSON().'
  );
}

/**
 * The property path an access chain reads (`matrix.a`, `needs.x.outputs`), lower-cased; undefined for anything that
 * builds a new value on each evaluation (a function call, `.*`) or reads by a computed key.
 */
function pathOf(node: Expr): string | undefined {
  if (node.kind === 'name') return node.name.toLowerCase();
  if (node.kind === 'group') return pathOf(node.inner);
  if (node.kind !== 'access') return undefined;
  const base = pathOf(node.object);
  if (base === undefined) return undefined;
  const key = node.key;
  if (key.kind === 'property') return `${base}.${key.name.toLowerCase()}`;
  if (
    key.kind === 'index' &&
    key.index.kind === 'literal' &&
    (typeof key.index.value === 'string' || typeof key.index.value === 'number')
  ) {
    return `${base}.${String(key.index.value).toLowerCase()}`;
  }
  return undefined;
}

/**
 * A boolean (or number) compared with a literal that makes the result the same for every value it can have: a boolean
 * with text that is not a number (`inputs.dry-run == 'true'`, always false: GitHub compares 1 or 0 with NaN), a number
 * with such text, a boolean with a number it cannot reach (`inputs.verbose > 60`).
 */
function scalarComparison(
  node: CompareNode,
  left: ExprType,
  right: ExprType,
  nameOf: (side: Expr, type: ExprType) => string,
): string | undefined {
  const sides = [
    { node: node.left, type: left, other: node.right },
    { node: node.right, type: right, other: node.left },
  ];
  for (const side of sides) {
    const literal = side.other.kind === 'literal' ? side.other.value : undefined;
    if (literal === undefined || literal === null) continue;
    if (side.type.kind !== 'bool' && side.type.kind !== 'number') continue;
    const otherNumber =
      typeof literal === 'string' ? Number(literal) : typeof literal === 'boolean' ? Number(literal) : literal;
    const flipped = side.node === node.right;
    if (typeof literal === 'string' && Number.isNaN(otherNumber)) {
      const always = node.operator === '!=' ? 'true' : 'false';
      const fix =
        side.type.kind === 'bool' && /^(true|false)$/i.test(literal.trim())
          ? ` Compare with the boolean itself: ${literal.trim().toLowerCase()}, without quotes.`
          : ' Compare it with a number, or with the value it holds.';
      return (
        `${nameOf(side.node, side.type)} is ${describe(side.type)}, and GitHub compares it with the text '${literal}' as numbers: ` +
        `${side.type.kind === 'bool' ? 'the boolean is 1 or 0, ' : ''}the text is not a number, so '${node.operator}' is always ${always}.${fix}`
      );
    }
    if (side.type.kind !== 'bool' || typeof literal !== 'number') continue;
    const results = [0, 1].map((b) => compareNumbers(flipped ? literal : b, flipped ? b : literal, node.operator));
    if (results[0] !== results[1]) continue;
    return (
      `${nameOf(side.node, side.type)} is a boolean, which GitHub compares with ${literal} as the number 1 (true) or 0 (false), ` +
      `so '${node.operator}' is always ${String(results[0])}. Compare it with true or false, or use a number input.`
    );
  }
  return undefined;
}

function compareNumbers(a: number, b: number, operator: ComparisonOperator): boolean {
  switch (operator) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}
