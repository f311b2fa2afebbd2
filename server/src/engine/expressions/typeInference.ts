// Types of an expression's values, and the mistakes they reveal, following GitHub's evaluator
// (@actions/expressions): `==` coerces scalars like JavaScript's loose equality (null and booleans become numbers,
// strings are compared ignoring case) but never an object or array, which equals only itself; `<`/`>` between an
// object or array and anything are false; property access on a non-object gives null; `x.*` always gives an array;
// `fromJSON` fails the step on text that is not JSON. Only what is certain from the types is reported.
import { childrenOf, type AccessNode, type CallNode, type CompareNode, type Expr } from './ast';
import { constantComparison } from './comparisons';
import { contextType } from './contextTypes';
import { CONTEXT_NAMES, type ContextName } from './contexts';
import type { Scope } from './scope';
import {
  ANY,
  BOOL,
  NULL,
  NUMBER,
  STRING,
  arrayOf,
  describe,
  isObjectLike,
  merge,
  typeOfJson,
  type ExprType,
  type ObjectType,
} from './types';

export interface TypeIssue {
  readonly rule: 'expression-type' | 'expression-undefined';
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity?: 'warning';
}

const CONTEXTS = new Set<string>(CONTEXT_NAMES);

/** `fromJSON('...')` of a literal: the parsed type, or why it does not parse. */
function fromJsonLiteral(call: CallNode): { type: ExprType } | { error: string } | undefined {
  const arg = call.args[0];
  if (call.args.length !== 1 || arg?.kind !== 'literal' || typeof arg.value !== 'string') return undefined;
  if (arg.value.trim() === '') return { error: "fromJSON('') fails the step: the text is empty." };
  try {
    return { type: typeOfJson(JSON.parse(arg.value)) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      error: `fromJSON() fails the step: '${arg.value.length > 40 ? `${arg.value.slice(0, 40)}...` : arg.value}' is not valid JSON (${why}).`,
    };
  }
}

export class TypeChecker {
  readonly issues: TypeIssue[] = [];
  private readonly types = new Map<Expr, ExprType>();
  /** Nodes whose null is written in the workflow (`null`, `fromJSON('null')`, a matrix value that is null), not a missing property. */
  private readonly writtenNull = new Set<Expr>();

  /** `source` is the expression's text, for naming its parts in messages as the user wrote them. */
  constructor(
    private readonly scope: Scope,
    private readonly source?: string,
  ) {}

  /** A part of the expression quoted as written; undefined when the text is not at hand or too long for a message. */
  private textOf(node: Expr): string | undefined {
    const text = this.source?.slice(node.start, node.end).trim();
    if (text === undefined || text === '' || text.length > 60) return undefined;
    // A literal is shown as written: a string already has its quotes.
    return node.kind === 'literal' ? text : `'${text}'`;
  }

  /** How a message names a part of the expression: its text, or its type. */
  private nameOf(node: Expr, type: ExprType): string {
    return this.textOf(node) ?? describe(type);
  }

