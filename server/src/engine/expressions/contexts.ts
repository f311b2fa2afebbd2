// Which contexts and special functions an expression may use at each workflow key. GitHub evaluates keys at different
// moments (before the job is queued, when the matrix expands, on the runner), so e.g. `secrets` is not available in
// `jobs.<job_id>.if` and `env` is not available anywhere at job level; GitHub rejects the workflow with
// "Unrecognized named-value". Taken from GitHub's "Contexts > Context availability" table and its workflow schema
// (actions/languageservices `workflow-v1.0.json`, where a key's contexts add to its parent's); where the two differ,
// we allow the union, since a false alarm costs more than a missed one.

export const CONTEXT_NAMES = ['github', 'inputs', 'vars', 'needs', 'strategy', 'matrix', 'secrets', 'steps', 'job', 'runner', 'env', 'jobs'] as const;
export type ContextName = (typeof CONTEXT_NAMES)[number];

export interface Availability {
  /** The key as GitHub's docs spell it, for messages: `jobs.<job_id>.steps.if`. */
  readonly key: string;
  readonly contexts: ReadonlySet<ContextName>;
  /** Restricted functions allowed here (lower-case name -> maximum argument count). */
  readonly functions: ReadonlyMap<string, number>;
  /** `if` keys: the value is an expression even without `${{ }}`. */
  readonly condition: boolean;
  /** False where GitHub reads the value literally and refuses `${{ }}` (e.g. `uses`, `needs`). */
  readonly expressionsAllowed: boolean;
}

type Path = readonly (string | number)[];

const MAX = Number.MAX_SAFE_INTEGER;
const BASE: readonly ContextName[] = ['github', 'inputs', 'vars'];
const JOB: readonly ContextName[] = [...BASE, 'needs'];
const MATRIX: readonly ContextName[] = [...JOB, 'strategy', 'matrix'];
const RUNNER: readonly ContextName[] = [...MATRIX, 'secrets', 'steps', 'job', 'runner', 'env'];
const RUNNER_NO_SECRETS = RUNNER.filter((c) => c !== 'secrets');
const HASH_FILES = { hashfiles: 255 };
const STEP_STATUS = { always: 0, cancelled: 0, success: 0, failure: 0 };
// At job level `success()` and `failure()` may name jobs: GitHub's schema declares them `(0,MAX)` there.
const JOB_STATUS = { always: 0, cancelled: 0, success: MAX, failure: MAX };

function at(key: string, contexts: readonly ContextName[], options: { functions?: Record<string, number>; condition?: boolean } = {}): Availability {
  return {
    key,
    contexts: new Set(contexts),
    functions: new Map(Object.entries(options.functions ?? {})),
    condition: options.condition ?? false,
    expressionsAllowed: true,
  };
}

function literal(key: string): Availability {
  return { key, contexts: new Set(), functions: new Map(), condition: false, expressionsAllowed: false };
}

const J = 'jobs.<job_id>';
const S = `${J}.steps`;

const STEP_KEYS: Readonly<Record<string, Availability>> = {
  if: at(`${S}.if`, RUNNER_NO_SECRETS, { functions: { ...STEP_STATUS, ...HASH_FILES }, condition: true }),
  run: at(`${S}.run`, RUNNER, { functions: HASH_FILES }),
  'working-directory': at(`${S}.working-directory`, RUNNER, { functions: HASH_FILES }),
  name: at(`${S}.name`, RUNNER, { functions: HASH_FILES }),
  env: at(`${S}.env`, RUNNER, { functions: HASH_FILES }),
  with: at(`${S}.with`, RUNNER, { functions: HASH_FILES }),
  'timeout-minutes': at(`${S}.timeout-minutes`, RUNNER, { functions: HASH_FILES }),
  'continue-on-error': at(`${S}.continue-on-error`, RUNNER, { functions: HASH_FILES }),
  uses: literal(`${S}.uses`),
  id: literal(`${S}.id`),
  shell: literal(`${S}.shell`),
};

const CREDENTIALS: readonly ContextName[] = [...MATRIX, 'secrets', 'env'];

