// The outputs a step's action declares, so `steps.<id>.outputs.<name>` can be checked: popular actions from the bundled
// metadata (github/data/popularActions.json, per major version) and local actions from their action.yml. Undefined
// whenever the list may be incomplete: an unknown action or version, a Docker action, an action whose script sets
// outputs of its own choosing, or a workspace we cannot read.
import { metadataFor } from '../github/actionMetadata';
import { majorOf, parseActionRef } from '../github/actionRef';
import { lookupLocalAction, repositoryRootOf } from '../github/localReferences';

/** Actions that set outputs named by the user's script (`core.setOutput` in actions/github-script). */
const OPEN_OUTPUTS = new Set(['actions/github-script']);

export interface StepOutputs {
  /** How the message names the action: `actions/cache@v4`, `./.github/actions/build`. */
  readonly action: string;
  readonly outputs: readonly string[];
  /** Where the list comes from, for the message. */
  readonly source: 'bundled' | 'local';
}

export function stepOutputsOf(uses: string, workflowPath: string | undefined): StepOutputs | undefined {
  if (uses.includes('${{')) return undefined;
  const ref = parseActionRef(uses);
  if (ref.kind === 'remote') {
    if (OPEN_OUTPUTS.has(ref.name)) return undefined;
    const meta = metadataFor(ref.name, majorOf(ref.ref));
    return meta ? { action: `${ref.name}@${ref.ref}`, outputs: meta.outputs, source: 'bundled' } : undefined;
  }
  if (ref.kind === 'local' && workflowPath !== undefined) {
    const lookup = lookupLocalAction(repositoryRootOf(workflowPath), ref.path);
    return lookup.status === 'found' ? { action: ref.path, outputs: lookup.iface.outputs, source: 'local' } : undefined;
  }
  return undefined;
}
