// A job's `strategy.matrix` read as GitHub reads it when it expands the matrix, so that rules can tell whether an
// `exclude` entry can match a leg. GitHub's own matrix builder (GitHub.Actions.WorkflowParser MatrixBuilder) turns each
// exclude entry into one comparison per leaf, `matrix.os['runner'] == 'ubuntu-latest'`, evaluated with the expression
// language's loose equality: strings compare case-insensitively, a number and a string compare as numbers, a missing
// property is null. So an exclude object may name a subset of a value's properties, and an exclude list may name a
// prefix of a list value. Anything not known before the run (an expression, an alias) makes the answer "unknown".
import {
  asMap,
  entries,
  getEntry,
  isMap,
  isScalar,
  isSeq,
  type MapEntry,
  type Node,
  type YAMLMap,
} from '../../yaml/nodes';

/** A YAML value as plain data; `UNKNOWN` where it is only known at run time. */
export type Plain = null | boolean | number | string | readonly Plain[] | PlainObject;
export interface PlainObject {
  readonly [key: string]: Plain;
}
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Known<T> = T | typeof UNKNOWN;

/** One matrix key (a vector) with its values, or UNKNOWN values when the row is an expression. */
export interface MatrixVector {
  readonly entry: MapEntry;
  readonly name: string;
  /** The row's items with their nodes; undefined when the row is not a literal list. */
  readonly items: readonly { readonly node: Node; readonly value: Known<Plain> }[] | undefined;
}

export interface MatrixModel {
  readonly vectors: readonly MatrixVector[];
  /** Keys that only `include` adds (GitHub applies `exclude` before `include`, so these cannot be excluded). */
  readonly includeOnlyKeys: ReadonlySet<string>;
  /** The `exclude` list's entries, or undefined when absent or not a literal list. */
  readonly exclude: readonly Node[] | undefined;
}

