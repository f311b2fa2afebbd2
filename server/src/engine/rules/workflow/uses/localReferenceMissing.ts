// `local-reference-missing`: `uses: ./path` names an action or reusable workflow that is not there.
// A local action is read from the runner's workspace when the step starts, not from the repository: an earlier step may
// have put it there (a checkout of another repository or into a sub-folder, a clone, a download). Only when every earlier
// step is a plain checkout of this repository is a folder missing here certainly missing at run time.
import type { RuleFinding, Severity } from '../../../findings';
import { parseActionRef } from '../../../github/actionRef';
import { lookupLocalAction, lookupReusableWorkflow } from '../../../github/localReferences';
import type { StepModel } from '../../../github/workflowModel';
import { nodeRange, scalarText } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { earlierSteps } from './earlierSteps';
import { isExpression, repositoryRoot, usesSites, type UsesSite } from './usesSites';

function missingActionFinding(site: UsesSite, localPath: string): { message: string; severity: Severity } | undefined {
  const earlier = earlierSteps(site, localPath);
  const notHere = `'${localPath}' has no action.yml, action.yaml or Dockerfile in this repository`;
  switch (earlier.kind) {
    case 'brought-by':
      return undefined; // the usual way to run an action from another repository's checkout
    case 'may-write':
      return {
        severity: 'warning',
        message: `${notHere}; the step fails unless an earlier step (such as '${stepLabel(earlier.step)}') creates it.`,
      };
    case 'none':
      return {
        severity: 'warning',
        message: `${notHere}, and no earlier step checks out or creates it: on a GitHub-hosted runner the workspace is empty, so the step fails. Add 'actions/checkout' first, or fix the path.`,
      };
    case 'this-repository':
      return {
        severity: 'error',
        message: `${notHere}, and the earlier steps only check out this repository: the step fails. Fix the path.`,
      };
  }
}

function stepLabel(step: StepModel): string {
  const run = scalarText(step.run)?.trim().split('\n')[0];
  return (
    step.name ??
    step.id?.name ??
    step.uses?.name ??
    (run ? `run: ${run.length > 40 ? `${run.slice(0, 40)}…` : run}` : `step ${step.index + 1}`)
  );
}

export const localReferenceMissing: Rule = {
  id: 'local-reference-missing',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Local action or reusable workflow not found',
    description:
      'A reusable workflow `uses: ./.github/workflows/x.yml` is read from this repository and must exist and declare ' +
      "`on: workflow_call`. A local action `uses: ./path` is read from the runner's workspace when the step starts: its folder " +
      'must hold `action.yml`, `action.yaml` or a `Dockerfile` by then. When this repository lacks the folder, it is an error ' +
      'only if the earlier steps of the job just check out this repository; if nothing is checked out yet, or an earlier step ' +
      'may create the folder, it is a warning; after a checkout of another repository or into that folder, nothing is ' +
      'reported, since we cannot see what it brings.',
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    if (root === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'local' || isExpression(site.uses.name)) continue;
      const range = nodeRange(ctx.parsed.lines, site.uses.node);
      if (site.isJob) {
        const lookup = lookupReusableWorkflow(root, ref.path);
        if (lookup.status === 'missing')
          findings.push({ message: `Reusable workflow '${ref.path}' does not exist in this repository.`, range });
        else if (lookup.status === 'unknown')
          findings.push({
            message: `'${ref.path}' has no 'on: workflow_call' trigger, so it cannot be called as a reusable workflow.`,
            range,
          });
        continue;
      }
      if (lookupLocalAction(root, ref.path).status !== 'missing') continue;
      const finding = missingActionFinding(site, ref.path);
      if (finding) findings.push({ ...finding, range });
    }
    return findings;
  },
};
