// What the workflow defines that expressions at a given path may refer to: the job's matrix variables, the step ids
// before the current step, the jobs in `needs` with their outputs, declared inputs, and all jobs (for the `jobs`
// context of `on.workflow_call.outputs`). Anything we cannot know statically is 'unknown' and switches its check off.
import { isAlias } from 'yaml';
import type { JobModel, WorkflowModel } from '../github/workflowModel';
import { entries, getEntry, isMap, isScalar, isSeq, type Node } from '../yaml/nodes';
import { availabilityAt, type Availability } from './contexts';
import { parseExpression } from './parser';
import { TypeChecker } from './typeInference';
import type { JobRef, Scope, StepScope } from './scope';
import { stepOutputsOf, type StepOutputs } from './stepOutputs';
import {
  ANY,
  BOOL,
  NUMBER,
  STRING,
  merge,
  objectOf,
  typeOfYaml,
  withIdentifierKeys,
  withoutClosedAs,
  type ExprType,
} from './types';

type Path = readonly (string | number)[];

/** True when YAML anchors or merge keys (`*ref`, `<<:`) hide part of a node from the model. */
function hasIndirection(node: Node | null | undefined): boolean {
  if (isAlias(node)) return true;
  if (isMap(node))
    return node.items.some(
      (p) => isAlias(p.key) || (isScalar(p.key) && p.key.value === '<<') || hasIndirection(p.value as Node | null),
    );
  if (isSeq(node)) return node.items.some((i) => hasIndirection(i as Node | null));
  return false;
}

/** A job's declared outputs; undefined when they come from a reusable workflow or an expression. */
function outputsOf(job: JobModel): readonly string[] | undefined {
  if (job.uses) return undefined;
  const outputs = getEntry(job.node, 'outputs');
  if (!outputs) return [];
  if (!isMap(outputs.value) || hasIndirection(outputs.value)) return undefined;
  return entries(outputs.value)
    .map((e) => e.key)
    .filter((k): k is string => k !== undefined);
}

/** A step with an id, in job order. */
interface IdStep {
  readonly index: number;
  readonly id: string;
  readonly uses: string | undefined;
}

/**
 * The step ids of one job, indexed once so that each step's scope answers in constant time (a job can hold thousands
 * of steps, each with expressions): the first step of each id (any case), and the steps of each id that run an action.
 */
class JobSteps {
  private readonly ordered: IdStep[] = [];
  private readonly firstByLowerId = new Map<string, IdStep>();
  private readonly idByIndex = new Map<number, string>();
  private readonly withActionByLowerId = new Map<string, IdStep[]>();
  private readonly declaredOutputs = new Map<IdStep, StepOutputs | undefined>();
  private readonly lastIdIndex: number;

  constructor(
    readonly job: JobModel,
    private readonly workflowPath: string | undefined,
  ) {
    for (const step of job.steps) {
      const id = step.id?.name;
      if (id === undefined) continue;
      const entry = { index: step.index, id, uses: step.uses?.name };
      this.ordered.push(entry);
      this.idByIndex.set(step.index, id);
      const lower = id.toLowerCase();
      if (!this.firstByLowerId.has(lower)) this.firstByLowerId.set(lower, entry);
      if (entry.uses !== undefined) {
        const same = this.withActionByLowerId.get(lower);
        if (same) same.push(entry);
        else this.withActionByLowerId.set(lower, [entry]);
      }
    }
    this.lastIdIndex = this.ordered.at(-1)?.index ?? -1;
  }

