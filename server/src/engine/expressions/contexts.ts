// Which contexts and special functions an expression may use at each workflow key. GitHub evaluates keys at different
// moments (before the job is queued, when the matrix expands, on the runner), so e.g. `secrets` is not available in
// `jobs.<job_id>.if` and `env` is not available anywhere at job level; GitHub rejects the workflow with
// "Unrecognized named-value". The lists are GitHub's own, read from its workflow syntax (github/syntax/contextAvailability.ts);
// this file only adds what that file cannot say: which keys are conditions, and the explanations used in messages.
import { functionEntry, workflowRootCursor, type SchemaCursor } from '../github/syntax/contextAvailability';

export const CONTEXT_NAMES = [
  'github',
  'inputs',
  'vars',
  'needs',
  'strategy',
  'matrix',
  'secrets',
  'steps',
  'job',
  'runner',
  'env',
  'jobs',
] as const;
export type ContextName = (typeof CONTEXT_NAMES)[number];

export interface Availability {
  /** The key as GitHub's docs spell it, for messages: `jobs.<job_id>.steps.if`. */
  readonly key: string;
  readonly contexts: ReadonlySet<ContextName>;
  /** Restricted functions allowed here (lower-case name -> maximum argument count). */
  readonly functions: ReadonlyMap<string, number>;
  /** `if` keys: the value is an expression even without `${{ }}`. */
  readonly condition: boolean;
  /**
   * False where GitHub's syntax gives the value no context: `${{ }}` is then refused, except a lone string literal
   * (`${{ 'x' }}`), which GitHub's reader turns into plain text.
   */
  readonly expressionsAllowed: boolean;
  /** What a whole-value expression must produce here. */
  readonly shape: ValueShape;
}

type Path = readonly (string | number)[];

/** What a whole-value expression (`key: ${{ x }}`) must produce here, from the definitions the key accepts. */
export interface ValueShape {
  readonly scalar: boolean;
  readonly mapping: boolean;
  readonly sequence: boolean;
  /** Keys a mapping may have; undefined when any key is allowed. */
  readonly mappingKeys: readonly string[] | undefined;
}

const LOWER_CONTEXTS = new Set<string>(CONTEXT_NAMES);

/** The docs' spelling of a path: `jobs.<job_id>.steps.if`, `env.<env_id>`; sequence indices are left out. */
function displayKey(path: Path, looseAt: ReadonlySet<number>): string {
  const parts: string[] = [];
  path.forEach((step, i) => {
    if (typeof step === 'number') return;
    const parent = path[i - 1];
    if (looseAt.has(i))
      parts.push(parent === 'jobs' ? '<job_id>' : `<${typeof parent === 'string' ? parent : 'key'}_id>`);
    else parts.push(step);
  });
  return parts.join('.');
}

function availabilityOf(
  key: string,
  context: readonly string[],
  condition: boolean,
  cursor: SchemaCursor,
): Availability {
  const contexts = new Set<ContextName>();
  const functions = new Map<string, number>();
  for (const entry of context) {
    const fn = functionEntry(entry);
    if (fn) functions.set(fn[0].toLowerCase(), fn[1]);
    else if (LOWER_CONTEXTS.has(entry.toLowerCase())) contexts.add(entry.toLowerCase() as ContextName);
  }
  return {
    key,
    contexts,
    functions,
    condition,
    expressionsAllowed: context.length > 0,
    shape: {
      scalar: cursor.acceptsScalar(),
      mapping: cursor.acceptsMapping(),
      sequence: cursor.acceptsSequence(),
      mappingKeys: cursor.mappingKeys(),
    },
  };
}

const memo = new Map<string, Availability | undefined>();

/**
 * What an expression may use at a path in the workflow (mapping keys and sequence indices from the root), read from
 * GitHub's workflow syntax; undefined under keys the syntax does not define (the schema rules report those).
 * `expressionKey`: the expression is the last key itself (`env: { ${{ x }}: y }`), read with its mapping's contexts.
 */
export function availabilityAt(path: Path, expressionKey = false): Availability | undefined {
  const memoKey = `${expressionKey ? 'k' : 'v'}\u0000${path.map((p) => (typeof p === 'number' ? '#' : p)).join('\u0000')}`;
  if (memo.has(memoKey)) return memo.get(memoKey);
  // Paths carry the user's job ids and env names; a language server lives long, so the memo is bounded.
  if (memo.size > 20_000) memo.clear();
  let cursor: SchemaCursor | undefined = workflowRootCursor();
  const looseAt = new Set<number>();
  const last = expressionKey ? path.length - 1 : path.length;
  for (let i = 0; i < last && cursor; i++) {
    const step = path[i];
    if (typeof step === 'number') cursor = cursor.item();
    else if (step !== undefined) {
      const next: SchemaCursor | undefined =
        cursor.child(step) ?? (step.includes('${{') ? cursor.expressionKeyValue() : undefined);
      if (next?.looseKey === true) looseAt.add(i);
      cursor = next;
    }
  }
  let found: Availability | undefined;
  if (cursor) {
    const key = displayKey(path.slice(0, last), looseAt);
    // GitHub's converter reads every `if` value as an expression, `${{ }}` or not; the syntax file cannot say so.
    found = expressionKey
      ? availabilityOf(`${key}.<name>`, cursor.keyContext(), false, cursor)
      : availabilityOf(key, cursor.context(), path[path.length - 1] === 'if', cursor);
  }
  memo.set(memoKey, found);
  return found;
}

/** Where a context can be used and why not elsewhere, completing "'x' is not available in <key>; it ...". */
export const CONTEXT_WHERE: Readonly<Record<ContextName, string>> = {
  github: 'is available wherever expressions are',
  inputs: 'is available wherever expressions are',
  vars: 'is available wherever expressions are',
  needs: 'is available only inside a job (`jobs.<job_id>.*`), where it holds the results of the jobs listed in `needs`',
  strategy:
    "is available inside a job once its matrix is expanded (`runs-on`, `env`, `steps`, ...), but not in the job's `if` or `strategy`, which GitHub evaluates before expanding it",
  matrix:
    "is available inside a job once its matrix is expanded (`runs-on`, `env`, `steps`, ...), but not in the job's `if` or `strategy`, which GitHub evaluates before expanding it",
  secrets:
    'is available in `env` (workflow, job and step), in step `run`, `with`, `name` and `working-directory`, in job `outputs`, ' +
    "container credentials and a reusable workflow's `secrets:`, but never in an `if`. To branch on a secret, map it into `env` and test `env.NAME != ''`",
  steps: "is available only in a job's steps (for steps that ran before), its `outputs` and `environment.url`",
  job: "is available only where the runner evaluates it: a job's steps, its `outputs`, `environment.url` and container `env`",
  runner:
    "is available only where the runner evaluates it: a job's steps, its `outputs`, `environment.url` and container `env`",
  env:
    "is available only inside a job's steps (and `outputs`, `defaults.run`, `environment.url`, container `env`/`credentials`), " +
    'because the runner builds it when the job starts; at job level use `vars`, `inputs` or the literal value',
  jobs: 'is available only in `on.workflow_call.outputs.<output_id>.value` of a reusable workflow',
};

/** Where each restricted function may be called, for "'x' is not available here; it ...". */
export function functionWhere(lowerName: string): string {
  return lowerName === 'hashfiles'
    ? "can only be called in a job's steps (`run`, `with`, `env`, `if`, ...), where the runner sees the files"
    : "can only be called in an `if` condition (a job's or a step's)";
}
