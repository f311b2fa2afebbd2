// Whether an `if:` condition is a constant (`true`, `false`, `${{ false }}`, `1 == 1`), and its truthiness. GitHub adds
// `success() &&` in front of a condition without a status function, so a constant true condition behaves exactly like
// no condition, and a constant false one means the job or step never runs. Evaluated with GitHub's rules for the few
// operators a constant can use: falsy values are false, null, 0, NaN and ''; `&&`/`||` return an operand.
import type { Expr } from './ast';

type Value = string | number | boolean | null;

function falsy(v: Value): boolean {
  return v === null || v === false || v === '' || v === 0 || (typeof v === 'number' && Number.isNaN(v));
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t === '') return 0;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) || /^0x[0-9a-f]+$/i.test(t) ? Number(t) : Number.NaN;
}

/** GitHub's loose comparison of two scalars: -1, 0, 1, or undefined when they are not comparable. */
function compare(a: Value, b: Value): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (a === null && b === null) return 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The constant value of `expr`, or undefined when it reads a context or calls a function. */
export function constantValue(expr: Expr, depth = 0): { value: Value } | undefined {
  if (depth > 50) return undefined;
  switch (expr.kind) {
    case 'literal':
      return { value: expr.value };
    case 'group':
      return constantValue(expr.inner, depth + 1);
    case 'not': {
      const inner = constantValue(expr.operand, depth + 1);
      return inner && { value: falsy(inner.value) };
    }
    case 'logical': {
      const values: Value[] = [];
      for (const operand of expr.operands) {
        const v = constantValue(operand, depth + 1);
        if (!v) return undefined;
        values.push(v.value);
      }
      const stop = values.find((v) => (expr.operator === '&&' ? falsy(v) : !falsy(v)));
      return { value: stop !== undefined ? stop : (values[values.length - 1] ?? null) };
    }
    case 'compare': {
      const left = constantValue(expr.left, depth + 1);
      const right = constantValue(expr.right, depth + 1);
      if (!left || !right) return undefined;
      const c = compare(left.value, right.value);
      switch (expr.operator) {
        case '==':
          return { value: c === 0 };
        case '!=':
          return { value: c !== 0 };
        case '<':
          return { value: c !== undefined && c < 0 };
        case '<=':
          return { value: c !== undefined && c <= 0 };
        case '>':
          return { value: c !== undefined && c > 0 };
        case '>=':
          return { value: c !== undefined && c >= 0 };
      }
      return undefined;
    }
    case 'name':
    case 'access':
    case 'call':
      return undefined;
  }
}

/** Truthiness of a constant condition, or undefined when it is not constant. */
export function constantTruth(expr: Expr): boolean | undefined {
  const v = constantValue(expr);
  return v === undefined ? undefined : !falsy(v.value);
}