  /** The scope of the step at `stepIndex`; undefined for the job as a whole (every step's id is then visible). */
  scopeAt(stepIndex: number | undefined): StepScope {
    const before = (entry: IdStep | undefined): boolean =>
      entry !== undefined && (stepIndex === undefined || entry.index < stepIndex);
    return {
      jobId: this.job.id,
      isVisible: (name) => before(this.firstByLowerId.get(name.toLowerCase())),
      isInJob: (name) => this.firstByLowerId.has(name.toLowerCase()),
      visibleIds: () => this.ordered.filter((e) => before(e)).map((e) => e.id),
      hasLaterIds: stepIndex !== undefined && this.lastIdIndex >= stepIndex,
      current: stepIndex === undefined ? undefined : this.idByIndex.get(stepIndex),
      outputsOf: (name) => this.outputsBefore(name, stepIndex),
    };
  }

  /** The declared outputs of the last earlier step with this id whose action's list is known (as a map filled in step order would hold). */
  private outputsBefore(name: string, stepIndex: number | undefined): StepOutputs | undefined {
    const same = this.withActionByLowerId.get(name.toLowerCase()) ?? [];
    for (let i = same.length - 1; i >= 0; i--) {
      const entry = same[i];
      if (entry === undefined || (stepIndex !== undefined && entry.index >= stepIndex)) continue;
      const declared = this.outputsOfStep(entry);
      if (declared) return declared;
    }
    return undefined;
  }

  /** Looked up on first use only: a local action's outputs are read from disk. */
  private outputsOfStep(entry: IdStep): StepOutputs | undefined {
    if (!this.declaredOutputs.has(entry))
      this.declaredOutputs.set(
        entry,
        entry.uses === undefined ? undefined : stepOutputsOf(entry.uses, this.workflowPath),
      );
    return this.declaredOutputs.get(entry);
  }
}

function hasInputEvents(model: WorkflowModel): boolean {
  return model.events.has('workflow_dispatch') || model.events.has('workflow_call');
}

function inputsOf(model: WorkflowModel): readonly string[] | undefined {
  // No trigger with inputs: `inputs` is an empty object. An `on:` we could not read leaves no events: say nothing.
  if (!hasInputEvents(model)) return model.events.size > 0 ? [] : undefined;
  // `inputs:` written as something other than a mapping (or a YAML merge) hides what is declared.
  for (const event of ['workflow_dispatch', 'workflow_call']) {
    const config = model.events.get(event);
    const inputs = isMap(config) ? getEntry(config, 'inputs') : undefined;
    if (inputs && inputs.value !== null && !isMap(inputs.value)) return undefined;
    if (
      inputs &&
      (hasIndirection(inputs.value) || (isMap(inputs.value) && entries(inputs.value).some((e) => e.key === undefined)))
    )
      return undefined;
  }
  return [...model.inputs.keys()];
}

/** `github.event.inputs` names, when workflow_dispatch is the only trigger and its inputs are readable. */
function dispatchInputsOf(model: WorkflowModel, inputs: readonly string[] | undefined): readonly string[] | undefined {
  if (model.events.size !== 1 || !model.events.has('workflow_dispatch')) return undefined;
  return inputs;
}

/** Secrets every run has, declared or not. */
const ALWAYS_PASSED_SECRETS = ['GITHUB_TOKEN', 'ACTIONS_RUNNER_DEBUG', 'ACTIONS_STEP_DEBUG'];

/** Declared secrets of a workflow run only through `workflow_call` that declares some; otherwise `secrets` is open. */
function secretsOf(model: WorkflowModel): readonly string[] | undefined {
  if (model.events.size !== 1) return undefined;
  const call = model.events.get('workflow_call');
  const entry = isMap(call) ? getEntry(call, 'secrets') : undefined;
  const secrets = entry?.value;
  // `secrets:` left empty declares none.
  if (entry && (secrets === null || (isScalar(secrets) && secrets.value === null))) return ALWAYS_PASSED_SECRETS;
  if (!isMap(secrets) || hasIndirection(secrets)) return undefined;
  const names = entries(secrets).map((e) => e.key);
  if (names.some((n) => n === undefined || n.includes('${{'))) return undefined;
  return [...(names as string[]), ...ALWAYS_PASSED_SECRETS];
}