  /** The type of `node`, reporting what is wrong inside it on the way. Iterative: GitHub allows very long chains. */
  typeOf(root: Expr): ExprType {
    // Post-order walk: children first, with an explicit stack.
    const stack: { node: Expr; visited: boolean }[] = [{ node: root, visited: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      if (!top.visited) {
        top.visited = true;
        for (const child of childrenOf(top.node)) stack.push({ node: child, visited: false });
        continue;
      }
      stack.pop();
      const type = this.compute(top.node);
      this.types.set(top.node, type);
      if (type.kind === 'null' && this.isWrittenNull(top.node)) this.writtenNull.add(top.node);
    }
    return this.types.get(root) ?? ANY;
  }

  /** True when `node` is null because the workflow says so, rather than because what it reads is missing. */
  isNullAsWritten(node: Expr): boolean {
    return this.writtenNull.has(node);
  }

  private isWrittenNull(node: Expr): boolean {
    switch (node.kind) {
      case 'literal':
      case 'call':
        // A call is null here only as fromJSON() of the literal 'null'.
        return true;
      case 'group':
        return this.writtenNull.has(node.inner);
      case 'access': {
        const object = this.type(node.object);
        const name =
          node.key.kind === 'property'
            ? node.key.name
            : node.key.kind === 'index' && node.key.index.kind === 'literal' && typeof node.key.index.value === 'string'
              ? node.key.index.value
              : undefined;
        return (
          object.kind === 'object' && name !== undefined && object.props.get(name.toLowerCase())?.type.kind === 'null'
        );
      }
      case 'name':
      case 'not':
      case 'compare':
      case 'logical':
        return false;
    }
  }

  private type(node: Expr): ExprType {
    return this.types.get(node) ?? ANY;
  }

  private compute(node: Expr): ExprType {
    switch (node.kind) {
      case 'literal':
        return node.value === null
          ? NULL
          : typeof node.value === 'string'
            ? STRING
            : typeof node.value === 'number'
              ? NUMBER
              : BOOL;
      case 'name':
        return CONTEXTS.has(node.name.toLowerCase())
          ? contextType(node.name.toLowerCase() as ContextName, this.scope)
          : ANY;
      case 'group':
        return this.type(node.inner);
      case 'not':
        return BOOL;
      case 'logical':
        // `a && b` is one of its operands, not a boolean.
        return node.operands.map((o) => this.type(o)).reduce(merge);
      case 'compare':
        this.compare(node);
        return BOOL;
      case 'call':
        return this.call(node);
      case 'access':
        return this.access(node);
    }
  }

  private compare(node: CompareNode): void {
    const problem = constantComparison(node, this.type(node.left), this.type(node.right), (n) => this.textOf(n));
    if (problem) this.issues.push({ rule: 'expression-type', message: problem, start: node.start, end: node.end });
  }

  private call(node: CallNode): ExprType {
    switch (node.name.toLowerCase()) {
      case 'contains':
      case 'startswith':
      case 'endswith':
        this.searchArguments(node);
        return BOOL;
      case 'success':
      case 'failure':
      case 'always':
      case 'cancelled':
        return BOOL;
      case 'format':
      case 'join':
      case 'tojson':
      case 'hashfiles':
        return STRING;
      case 'fromjson': {
        const parsed = fromJsonLiteral(node);
        if (parsed && 'error' in parsed) {
          this.issues.push({ rule: 'expression-type', message: parsed.error, start: node.start, end: node.end });
          return ANY;
        }
        return parsed?.type ?? ANY;
      }
      case 'case':
        return node.args
          .filter((_a, i) => i % 2 === 1 || i === node.args.length - 1)
          .map((a) => this.type(a))
          .reduce(merge, NULL);
      default:
        return ANY;
    }
  }

  /**
   * `contains`, `startsWith` and `endsWith` compare text: given an object (or, but for `contains`' first argument, an
   * array) GitHub's functions return false without converting it.
   */
  private searchArguments(node: CallNode): void {
    const [search, item] = node.args.map((a) => this.type(a));
    if (!search || !item) return;
    const name = node.name;
    const lower = name.toLowerCase();
    let wrong: { which: string; type: ExprType } | undefined;
    if (lower === 'contains') {
      if (search.kind === 'object') wrong = { which: 'first', type: search };
      else if (search.kind !== 'array' && search.kind !== 'any' && isObjectLike(item))
        wrong = { which: 'second', type: item };
    } else if (isObjectLike(search)) wrong = { which: 'first', type: search };
    else if (isObjectLike(item)) wrong = { which: 'second', type: item };
    if (!wrong) return;
    const fix =
      lower === 'contains' && wrong.which === 'first'
        ? 'Search an array (e.g. `x.*.name`) or a string (toJSON() of the object).'
        : 'Pass a string, e.g. a property of it or toJSON() of it.';
    this.issues.push({
      rule: 'expression-type',
      message: `The ${wrong.which} argument of ${name}() is ${describe(wrong.type)}, which it does not convert to text, so the result is always false. ${fix}`,
      start: node.start,
      end: node.end,
    });
  }

  private access(node: AccessNode): ExprType {
    const object = this.type(node.object);
    const key = node.key;
    if (key.kind === 'star') {
      if (object.kind === 'object')
        return arrayOf(object.other ?? [...object.props.values()].map((p) => p.type).reduce(merge, NULL), 'filtered');
      // `x.*.*` flattens the items of a filtered array, which we do not follow.
      if (object.kind === 'array') return arrayOf(object.filtered ? ANY : object.item, 'filtered');
      return arrayOf(ANY, 'filtered');
    }
    const index = key.kind === 'property' ? STRING : this.type(key.index);
    const name =
      key.kind === 'property'
        ? key.name
        : key.index.kind === 'literal' && key.index.value !== null
          ? String(key.index.value)
          : undefined;
    switch (object.kind) {
      case 'any':
        return ANY;
      case 'object': {
        if (key.kind === 'index' && this.objectKey(object, this.nameOf(node.object, object), index, key.index))
          return NULL;
        if (name === undefined) return object.other ?? ANY;
        const found = object.props.get(name.toLowerCase())?.type ?? object.other;
        if (found) return found;
        if (object.closedAs !== undefined) {
          const known = [...object.props.values()].map((p) => `'${p.name}'`);
          this.issues.push({
            rule: 'expression-undefined',
            message:
              `${object.closedAs.charAt(0).toUpperCase()}${object.closedAs.slice(1)} has no property '${name}', so it is always empty.` +
              (known.length > 0 ? ` It has ${known.slice(0, 8).join(', ')}.` : ''),
            start: key.kind === 'property' ? key.start : key.index.start,
            end: key.kind === 'property' ? key.end : key.index.end,
          });
        }
        return NULL;
      }
      case 'array':
        // A filtered array (`x.*`) reads the key of each of its items (skipping those without it), and the result is
        // again a filtered array.
        if (object.filtered) {
          const item =
            object.item.kind === 'object' && name !== undefined
              ? (object.item.props.get(name.toLowerCase())?.type ?? object.item.other)
              : undefined;
          return arrayOf(item ?? ANY, 'filtered');
        }
        if (key.kind === 'index' && this.arrayIndex(this.nameOf(node.object, object), index, key.index)) return NULL;
        if (index.kind === 'number') return object.item;
        return ANY;
      case 'null':
      case 'bool':
      case 'number':
      case 'string':
        if (name !== undefined && object.kind !== 'null') {
          this.issues.push({
            rule: 'expression-type',
            message: `'${name}' is read from ${describe(object)}, which has no properties, so the result is always empty. Use the value itself.`,
            start: key.kind === 'property' ? key.start : node.start,
            end: node.end,
          });
        }
        return NULL;
    }
  }

  /**
   * `obj[key]` with a key that can name no property: GitHub looks a property up by the key's text, so a boolean reads
   * 'true' or 'false', a number its digits (names here are identifiers, or the object's own), an object or array nothing.
   * Reports it and returns true; a key of uncertain type is left alone.
   */
  private objectKey(object: ObjectType, objectName: string, index: ExprType, node: Expr): boolean {
    const literal = node.kind === 'literal' ? node.value : undefined;
    // A boolean or a number may name a property of an object whose names we do not know (a step's outputs written as
    // `true=...` to be picked by a boolean, a matrix row); contexts, secrets, inputs and such have identifier names.
    const namesUnknown = object.identifierKeys !== true && object.other !== undefined;
    let why: string;
    if (index.kind === 'bool') {
      if (namesUnknown) return false;
      const texts = typeof literal === 'boolean' ? [String(literal)] : ['true', 'false'];
      if (texts.some((t) => object.props.has(t))) return false;
      why = `a boolean key, which GitHub turns into the text ${texts.map((t) => `'${t}'`).join(' or ')}; ${objectName} has no property of that name`;
    } else if (index.kind === 'number') {
      if (
        typeof literal === 'number'
          ? object.props.has(String(literal))
          : [...object.props.keys()].some((k) => /^[\d.+-]/.test(k))
      )
        return false;
      if (namesUnknown) return false;
      const text = typeof literal === 'number' ? `the text '${String(literal)}'` : 'its digits';
      why = `a number key, which GitHub turns into ${text}; ${objectName} has no property of that name (numbers index arrays, not objects)`;
    } else if (isObjectLike(index)) {
      why = `a key that is ${describe(index)}, which GitHub never turns into a name`;
    } else {
      return false;
    }
    this.issues.push({
      rule: 'expression-type',
      message: `${objectName} is looked up by ${why}, so the result is always empty. Use a property name (a string) as the key.`,
      start: node.start,
      end: node.end,
    });
    return true;
  }

  /** `array[key]` of a plain array with a key that is no index: text that is not a number, or an object or array. */
  private arrayIndex(arrayName: string, index: ExprType, node: Expr): boolean {
    const literal = node.kind === 'literal' ? node.value : undefined;
    let what: string;
    if (typeof literal === 'string') {
      const n = Number(literal);
      if (!Number.isNaN(n) && Number.isFinite(n) && n >= 0) return false;
      what = `the text '${literal}', which is not a number`;
    } else if (isObjectLike(index)) {
      what = describe(index);
    } else {
      return false;
    }
    this.issues.push({
      rule: 'expression-type',
      message: `${arrayName} is an array, indexed by number (0, 1, ...), but this index is ${what}, so the result is always empty. Use a number, or read a property of every item with '.*' (e.g. x.*.name).`,
      start: node.start,
      end: node.end,
    });
    return true;
  }
}