const EXPRESSION = /\$\{\{/;

/** The literal matrix of a job, or undefined when there is none or it comes from an expression. */
export function matrixOf(job: YAMLMap): MatrixModel | undefined {
  const strategy = asMap(getEntry(job, 'strategy')?.value);
  const matrix = strategy ? asMap(getEntry(strategy, 'matrix')?.value) : undefined;
  if (!matrix) return undefined;
  const vectors: MatrixVector[] = [];
  const includeOnlyKeys = new Set<string>();
  let exclude: Node[] | undefined;
  for (const entry of entries(matrix)) {
    if (entry.key === undefined) continue;
    if (entry.key === 'include') {
      if (!isSeq(entry.value)) continue;
      for (const item of entry.value.items) {
        const m = asMap(item as Node);
        if (m) for (const k of entries(m)) if (k.key !== undefined) includeOnlyKeys.add(k.key);
      }
    } else if (entry.key === 'exclude') {
      if (isSeq(entry.value)) exclude = entry.value.items.map((i) => i as Node);
    } else {
      const items: MatrixVector['items'] = isSeq(entry.value)
        ? entry.value.items.map((i) => ({ node: i as Node, value: plainValue(i as Node) }))
        : undefined;
      vectors.push({ entry, name: entry.key, items });
    }
  }
  for (const v of vectors) includeOnlyKeys.delete(v.name);
  return { vectors, includeOnlyKeys, exclude };
}

/** A node as plain data; UNKNOWN when any part of it is an expression, an alias or a tagged value. */
export function plainValue(node: Node | null | undefined): Known<Plain> {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const v: unknown = node.value;
    if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
    if (typeof v === 'string') return EXPRESSION.test(v) ? UNKNOWN : v;
    return UNKNOWN;
  }
  if (isSeq(node)) {
    const out: Plain[] = [];
    for (const item of node.items) {
      const v = plainValue(item as Node);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  if (isMap(node)) {
    const out: Record<string, Plain> = {};
    for (const e of entries(node)) {
      if (e.key === undefined || EXPRESSION.test(e.key)) return UNKNOWN;
      const v = plainValue(e.value);
      if (v === UNKNOWN) return UNKNOWN;
      out[e.key] = v;
    }
    return out;
  }
  return UNKNOWN;
}

type PathStep = string | number;
interface Leaf {
  readonly path: readonly PathStep[];
  readonly literal: null | boolean | number | string;
}

/** The comparisons GitHub builds from an exclude value: one per leaf, with the path to it. */
function leaves(value: Plain, path: PathStep[] = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) (value as readonly Plain[]).forEach((v, i) => leaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push({ path, literal: value });
  return out;
}

/** `value[step]` as the expression language indexes: object keys case-insensitively, a missing property is null. */
function index(value: Plain, step: PathStep): Plain {
  if (Array.isArray(value)) {
    const i = typeof step === 'number' ? step : Number(step);
    return Number.isInteger(i) && i >= 0 ? ((value as readonly Plain[])[i] ?? null) : null;
  }
  if (value !== null && typeof value === 'object') {
    const key = String(step).toLowerCase();
    const found = Object.entries(value).find(([k]) => k.toLowerCase() === key);
    return found ? found[1] : null;
  }
  return null;
}

function toNumber(v: Plain): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return NaN;
}

/** The expression language's `==` (objects and arrays are never equal to a literal). */
export function looseEquals(a: Plain, b: Plain): boolean {
  const kind = (v: Plain): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const ka = kind(a);
  const kb = kind(b);
  if (ka === kb) {
    if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
    if (typeof a === 'number' && typeof b === 'number') return !Number.isNaN(a) && a === b;
    return ka === 'null' || a === b;
  }
  if (ka === 'object' || ka === 'array' || kb === 'object' || kb === 'array') return false;
  const na = toNumber(a);
  const nb = toNumber(b);
  return !Number.isNaN(na) && !Number.isNaN(nb) && na === nb;
}

/** Whether GitHub's filter for `filter` (one exclude key's value) matches the matrix value `value`. */
export function filterMatches(filter: Plain, value: Plain): boolean {
  return leaves(filter).every((leaf) => looseEquals(leaf.path.reduce<Plain>(index, value), leaf.literal));
}

/**
 * Why a filter matches none of `values`: `near` when a string differs from a value's only as a prefix or by a typo;
 * `shape` when, for every value, it names a property or item the value does not have, or a list or object where the
 * value is a single value (or the reverse); `absent` when the value is simply not there (often one removed from the
 * matrix, leaving the entry stale).
 */
export function mismatchKind(
  filter: Plain,
  values: readonly Plain[],
  isNear: (wanted: string, actual: string) => boolean,
): 'shape' | 'near' | 'absent' {
  const kinds = values.map((value) => valueMismatch(filter, value, isNear));
  if (kinds.includes('near')) return 'near';
  return kinds.length > 0 && kinds.every((k) => k === 'shape') ? 'shape' : 'absent';
}

function valueMismatch(
  filter: Plain,
  value: Plain,
  isNear: (wanted: string, actual: string) => boolean,
): 'shape' | 'near' | 'absent' {
  let near = false;
  for (const leaf of leaves(filter)) {
    let at: Plain = value;
    for (const step of leaf.path) {
      if (at === null || typeof at !== 'object' || !hasStep(at, step)) return 'shape';
      at = index(at, step);
    }
    if (at !== null && typeof at === 'object') return 'shape';
    if (
      typeof leaf.literal === 'string' &&
      typeof at === 'string' &&
      !looseEquals(at, leaf.literal) &&
      isNear(leaf.literal, at)
    )
      near = true;
  }
  return near ? 'near' : 'absent';
}

function hasStep(value: Plain, step: PathStep): boolean {
  if (Array.isArray(value)) return Number(step) < value.length;
  if (value !== null && typeof value === 'object')
    return Object.keys(value).some((k) => k.toLowerCase() === String(step).toLowerCase());
  return false;
}

/** A short rendering of a value for messages, as the user would write it in flow style. */
export function showPlain(value: Plain): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${(value as readonly Plain[]).map(showPlain).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${showPlain(v)}`)
      .join(', ')}}`;
  return String(value);
}

/** Identity of a value for finding duplicates (key order in mappings does not matter). */
export function canonical(value: Plain): string {
  if (Array.isArray(value)) return `[${(value as readonly Plain[]).map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