/** `inputs` as an object: `boolean` inputs are booleans and `number` inputs numbers in the `inputs` context. */
function inputTypesOf(model: WorkflowModel, names: readonly string[] | undefined): ExprType | undefined {
  if (!names) return undefined;
  // Input names start with a letter or `_`.
  return withIdentifierKeys(
    objectOf(
      [...model.inputs.values()].map((input) => {
        const type = input.type?.toLowerCase();
        return [
          input.name,
          type === 'boolean' ? BOOL : type === 'number' ? NUMBER : type === undefined ? ANY : STRING,
        ] as const;
      }),
    ),
  );
}

/**
 * One matrix combination as an object: each key's values merged, `include` rows merged in (their keys exist in some
 * combinations only; elsewhere they are null, which renders as empty). Undefined when the matrix is not written out.
 */
function matrixTypeOf(job: JobModel, expressionType: (text: string) => ExprType): ExprType | undefined {
  const strategy = getEntry(job.node, 'strategy')?.value;
  const matrix = isMap(strategy) ? getEntry(strategy, 'matrix')?.value : undefined;
  if (!isMap(matrix) || hasIndirection(matrix)) return undefined;
  let row: ExprType = objectOf([]);
  for (const e of entries(matrix)) {
    if (e.key === undefined || e.key.includes('${{')) return undefined;
    if (e.key === 'exclude') continue;
    if (e.key === 'include') {
      if (!isSeq(e.value)) return undefined;
      for (const item of e.value.items) row = merge(row, typeOfYaml(item as Node | null, expressionType));
      continue;
    }
    const values = isSeq(e.value) ? e.value.items.map((i) => typeOfYaml(i as Node | null, expressionType)) : [ANY];
    row = merge(row, objectOf([[e.key, values.length === 0 ? ANY : values.reduce(merge)]]));
  }
  return row.kind === 'object' ? row : undefined;
}

interface JobFacts {
  readonly job: JobModel;
  /** Undefined when step ids are not all visible: an id spelled with an expression, or steps brought in by YAML aliases. */
  readonly steps: JobSteps | undefined;
  readonly needs: readonly JobRef[] | undefined;
  readonly matrix: Scope['matrix'];
  readonly matrixType: ExprType | undefined;
}

/** The scopes of one step (or of a job outside its steps): its step ids, and one scope per key's availability. */
interface StepScopes {
  readonly steps: StepScope | undefined;
  readonly scopes: Map<Availability, Scope>;
}

/**
 * Scopes for one workflow. The workflow-wide facts are computed once and the per-job and per-step ones once each,
 * since a file can hold hundreds of expressions.
 */
export class WorkflowScopes {
  private readonly inputs: readonly string[] | undefined;
  private readonly inputTypes: ExprType | undefined;
  private readonly jobs: readonly JobRef[];
  /** The first job of each id in any case, as `needs` names it: looked up once per `needs` entry. */
  private readonly jobsByLowerId = new Map<string, JobRef>();
  private readonly secrets: readonly string[] | undefined;
  private readonly dispatchInputs: readonly string[] | undefined;
  private readonly hasInputEvents: boolean;
  private readonly jobFacts = new Map<string, JobFacts | undefined>();
  private readonly stepScopes = new Map<JobFacts, Map<number | undefined, StepScopes>>();

  /** `workflowPath` locates local actions (`uses: ./path`) on disk; without it their outputs are not checked. */
  constructor(
    private readonly model: WorkflowModel,
    private readonly workflowPath?: string,
  ) {
    this.inputs = inputsOf(model);
    this.inputTypes = inputTypesOf(model, this.inputs);
    this.jobs = model.jobs.map((j) => ({ id: j.id, outputs: outputsOf(j) }));
    for (const ref of this.jobs)
      if (!this.jobsByLowerId.has(ref.id.toLowerCase())) this.jobsByLowerId.set(ref.id.toLowerCase(), ref);
    this.secrets = secretsOf(model);
    this.dispatchInputs = dispatchInputsOf(model, this.inputs);
    this.hasInputEvents = hasInputEvents(model);
  }

