// GitHub Actions workflow syntax as a Schema, built from GitHub's own definitions (syntax/workflowSyntax.json, copied
// from @actions/workflow-parser) by syntax/templateToSchema.ts. Only what those definitions cannot say is written
// here, as overlays: the job id pattern, names for messages, and the step kinds GitHub keeps behind a feature flag.
import type { Schema } from '../schema/schema';
import { propertyType, templateDefinition, WORKFLOW_SYNTAX } from './syntax/templateSchema';
import { EVENT_NAMES } from './workflowEvents';
import { templateToSchema, type SchemaOverlays } from './syntax/templateToSchema';

/** GitHub's definitions only say a job id is non-empty; GitHub rejects other ids when it loads the workflow. */
export const JOB_ID = {
  regex: /^[A-Za-z_][A-Za-z0-9_-]*$/,
  expected: 'a letter or `_` first, then letters, digits, `-` or `_`',
};

/** The root definition GitHub's parser reads a workflow file with (`WORKFLOW_ROOT` in @actions/workflow-parser). */
const WORKFLOW_ROOT = 'workflow-root-strict';

/**
 * Background steps (`background:`, `wait:`, `wait-all:`, `cancel:`, `parallel:`) are defined, but the parser rejects
 * them unless the `allowBackgroundSteps` feature flag is on, and it is off for workflows on github.com.
 */
const BACKGROUND_STEPS = new Set(['wait-step', 'wait-all-step', 'cancel-step', 'parallel-step', 'step-background']);

/** The mapping form of each event (`push-mapping`), named "event" in messages: "Unknown key 'branch' in event 'on.push'". */
const EVENT_TITLES = Object.fromEntries(
  Object.values(templateDefinition(WORKFLOW_SYNTAX, 'on-mapping-strict').mapping?.properties ?? {})
    .flatMap((p) => templateDefinition(WORKFLOW_SYNTAX, propertyType(p))['one-of'] ?? [])
    .filter((name) => WORKFLOW_SYNTAX.definitions[name]?.mapping !== undefined)
    .map((name) => [name, 'event']),
);

const WORKFLOW_OVERLAYS: SchemaOverlays = {
  // The JSON's list of event names for `on: name` leaves out `repository_dispatch`, which GitHub accepts there (and in
  // the mapping form); the keys of the mapping form are the complete list.
  replaceDefinitions: { 'on-string-strict': { 'allowed-values': [...EVENT_NAMES] } },
  // GitHub's converter rejects a container or service container mapping without an image ("Container image cannot be
  // empty"); an empty `container:` is accepted (it reads as no container).
  // GitHub also rejects a job that neither runs steps nor calls a reusable workflow, though its definitions leave `steps`
  // optional: "No steps defined in `steps` and no workflow called in `uses` for the following jobs".
  requiredProperties: {
    'container-mapping': ['image'],
    'service-container-mapping': ['image'],
    'job-factory': ['steps'],
  },
  minItems: { 'job-factory.steps': 1 },
  // Limits GitHub applies when it runs the workflow: a negative timeout, or a fractional or non-positive max-parallel.
  numberLimits: {
    'job-factory.timeout-minutes': { min: 0 },
    'job-factory.cancel-timeout-minutes': { min: 0 },
    'run-step.timeout-minutes': { min: 0 },
    'regular-step.timeout-minutes': { min: 0 },
    'strategy.max-parallel': { min: 1, integer: true },
  },
  titles: {
    ...EVENT_TITLES,
    [WORKFLOW_ROOT]: 'the workflow',
    'on-mapping-strict': 'on',
    'job-factory': 'job',
    'workflow-job': 'reusable workflow call',
    'run-step': 'run step',
    'regular-step': 'action step',
    'cron-mapping': 'schedule entry',
    'container-mapping': 'container',
    'service-container-mapping': 'service container',
    'container-registry-credentials': 'credentials',
    'permissions-mapping': 'permissions',
    'workflow-call-input-definition': 'input of workflow_call',
    'workflow-call-output-definition': 'output of workflow_call',
    'workflow-call-secret-mapping-definition': 'secret of workflow_call',
    'workflow-dispatch-input': 'input of workflow_dispatch',
    'step-with': 'with',
    'workflow-job-with': 'with',
    'workflow-env': 'env',
    'job-env': 'env',
    'step-env': 'env',
    'container-env': 'env',
  },
  descriptions: {
    'job-factory': 'A job: steps that run on one runner (`runs-on`).',
    'workflow-job': 'A job that calls a reusable workflow (`uses`).',
    'run-step': 'A step that runs shell commands (`run`).',
    'regular-step': 'A step that runs an action (`uses`).',
    'cron-mapping': 'When to run: a POSIX cron expression, in UTC unless `timezone` says otherwise.',
  },
  keyPatterns: { jobs: JOB_ID },
  // An event with both a filter and its `-ignore` form is GitHub's refusal too; the `filter-conflict` rule reports it
  // with the fix, so the structure does not report it a second time.
  omitDefinitions: BACKGROUND_STEPS,
  rejectsEmptyFile: new Set([WORKFLOW_ROOT]),
};

export const WORKFLOW_SCHEMA: Schema = templateToSchema(WORKFLOW_SYNTAX, WORKFLOW_ROOT, WORKFLOW_OVERLAYS);

/** One step of a job: also the steps of a composite action. */
export const STEP_SCHEMA: Schema = templateToSchema(WORKFLOW_SYNTAX, 'steps-item', WORKFLOW_OVERLAYS);