function jobKey(path: Path): Availability | undefined {
  const key = path[2];
  if (typeof key !== 'string') return undefined;
  switch (key) {
    case 'if':
      return at(`${J}.if`, JOB, { functions: JOB_STATUS, condition: true });
    case 'strategy':
      return at(`${J}.strategy`, JOB);
    case 'name': case 'runs-on': case 'timeout-minutes': case 'cancel-timeout-minutes': case 'continue-on-error': case 'concurrency':
      return at(`${J}.${key}`, MATRIX);
    case 'with':
      return at(`${J}.with.<with_id>`, MATRIX);
    case 'secrets':
      return at(`${J}.secrets.<secrets_id>`, [...MATRIX, 'secrets']);
    case 'env':
      return at(`${J}.env`, [...MATRIX, 'secrets']);
    case 'outputs':
      return at(`${J}.outputs.<output_id>`, RUNNER);
    case 'environment':
      return path[3] === 'url' ? at(`${J}.environment.url`, RUNNER_NO_SECRETS) : at(`${J}.environment`, MATRIX);
    case 'defaults':
      return path[3] === 'run' ? at(`${J}.defaults.run`, [...MATRIX, 'env']) : undefined;
    case 'container':
      if (path[3] === 'env') return at(`${J}.container.env.<env_id>`, RUNNER);
      if (path[3] === 'credentials') return at(`${J}.container.credentials`, CREDENTIALS);
      return at(`${J}.container`, MATRIX);
    case 'services':
      if (path[4] === 'env') return at(`${J}.services.<service_id>.env.<env_id>`, RUNNER);
      if (path[4] === 'credentials') return at(`${J}.services.<service_id>.credentials`, CREDENTIALS);
      return at(`${J}.services`, MATRIX);
    case 'snapshot':
      return path[3] === 'if' ? at(`${J}.snapshot.if`, MATRIX, { condition: true }) : undefined;
    case 'steps': {
      const stepKey = path[4];
      return typeof path[3] === 'number' && typeof stepKey === 'string' ? STEP_KEYS[stepKey] : undefined;
    }
    case 'uses': case 'needs': case 'permissions':
      return literal(`${J}.${key}`);
    default:
      return undefined;
  }
}

/**
 * What an expression may use at a path in the workflow (mapping keys and sequence indices from the root), or undefined
 * where we do not know (unknown keys, `on` filters): nothing is checked there.
 */
export function availabilityAt(path: Path): Availability | undefined {
  const top = path[0];
  if (typeof top !== 'string') return undefined;
  switch (top) {
    case 'run-name':
      return at('run-name', BASE);
    case 'concurrency':
      return at('concurrency', BASE);
    case 'env':
      return at('env', [...BASE, 'secrets']);
    case 'permissions':
      return literal('permissions');
    case 'on':
      if (path[1] !== 'workflow_call') return undefined;
      if (path[2] === 'inputs' && path[4] === 'default') return at('on.workflow_call.inputs.<inputs_id>.default', BASE);
      if (path[2] === 'outputs' && path[4] === 'value') return at('on.workflow_call.outputs.<output_id>.value', [...BASE, 'jobs']);
      return undefined;
    case 'jobs':
      return path.length > 2 ? jobKey(path) : undefined;
    default:
      return undefined;
  }
}

/** Where a context can be used and why not elsewhere, completing "'x' is not available in <key>; it ...". */
export const CONTEXT_WHERE: Readonly<Record<ContextName, string>> = {
  github: 'is available wherever expressions are',
  inputs: 'is available wherever expressions are',
  vars: 'is available wherever expressions are',
  needs: 'is available only inside a job (`jobs.<job_id>.*`), where it holds the results of the jobs listed in `needs`',
  strategy: "is available inside a job once its matrix is expanded (`runs-on`, `env`, `steps`, ...), but not in the job's `if` or `strategy`, which GitHub evaluates before expanding it",
  matrix: "is available inside a job once its matrix is expanded (`runs-on`, `env`, `steps`, ...), but not in the job's `if` or `strategy`, which GitHub evaluates before expanding it",
  secrets: 'is available in `env` (workflow, job and step), in step `run`, `with`, `name` and `working-directory`, in job `outputs`, ' +
    "container credentials and a reusable workflow's `secrets:`, but never in an `if`. To branch on a secret, map it into `env` and test `env.NAME != ''`",
  steps: "is available only in a job's steps (for steps that ran before), its `outputs` and `environment.url`",
  job: "is available only where the runner evaluates it: a job's steps, its `outputs`, `environment.url` and container `env`",
  runner: "is available only where the runner evaluates it: a job's steps, its `outputs`, `environment.url` and container `env`",
  env: "is available only inside a job's steps (and `outputs`, `defaults.run`, `environment.url`, container `env`/`credentials`), " +
    "because the runner builds it when the job starts; at job level use `vars`, `inputs` or the literal value",
  jobs: 'is available only in `on.workflow_call.outputs.<output_id>.value` of a reusable workflow',
};

/** Where each restricted function may be called, for "'x' is not available here; it ...". */
export function functionWhere(lowerName: string): string {
  return lowerName === 'hashfiles'
    ? "can only be called in a job's steps (`run`, `with`, `env`, `if`, ...), where the runner sees the files"
    : "can only be called in an `if` condition (a job's or a step's)";
}
