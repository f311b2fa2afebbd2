// GitHub Actions workflow syntax as a Schema (from GitHub's "Workflow syntax for GitHub Actions" reference).
// Expressions (`${{ }}`) are accepted wherever a scalar is, except where GitHub reads the value literally (`on`).
import { any, bool, enumOf, map, mapOf, num, oneOf, required, seq, str, stringOrList, type MappingSchema, type Schema } from '../schema/schema';
import { EVENT_NAMES, WORKFLOW_EVENTS } from './workflowEvents';

export const JOB_ID = { regex: /^[A-Za-z_][A-Za-z0-9_-]*$/, expected: 'a letter or `_` first, then letters, digits, `-` or `_`' };

const PERMISSION_SCOPES = ['actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'models', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses'];
const access = enumOf(['read', 'write', 'none']);

const permissions: Schema = oneOf([
  enumOf(['read-all', 'write-all'], 'Grant every scope read or write access.'),
  map(Object.fromEntries(PERMISSION_SCOPES.map((s) => [s, access])), { title: 'permissions', nullable: true, description: 'Access of the `GITHUB_TOKEN` per scope; unlisted scopes get `none`.' }),
], 'Permissions of the `GITHUB_TOKEN`. Set them explicitly: the default may be write-all.');

const env: Schema = mapOf(str(undefined, { coerceScalars: true }), { title: 'env', description: 'Environment variables.', nullable: true });

const defaults: Schema = map({
  run: map({
    shell: str('Default shell for `run` steps: bash, pwsh, python, sh, cmd, powershell, or a custom command with `{0}`.'),
    'working-directory': str('Default working directory for `run` steps.'),
  }, { title: 'defaults.run' }),
}, { title: 'defaults' });

const concurrency: Schema = oneOf([
  str('Concurrency group: a new run cancels or waits for the one in progress.'),
  map({ group: required(str('Concurrency group name.')), 'cancel-in-progress': oneOf([bool(), str()], 'Cancel the run in progress when a new one starts.') }, { title: 'concurrency' }),
]);

const scalar: Schema = oneOf([str(), num(), bool()]);
const condition: Schema = oneOf([str(), bool(), num()], 'Run only when this condition holds. `${{ }}` is optional here.');
const timeoutMinutes: Schema = num('Maximum minutes before GitHub cancels it (default 360).', { min: 0 });

const container: Schema = oneOf([
  str('Docker image to run the job in.'),
  map({
    image: str('Docker image.'),
    credentials: map({ username: str(), password: str() }, { title: 'credentials' }),
    env,
    ports: seq(oneOf([str(), num()])),
    volumes: seq(str()),
    options: str('Extra `docker create` options.'),
  }, { title: 'container' }),
]);

const runsOn: Schema = oneOf([
  str('Runner label, e.g. `ubuntu-latest`.'),
  seq(str(), 'All of these labels.'),
  map({ group: str('Runner group.'), labels: stringOrList('Runner labels.') }, { title: 'runs-on' }),
], 'The runner the job runs on.');

const strategy: Schema = oneOf([
  map({
    matrix: oneOf([
      mapOf(oneOf([seq(any()), str()]), {
        title: 'matrix',
        properties: { include: oneOf([seq(mapOf(any(), { title: 'matrix include entry' })), str()]), exclude: oneOf([seq(mapOf(any(), { title: 'matrix exclude entry' })), str()]) },
      }),
      str(),
    ], 'Variables whose combinations each run the job once.'),
    'fail-fast': oneOf([bool(), str()], 'Cancel the other legs when one fails (default true).'),
    'max-parallel': num('Maximum legs running at once.', { min: 1, integer: true }),
  }, { title: 'strategy' }),
  str(),
]);

export const STEP_SCHEMA: MappingSchema = map({
  id: str('Step id, for `steps.<id>.outputs` and `steps.<id>.outcome`.'),
  if: condition,
  name: str('Name shown in the log.'),
  uses: str('Action to run: `owner/repo@ref`, `owner/repo/path@ref`, `./local/path` or `docker://image`.'),
  run: str('Shell commands to run.'),
  shell: str('Shell: bash, pwsh, python, sh, cmd, powershell, or a custom command with `{0}`.'),
  'working-directory': str('Working directory for `run`.'),
  with: mapOf(scalar, { title: 'with', nullable: true, description: 'Inputs of the action.' }),
  env,
  'continue-on-error': oneOf([bool(), str()], 'Let the job go on when this step fails.'),
  'timeout-minutes': timeoutMinutes,
}, { title: 'step', requireOneOf: ['uses', 'run'], exclusive: [['uses', 'run']] });

const environment: Schema = oneOf([str('Deployment environment name.'), map({ name: required(str()), url: str(), deployment: oneOf([bool(), str()]) }, { title: 'environment' })]);

export const JOB_SCHEMA: MappingSchema = map({
  name: str('Name shown in the UI.'),
  permissions,
  needs: stringOrList('Jobs that must succeed before this one starts.'),
  if: condition,
  'runs-on': runsOn,
  snapshot: oneOf([str(), map({ 'image-name': str(), version: str() }, { title: 'snapshot' })], 'Create a custom runner image from this job.'),
  environment,
  concurrency,
  outputs: mapOf(str(undefined, { coerceScalars: true }), { title: 'outputs', description: 'Job outputs, for `needs.<id>.outputs`.' }),
  env,
  defaults,
  steps: seq(STEP_SCHEMA, 'The steps, in order.', { minItems: 1 }),
  'timeout-minutes': timeoutMinutes,
  strategy,
  'continue-on-error': oneOf([bool(), str()], 'Let the workflow succeed when this job fails.'),
  container,
  services: mapOf(container, { title: 'services', description: 'Service containers (databases, caches) for the job.' }),
  uses: str('Reusable workflow: `owner/repo/.github/workflows/file.yml@ref` or `./.github/workflows/file.yml`.'),
  with: mapOf(scalar, { title: 'with', nullable: true, description: 'Inputs of the reusable workflow.' }),
  secrets: oneOf([enumOf(['inherit']), mapOf(str(), { title: 'secrets' })], 'Secrets for the reusable workflow, or `inherit`.'),
}, {
  title: 'job',
  requireOneOf: ['runs-on', 'uses'],
  exclusive: [['uses', 'runs-on'], ['uses', 'steps'], ['uses', 'container'], ['uses', 'services']],
});

const schedule: Schema = seq(map({ cron: required(str('POSIX cron: minute hour day-of-month month day-of-week, in UTC.')) }, { title: 'schedule entry' }), 'Times to run, in UTC.', { minItems: 1 });

const eventName = enumOf(EVENT_NAMES);

const on: Schema = {
  ...oneOf([
    eventName,
    seq(eventName),
    map({ ...WORKFLOW_EVENTS, schedule }, { title: 'on' }),
  ], 'Events that trigger the workflow.'),
  literalOnly: true,
};

export const WORKFLOW_SCHEMA: MappingSchema = map({
  name: str('Name shown in the Actions tab.'),
  'run-name': str('Name of each run; may use `github` and `inputs` expressions.'),
  on: required(on),
  permissions,
  env,
  defaults,
  concurrency,
  jobs: required(mapOf(JOB_SCHEMA, { title: 'jobs', keyPattern: JOB_ID, description: 'The jobs; they run in parallel unless linked by `needs`.' })),
}, { title: 'the workflow' });