  at(path: Path, availability: Availability): Scope {
    const jobId = path[0] === 'jobs' && typeof path[1] === 'string' ? path[1] : undefined;
    const facts = jobId === undefined ? undefined : this.factsOf(jobId);
    if (!facts) return { ...this.base(availability), jobId, matrix: 'unknown', steps: undefined, needs: undefined };
    const stepIndex = path[2] === 'steps' && typeof path[3] === 'number' ? path[3] : undefined;
    // One scope per step and key: a file's expressions share a few hundred of them.
    let byStep = this.stepScopes.get(facts);
    if (!byStep) this.stepScopes.set(facts, (byStep = new Map<number | undefined, StepScopes>()));
    let byKey = byStep.get(stepIndex);
    if (!byKey) byStep.set(stepIndex, (byKey = { steps: facts.steps?.scopeAt(stepIndex), scopes: new Map() }));
    let scope = byKey.scopes.get(availability);
    if (!scope) {
      scope = {
        ...this.base(availability),
        jobId: facts.job.id,
        matrix: facts.matrix,
        matrixType: facts.matrixType,
        steps: byKey.steps,
        needs: facts.needs,
      };
      byKey.scopes.set(availability, scope);
    }
    return scope;
  }

  private base(availability: Availability): Omit<Scope, 'jobId' | 'matrix' | 'steps' | 'needs'> {
    return {
      availability,
      inputs: this.inputs,
      inputTypes: this.inputTypes,
      jobs: this.jobs,
      secrets: this.secrets,
      dispatchInputs: this.dispatchInputs,
      hasInputEvents: this.hasInputEvents,
    };
  }

  /**
   * The type of a matrix value written as one `${{ }}` (`${{ fromJSON('[1, 2]') }}`). Matrix values see only `github`,
   * `inputs`, `needs` and `vars`, whose types do not depend on the job, so the workflow-level scope is enough.
   */
  private matrixValueType(text: string): ExprType {
    const { expr, error } = parseExpression(text);
    const availability = availabilityAt(['jobs', 'job', 'strategy', 'matrix', 'value']);
    if (!expr || error || !availability) return ANY;
    const scope: Scope = {
      availability,
      jobId: undefined,
      matrix: 'unknown',
      steps: undefined,
      needs: undefined,
      inputs: this.inputs,
      inputTypes: this.inputTypes,
      jobs: this.jobs,
    };
    // A matrix value's missing properties are leftovers like missing matrix variables: not reported as errors.
    return withoutClosedAs(new TypeChecker(scope).typeOf(expr));
  }

  private factsOf(jobId: string): JobFacts | undefined {
    if (this.jobFacts.has(jobId)) return this.jobFacts.get(jobId);
    const job = this.model.jobsById.get(jobId);
    let facts: JobFacts | undefined;
    if (job) {
      const needs = job.needs.some((n) => n.name.includes('${{'))
        ? undefined
        : job.needs.map((n) => this.jobsByLowerId.get(n.name.toLowerCase()) ?? { id: n.name, outputs: undefined });
      const strategy = getEntry(job.node, 'strategy')?.value;
      const matrix = hasIndirection(isMap(strategy) ? getEntry(strategy, 'matrix')?.value : strategy)
        ? 'unknown'
        : job.matrixKeys;
      const stepsKnown =
        !job.steps.some((step) => step.id?.name.includes('${{') === true) &&
        !hasIndirection(getEntry(job.node, 'steps')?.value);
      facts = {
        job,
        steps: stepsKnown ? new JobSteps(job, this.workflowPath) : undefined,
        needs,
        matrix,
        matrixType:
          matrix === 'unknown' || matrix === 'dynamic'
            ? undefined
            : matrixTypeOf(job, (text) => this.matrixValueType(text)),
      };
    }
    this.jobFacts.set(jobId, facts);
    return facts;
  }
}
