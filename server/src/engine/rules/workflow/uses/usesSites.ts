// The `uses:` sites of a workflow (steps and reusable-workflow jobs), collected once per parse for the rules in this folder.
import { repositoryRootOf } from '../../../github/localReferences';
import { workflowModel, type JobModel, type NamedNode, type StepModel } from '../../../github/workflowModel';
import type { MapEntry, Node } from '../../../yaml/nodes';
import type { ParsedYaml } from '../../../yaml/parsedYaml';
import type { RuleContext } from '../../rule';

export interface UsesSite {
  readonly uses: NamedNode;
  readonly with: readonly MapEntry[];
  /** Where to report missing inputs: the `uses` value. */
  readonly anchor: Node;
  readonly isJob: boolean;
  readonly job: JobModel;
  /** The step, for step sites; the steps before it are what ran earlier in the same job. */
  readonly step?: StepModel;
  /** `secrets:` of a reusable workflow call (undefined: none given; 'inherit'). */
  readonly secrets?: readonly MapEntry[] | 'inherit' | undefined;
}

const sitesMemo = new WeakMap<ParsedYaml, readonly UsesSite[]>();

export function usesSites(ctx: RuleContext): readonly UsesSite[] {
  const memo = sitesMemo.get(ctx.parsed);
  if (memo) return memo;
  const out: UsesSite[] = [];
  for (const job of workflowModel(ctx.parsed)?.jobs ?? []) {
    if (job.uses)
      out.push({ uses: job.uses, with: job.with, anchor: job.uses.node, isJob: true, job, secrets: job.secrets });
    for (const step of job.steps)
      if (step.uses) out.push({ uses: step.uses, with: step.with, anchor: step.uses.node, isJob: false, job, step });
  }
  sitesMemo.set(ctx.parsed, out);
  return out;
}

/** The repository root walks the disk (a stat per call); several rules need it for the same file. */
const rootMemo = new WeakMap<ParsedYaml, { readonly path: string; readonly root: string | undefined }>();

export function repositoryRoot(ctx: RuleContext): string | undefined {
  const memo = rootMemo.get(ctx.parsed);
  if (memo?.path === ctx.path) return memo.root;
  const root = repositoryRootOf(ctx.path);
  rootMemo.set(ctx.parsed, { path: ctx.path, root });
  return root;
}

export const isExpression = (s: string): boolean => s.includes('${{');
