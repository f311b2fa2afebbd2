// The types of expression values, as far as the workflow tells them: GitHub's evaluator knows null, booleans, numbers,
// strings, objects (dictionaries) and arrays. `any` is a value we cannot know (an event payload field, a fromJSON of
// run-time text); every check treats it as "could be right". An object is `strict` when we know all its properties
// (a matrix row, a job's declared outputs): reading another one gives null, which GitHub renders as an empty string.
import type { Node } from '../yaml/nodes';
import { isMap, isScalar, isSeq } from '../yaml/nodes';

export type ExprType =
  | { readonly kind: 'any' }
  | { readonly kind: 'null' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  | ObjectType
  | ArrayType;

export interface ArrayType {
  readonly kind: 'array';
  readonly item: ExprType;
  /**
   * The result of `x.*`: GitHub's filtered array, where a key reads that key of each item (`x.*.name`, `x.*['name']`)
   * instead of indexing the array itself.
   */
  readonly filtered?: true;
}

export interface ObjectType {
  readonly kind: 'object';
  /** Known properties by lower-case name (GitHub's lookups ignore case), with the spelling for messages. */
  readonly props: ReadonlyMap<string, { readonly name: string; readonly type: ExprType }>;
  /** Type of properties not in `props`; undefined when the object is strict (other properties are null). */
  readonly other: ExprType | undefined;
  /**
   * How messages name a strict object whose missing properties the type checks report (`'job.container'`); unset
   * where another check already reports them (the contexts' own names) or where we would rather stay quiet.
   */
  readonly closedAs?: string;
  /**
   * Set where every property name is an identifier (it starts with a letter or `_`), as GitHub requires of context
   * property names, secrets, variables, inputs, step and job ids: a number used as the key names nothing.
   */
  readonly identifierKeys?: true;
}

export const ANY: ExprType = { kind: 'any' };
export const NULL: ExprType = { kind: 'null' };
export const BOOL: ExprType = { kind: 'bool' };
export const NUMBER: ExprType = { kind: 'number' };
export const STRING: ExprType = { kind: 'string' };

export function arrayOf(item: ExprType, filtered?: 'filtered'): ArrayType {
  return filtered ? { kind: 'array', item, filtered: true } : { kind: 'array', item };
}

/** An object with these properties; `other` is the type of any other property (undefined: there are none). */
export function objectOf(props: Iterable<readonly [string, ExprType]>, other?: ExprType): ObjectType {
  const map = new Map<string, { name: string; type: ExprType }>();
  for (const [name, type] of props) map.set(name.toLowerCase(), { name, type });
  return { kind: 'object', props: map, other };
}

/** A strict object whose missing properties are reported, named `closedAs` in messages. */
export function closedObjectOf(props: Iterable<readonly [string, ExprType]>, closedAs: string): ObjectType {
  return { ...objectOf(props), closedAs };
}

/** The same object, known to have identifier property names only (see ObjectType.identifierKeys). */
export function withIdentifierKeys(t: ObjectType): ObjectType {
  return { ...t, identifierKeys: true };
}

/** An object whose property names we do not know, all of one type (`env`, `secrets`, a step's outputs). */
export function mapOf(value: ExprType): ObjectType {
  return objectOf([], value);
}

/** The same type with no object reporting missing properties (for values whose leftovers are meant, like matrix rows). */
export function withoutClosedAs(t: ExprType, depth = 0): ExprType {
  if (depth > 20) return t;
  if (t.kind === 'array') return arrayOf(withoutClosedAs(t.item, depth + 1), t.filtered ? 'filtered' : undefined);
  if (t.kind !== 'object') return t;
  return objectOf(
    [...t.props.values()].map((p) => [p.name, withoutClosedAs(p.type, depth + 1)] as const),
    t.other,
  );
}

export function isObjectLike(t: ExprType): boolean {
  return t.kind === 'object' || t.kind === 'array';
}

/** How a type is spelled in messages: `string`, `object {os, python}`, `array of string`. */
export function describe(t: ExprType): string {
  switch (t.kind) {
    case 'object': {
      const names = [...t.props.values()].map((p) => p.name);
      if (names.length === 0) return 'an object';
      const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', ...' : '');
      return `an object {${shown}}`;
    }
    case 'array':
      return t.item.kind === 'any' ? 'an array' : `an array of ${describe(t.item).replace(/^an? /, '')}`;
    case 'null':
      return 'null';
    case 'bool':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'any':
      return 'any value';
  }
}

