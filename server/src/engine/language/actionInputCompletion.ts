// Completion of the keys under `with:`: the inputs of the action a step uses (bundled popular actions by version, local
// actions from their action.yml) or of the reusable workflow a job calls. Required inputs come first, deprecated ones
// last with the action's own message; inputs already written are left out.
import { inputContractOf, type ContractInput } from '../github/inputContract';
import { repositoryRootOf } from '../github/localReferences';
import { workflowModel } from '../github/workflowModel';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { CompletionEntry } from './completion';
import type { PathSegment } from './yamlPaths';

/** The `uses:` of the step or job whose `with:` mapping is at `mapPath`, if that is what it is. */
function usesOf(yaml: ParsedYaml, mapPath: readonly PathSegment[]): { uses: string; isJob: boolean } | undefined {
  if (mapPath[0] !== 'jobs' || typeof mapPath[1] !== 'string' || mapPath[mapPath.length - 1] !== 'with')
    return undefined;
  const job = workflowModel(yaml)?.jobsById.get(mapPath[1]);
  if (!job) return undefined;
  if (mapPath.length === 3) return job.uses ? { uses: job.uses.name, isJob: true } : undefined;
  const stepIndex = mapPath[3];
  if (mapPath.length !== 5 || mapPath[2] !== 'steps' || typeof stepIndex !== 'number') return undefined;
  const uses = job.steps[stepIndex]?.uses?.name;
  return uses === undefined ? undefined : { uses, isJob: false };
}

/** Undefined when `mapPath` is no `with:` of a known action or workflow: the caller completes as usual. */
export function actionInputCompletions(
  yaml: ParsedYaml,
  workflowPath: string | undefined,
  mapPath: readonly PathSegment[],
  present: ReadonlySet<string>,
): CompletionEntry[] | undefined {
  const site = usesOf(yaml, mapPath);
  const contract = site
    ? inputContractOf(site.uses, site.isJob, workflowPath === undefined ? undefined : repositoryRootOf(workflowPath))
    : undefined;
  if (!contract) return undefined;
  const rank = (i: ContractInput): number => (i.deprecationMessage !== undefined ? 2 : i.required ? 0 : 1);
  return contract.inputs
    .filter((input) => !present.has(input.name))
    .sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name))
    .map((input) => ({
      label: input.name,
      kind: 'property' as const,
      insertText: `${input.name}: `,
      detail:
        input.deprecationMessage !== undefined
          ? `deprecated: ${input.deprecationMessage}`
          : `${input.required ? 'required' : 'optional'} input of ${contract.what}`,
    }));
}
