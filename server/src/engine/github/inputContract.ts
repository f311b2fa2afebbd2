// What a `uses:` accepts under `with:`: the inputs of a popular action (bundled data, by version), of a local action
// (its action.yml) or of a local reusable workflow (its `workflow_call`), normalized the same way for every reader: the
// `action-input` rule checks `with:` against it and completion offers it.
import { metadataForRef, type RefMetadata } from './actionMetadata';
import { parseActionRef } from './actionRef';
import { lookupLocalAction, lookupReusableWorkflow, type DeclaredInput } from './localReferences';

export interface ContractInput {
  readonly name: string;
  /** Required and without a default: leaving it out fails the step. */
  readonly required: boolean;
  readonly deprecationMessage?: string | undefined;
}

/** What is known about the target's inputs, and how sure an unknown input is an error. */
export interface InputContract {
  /** How messages name the target: `actions/checkout`, `'./.github/actions/build'`. */
  readonly what: string;
  readonly inputs: readonly ContractInput[];
  /** `with:` keys GitHub itself gives meaning to for this kind of action (Docker actions' `args` and `entrypoint`). */
  readonly runnerKeys: readonly string[];
  /** Set when the ref may name a release newer than the data: unknown inputs are then warnings that say so. */
  readonly staleness?: { readonly ref: string; readonly release: string; readonly recordedAt: string };
  /** Set when the target reads `with:` keys it does not declare (the reason, in its own words): none is unknown. */
  readonly undeclaredInputs?: string;
  /** Secrets a local reusable workflow declares (jobs only). */
  readonly secrets?: ReadonlyMap<string, { readonly required: boolean }>;
}

/** Docker container actions take `args` and `entrypoint` under `with:` (GitHub's workflow syntax); others do not. */
export const DOCKER_WITH_KEYS: readonly string[] = ['args', 'entrypoint'];

function popularContract(name: string, ref: string, known: RefMetadata): InputContract {
  const { metadata } = known;
  return {
    // Without the ref: pinning `@v6` to its commit SHA must not read as a new finding.
    what: name,
    inputs: Object.entries(metadata.inputs).map(([input, spec]) => ({
      name: input,
      required: spec.required === true,
      deprecationMessage: spec.deprecationMessage,
    })),
    runnerKeys: metadata.using === 'docker' ? DOCKER_WITH_KEYS : [],
    ...(known.coverage === 'exact'
      ? {}
      : { staleness: { ref, release: metadata.release, recordedAt: known.recordedAt } }),
    ...(known.undeclaredInputs === undefined ? {} : { undeclaredInputs: known.undeclaredInputs }),
  };
}

function localContract(
  what: string,
  declared: ReadonlyMap<string, DeclaredInput>,
  using: string | undefined,
): InputContract {
  return {
    what,
    inputs: [...declared.entries()].map(([name, d]) => ({
      name,
      required: d.required && !d.hasDefault,
      deprecationMessage: d.deprecationMessage,
    })),
    runnerKeys: using?.toLowerCase() === 'docker' ? DOCKER_WITH_KEYS : [],
  };
}

/**
 * The contract of `uses` (a step's action, or with `isJob` a job's reusable workflow) in the repository at `root`;
 * undefined when nothing certain is known (an unknown action or version, a remote reusable workflow, a missing file).
 */
export function inputContractOf(uses: string, isJob: boolean, root: string | undefined): InputContract | undefined {
  const ref = parseActionRef(uses);
  if (ref.kind === 'remote' && !isJob) {
    const known = metadataForRef(ref.name, ref.ref);
    return known ? popularContract(ref.name, ref.ref, known) : undefined;
  }
  if (ref.kind !== 'local') return undefined;
  const lookup = isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
  if (lookup.status !== 'found') return undefined;
  const contract = localContract(`'${ref.path}'`, lookup.iface.inputs, lookup.iface.using);
  return isJob && lookup.iface.secrets ? { ...contract, secrets: lookup.iface.secrets } : contract;
}
