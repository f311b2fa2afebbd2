// The functions GitHub expressions can call, with their argument counts. Names are case-insensitive (`toJson` works).
// Status functions and `hashFiles` exist only at some workflow keys; contexts.ts says which, and may widen an arity
// (job-level `success()`/`failure()` accept job names). From GitHub's "Expressions" reference and its parser.

export interface FunctionSpec {
  /** Spelling used in messages and fixes. */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** `case(pred, value, ..., default)` takes an odd number of arguments. */
  readonly oddArgs?: boolean;
  /** Only where the workflow key allows it (see contexts.ts): status functions and `hashFiles`. */
  readonly restricted?: boolean;
  readonly signature: string;
}

const MAX = Number.MAX_SAFE_INTEGER;

const SPECS: readonly FunctionSpec[] = [
  { name: 'contains', minArgs: 2, maxArgs: 2, signature: 'contains(search, item)' },
  { name: 'startsWith', minArgs: 2, maxArgs: 2, signature: 'startsWith(searchString, searchValue)' },
  { name: 'endsWith', minArgs: 2, maxArgs: 2, signature: 'endsWith(searchString, searchValue)' },
  { name: 'format', minArgs: 1, maxArgs: MAX, signature: "format('{0} {1}', value0, value1, ...)" },
  { name: 'join', minArgs: 1, maxArgs: 2, signature: 'join(array, optionalSeparator)' },
  { name: 'toJSON', minArgs: 1, maxArgs: 1, signature: 'toJSON(value)' },
  { name: 'fromJSON', minArgs: 1, maxArgs: 1, signature: 'fromJSON(value)' },
  { name: 'case', minArgs: 3, maxArgs: MAX, oddArgs: true, signature: 'case(pred1, value1, ..., default)' },
  { name: 'hashFiles', minArgs: 1, maxArgs: 255, restricted: true, signature: "hashFiles('**/pattern', ...)" },
  { name: 'success', minArgs: 0, maxArgs: 0, restricted: true, signature: 'success()' },
  { name: 'always', minArgs: 0, maxArgs: 0, restricted: true, signature: 'always()' },
  { name: 'cancelled', minArgs: 0, maxArgs: 0, restricted: true, signature: 'cancelled()' },
  { name: 'failure', minArgs: 0, maxArgs: 0, restricted: true, signature: 'failure()' },
];

const BY_LOWER = new Map(SPECS.map((s) => [s.name.toLowerCase(), s]));

export const FUNCTION_NAMES: readonly string[] = SPECS.map((s) => s.name);

export function functionSpec(name: string): FunctionSpec | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Why `count` arguments do not fit, or undefined when they do. */
export function arityProblem(spec: FunctionSpec, count: number, maxArgs = spec.maxArgs): string | undefined {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const expected =
    spec.minArgs === maxArgs
      ? `exactly ${plural(spec.minArgs)}`
      : maxArgs >= MAX
        ? `at least ${plural(spec.minArgs)}`
        : `${spec.minArgs} to ${maxArgs} arguments`;
  if (count < spec.minArgs || count > maxArgs)
    return `'${spec.name}' takes ${expected} but got ${count}: ${spec.signature}.`;
  if (spec.oddArgs === true && count % 2 === 0) {
    return `'${spec.name}' takes an odd number of arguments (predicate/value pairs, then a default) but got ${count}: ${spec.signature}.`;
  }
  return undefined;
}