/** The type covering both (for matrix values that differ per row): equal kinds merge, different ones give `any`. */
export function merge(a: ExprType, b: ExprType): ExprType {
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  // Either may be a filtered array: keep the leniency that goes with one.
  if (a.kind === 'array' && b.kind === 'array')
    return arrayOf(merge(a.item, b.item), a.filtered || b.filtered ? 'filtered' : undefined);
  if (a.kind === 'object' && b.kind === 'object') {
    const props: [string, ExprType][] = [];
    const names = new Map<string, string>();
    for (const p of [...a.props.values(), ...b.props.values()]) names.set(p.name.toLowerCase(), p.name);
    for (const [lower, name] of names) {
      const left = a.props.get(lower)?.type;
      const right = b.props.get(lower)?.type;
      // A key missing from one row is null there, which renders as empty: keep the other row's type.
      props.push([name, left && right ? merge(left, right) : (left ?? right ?? ANY)]);
    }
    const other = a.other && b.other ? merge(a.other, b.other) : (a.other ?? b.other);
    return objectOf(props, other);
  }
  if (a.kind === b.kind) return a;
  // A missing value (null) next to a string, number or boolean behaves like that scalar in templates and comparisons.
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  return ANY;
}

/**
 * The type of a YAML value written in the workflow (a matrix value, an `include` row). `expressionType` types a string
 * that is one whole `${{ }}` (GitHub then keeps the expression's value, object or not); other `${{ }}` text is `any`.
 */
export function typeOfYaml(
  node: Node | null | undefined,
  expressionType?: (text: string) => ExprType,
  depth = 0,
): ExprType {
  if (depth > 20) return ANY;
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') {
      if (!v.includes('${{')) return STRING;
      const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(v);
      return whole?.[1] !== undefined && !whole[1].includes('}}') && expressionType ? expressionType(whole[1]) : ANY;
    }
    if (typeof v === 'number') return NUMBER;
    if (typeof v === 'boolean') return BOOL;
    if (v === null || v === undefined) return NULL;
    return ANY;
  }
  if (isSeq(node)) {
    const items = node.items.map((i) => typeOfYaml(i as Node | null, expressionType, depth + 1));
    return arrayOf(items.length === 0 ? ANY : items.reduce(merge));
  }
  if (isMap(node)) {
    const props: [string, ExprType][] = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) return mapOf(ANY);
      const key = String(pair.key.value);
      if (key.includes('${{') || key === '<<') return mapOf(ANY);
      props.push([key, typeOfYaml(pair.value as Node | null, expressionType, depth + 1)]);
    }
    return objectOf(props);
  }
  return ANY;
}

/** The type of a JSON value (a `fromJSON` of a literal). */
export function typeOfJson(value: unknown, depth = 0): ExprType {
  if (depth > 20) return ANY;
  if (value === null) return NULL;
  if (typeof value === 'string') return STRING;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'boolean') return BOOL;
  if (Array.isArray(value)) {
    const items = value.map((v) => typeOfJson(v, depth + 1));
    return arrayOf(items.length === 0 ? ANY : items.reduce(merge));
  }
  if (typeof value === 'object') {
    return closedObjectOf(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeOfJson(v, depth + 1)]),
      'the object fromJSON() parses',
    );
  }
  return ANY;
}
