// Matching a name as GitHub shows it (a job or step name after expressions were evaluated) against the name as written in
// the workflow. Literal text must match exactly; `${{ matrix.x }}` / `${{ matrix.x.y }}` may only be one of the values the
// job's static matrix gives it; any other expression (inputs, github.*, functions) may be any text.
import { extractExpressions } from './extract';
import { asMap, entries, getEntry, isMap, isSeq, type Node, type YAMLMap } from '../yaml/nodes';

export interface NameMatcher {
  readonly test: (shown: string) => boolean;
  /** False when some expression could stand for any text: such a match is weaker than an exact one. */
  readonly exact: boolean;
  /** True when the template spells a matrix value (GitHub then adds no "(…)" suffix). */
  readonly usesMatrix: boolean;
}

const MATRIX_PATH = /^\s*matrix((?:\.[A-Za-z_][\w-]*)+)\s*$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain JS values each matrix key can take, from the key's list and from `include` entries. Undefined when dynamic. */
export function matrixValues(job: YAMLMap): ReadonlyMap<string, readonly unknown[]> | undefined {
  const strategy = asMap(getEntry(job, 'strategy')?.value);
  const matrix = strategy ? getEntry(strategy, 'matrix')?.value : undefined;
  if (!isMap(matrix)) return undefined;
  const values = new Map<string, unknown[]>();
  const add = (key: string, value: unknown): void => {
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  };
  for (const e of entries(matrix)) {
    if (e.key === undefined || e.key === 'exclude') continue;
    if (e.key === 'include') {
      if (!isSeq(e.value)) return undefined;
      for (const item of e.value.items) {
        const m = asMap(item as Node);
        if (!m) return undefined;
        for (const k of entries(m)) if (k.key !== undefined) add(k.key, k.value?.toJSON());
      }
    } else if (isSeq(e.value)) {
      for (const item of e.value.items) add(e.key, (item as Node).toJSON());
    } else {
      return undefined;
    }
  }
  return values;
}

/** The texts `${{ matrix.a.b }}` can become, or undefined when any of them is not a scalar (or the path is unknown). */
function matrixTexts(path: readonly string[], matrix: ReadonlyMap<string, readonly unknown[]>): string[] | undefined {
  const [key, ...rest] = path;
  const roots = key === undefined ? undefined : matrix.get(key);
  if (!roots) return undefined;
  const texts: string[] = [];
  for (const root of roots) {
    let value: unknown = root;
    for (const part of rest)
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined) continue; // that combination leaves it empty
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    texts.push(String(value));
  }
  return texts.length > 0 ? texts : undefined;
}

export function nameMatcher(
  template: string,
  matrix: ReadonlyMap<string, readonly unknown[]> | undefined,
): NameMatcher {
  const { expressions, unclosedAt } = extractExpressions(template);
  if (unclosedAt !== undefined || expressions.length === 0) {
    return { test: (shown) => shown === template, exact: true, usesMatrix: false };
  }
  let pattern = '';
  let from = 0;
  let exact = true;
  let usesMatrix = false;
  for (const e of expressions) {
    pattern += escapeRegExp(template.slice(from, e.start));
    const path = MATRIX_PATH.exec(e.inner)?.[1]?.slice(1).split('.');
    if (path) usesMatrix = true;
    const texts = path && matrix ? matrixTexts(path, matrix) : undefined;
    if (texts) {
      pattern += `(?:${texts.map(escapeRegExp).join('|')})`;
    } else {
      pattern += '[\\s\\S]*?';
      exact = false;
    }
    from = e.end;
  }
  pattern += escapeRegExp(template.slice(from));
  const regex = new RegExp(`^${pattern}$`);
  return { test: (shown) => regex.test(shown), exact, usesMatrix };
}
