// Completion of the keys under `with:`: the inputs of the action a step uses (bundled popular actions by version, local
// actions from their action.yml) or of the reusable workflow a job calls. Required inputs come first, deprecated ones
// last with the action's own message; inputs already written are left out.
import { metadataForRef } from '../github/actionMetadata';
import { parseActionRef } from '../github/actionRef';
import { lookupLocalAction, lookupReusableWorkflow, repositoryRootOf } from '../github/localReferences';
import { workflowModel } from '../github/workflowModel';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { CompletionEntry } from './completion';
import type { PathSegment } from './yamlPaths';

interface InputFacts {
  readonly required: boolean;
  readonly deprecationMessage?: string | undefined;
}

/** The `uses:` of the step or job whose `with:` mapping is at `mapPath`, if that is what it is. */
function usesOf(yaml: ParsedYaml, mapPath: readonly PathSegment[]): { uses: string; isJob: boolean } | undefined {
  if (mapPath[0] !== 'jobs' || typeof mapPath[1] !== 'string' || mapPath[mapPath.length - 1] !== 'with') return undefined;
  const job = workflowModel(yaml)?.jobsById.get(mapPath[1]);
  if (!job) return undefined;
  if (mapPath.length === 3) return job.uses ? { uses: job.uses.name, isJob: true } : undefined;
  const stepIndex = mapPath[3];
  if (mapPath.length !== 5 || mapPath[2] !== 'steps' || typeof stepIndex !== 'number') return undefined;
  const uses = job.steps[stepIndex]?.uses?.name;
  return uses === undefined ? undefined : { uses, isJob: false };
}

function inputsOf(uses: string, isJob: boolean, workflowPath: string | undefined): { inputs: ReadonlyMap<string, InputFacts>; source: string } | undefined {
  const ref = parseActionRef(uses);
  if (ref.kind === 'remote' && !isJob) {
    const known = metadataForRef(ref.name, ref.ref);
    return known ? { inputs: new Map(Object.entries(known.metadata.inputs).map(([k, v]) => [k, { required: v.required === true, deprecationMessage: v.deprecationMessage }])), source: `${ref.name} ${known.metadata.release}` } : undefined;
  }
  if (ref.kind !== 'local' || workflowPath === undefined) return undefined;
  const root = repositoryRootOf(workflowPath);
  const lookup = isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
  return lookup.status === 'found' ? { inputs: lookup.iface.inputs, source: ref.path } : undefined;
}

/** Undefined when `mapPath` is no `with:` of a known action or workflow: the caller completes as usual. */
export function actionInputCompletions(yaml: ParsedYaml, workflowPath: string | undefined, mapPath: readonly PathSegment[], present: ReadonlySet<string>): CompletionEntry[] | undefined {
  const site = usesOf(yaml, mapPath);
  const found = site ? inputsOf(site.uses, site.isJob, workflowPath) : undefined;
  if (!found) return undefined;
  const rank = (i: InputFacts): number => (i.deprecationMessage !== undefined ? 2 : i.required ? 0 : 1);
  return [...found.inputs]
    .filter(([name]) => !present.has(name))
    .sort(([a, x], [b, y]) => rank(x) - rank(y) || a.localeCompare(b))
    .map(([name, input]) => ({
      label: name,
      kind: 'property' as const,
      insertText: `${name}: `,
      detail: input.deprecationMessage !== undefined ? `deprecated: ${input.deprecationMessage}` : `${input.required ? 'required' : 'optional'} input of ${found.source}`,
    }));
}
