// What the name checks know about the place an expression is written: the key's available contexts, and what the
// workflow defines around it. Built by workflowScope.ts. Whatever cannot be known statically is marked so (see each
// field), which switches that check off rather than guessing.
import type { Availability } from './contexts';
import type { StepOutputs } from './stepOutputs';
import type { ExprType } from './types';

/** A job as another job sees it through `needs` or `jobs`: its outputs, undefined when not knowable here. */
export interface JobRef {
  readonly id: string;
  readonly outputs: readonly string[] | undefined;
}

export interface StepScope {
  readonly jobId: string;
  /** Whether `name` (any case) is the id of a step before this one: what a `steps.<id>` may name here. */
  isVisible(name: string): boolean;
  /** Whether `name` (any case) is the id of any step of the job, this one and later ones included, so the message can say so. */
  isInJob(name: string): boolean;
  /** Ids of the steps before this one, in order, for suggestions (built on demand: only a finding needs them). */
  visibleIds(): readonly string[];
  /** True when this step or a later one has an id, so a missing id may be "before this step". */
  readonly hasLaterIds: boolean;
  readonly current: string | undefined;
  /** Outputs of an earlier step's action, by its id (any case), where the action's list is complete. */
  outputsOf(name: string): StepOutputs | undefined;
}

export interface Scope {
  readonly availability: Availability;
  readonly jobId: string | undefined;
  /** Matrix variables of the job; 'dynamic' (from an expression) or 'unknown' switch the check off; undefined = no matrix. */
  readonly matrix: ReadonlySet<string> | 'dynamic' | 'unknown' | undefined;
  /** Undefined where step ids are not knowable (e.g. a step id is itself an expression). */
  readonly steps: StepScope | undefined;
  readonly needs: readonly JobRef[] | undefined;
  /** Declared inputs (none when no trigger has inputs); undefined when they cannot be read (then nothing is checked). */
  readonly inputs: readonly string[] | undefined;
  /** False when neither workflow_dispatch nor workflow_call triggers the workflow, so `inputs` is always empty. */
  readonly hasInputEvents?: boolean;
  /** Inputs of `github.event.inputs` when workflow_dispatch is the only trigger (its payload is then known). */
  readonly dispatchInputs?: readonly string[] | undefined;
  readonly jobs: readonly JobRef[] | undefined;
  /**
   * Secrets a workflow triggered only by `workflow_call` declares (plus those GitHub always passes); undefined when
   * `secrets` is open: other triggers see the repository's secrets, and undeclared ones come with `secrets: inherit`.
   */
  readonly secrets?: readonly string[] | undefined;
  /** The matrix as one row's object type (values merged over rows); undefined when unknown or absent. */
  readonly matrixType?: ExprType | undefined;
  /** `inputs` typed from the declared inputs' `type`; undefined when not known. */
  readonly inputTypes?: ExprType | undefined;
}
