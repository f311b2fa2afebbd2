// What the steps before a step tell about the workspace it starts in: local actions are read from there, not from the
// repository, so a folder this repository lacks may still be there when an earlier step made it.
import type { StepModel } from '../../../github/workflowModel';
import { scalarText } from '../../../yaml/nodes';
import { isExpression, type UsesSite } from './usesSites';

/** What the steps before a local action tell about the folder it names, which this repository lacks. */
export type EarlierSteps =
  /** A checkout of another repository, or into the folder holding the path: we cannot see what it brings. */
  | { readonly kind: 'brought-by'; readonly step: StepModel }
  /** A step that could write files (a script, another action) without naming the folder. */
  | { readonly kind: 'may-write'; readonly step: StepModel }
  /** Nothing checks out or writes the workspace: on a GitHub-hosted runner it is empty. */
  | { readonly kind: 'none' }
  /** Only checkouts of this repository, which has no such folder. */
  | { readonly kind: 'this-repository' };

const isCheckout = (uses: string): boolean => /^actions\/checkout@/i.test(uses.trim());
const withValue = (step: StepModel, key: string): string | undefined =>
  scalarText(step.with.find((e) => e.key === key)?.value);
const normalize = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '');

export function earlierSteps(site: UsesSite, localPath: string): EarlierSteps {
  const target = normalize(localPath);
  const topFolder = target.split('/')[0] ?? target;
  let mayWrite: StepModel | undefined;
  let checkedOut = false;
  for (const step of site.job.steps) {
    if (step === site.step) break;
    const uses = step.uses?.name;
    if (uses !== undefined && isCheckout(uses)) {
      const into = withValue(step, 'path');
      const repository = withValue(step, 'repository');
      const ref = withValue(step, 'ref');
      if (into !== undefined && into !== '.' && into !== './') {
        if (target === normalize(into) || target.startsWith(`${normalize(into)}/`) || isExpression(into))
          return { kind: 'brought-by', step };
        continue; // a checkout into another folder writes nothing where the action is looked for
      }
      // Another repository, or another branch or tag of this one, may hold the folder.
      if (repository !== undefined || (ref !== undefined && !isExpression(ref))) return { kind: 'brought-by', step };
      // A computed ref is usually this commit or the pull request's head, but could be another branch: not certain.
      if (ref !== undefined) mayWrite ??= step;
      checkedOut = true;
      continue;
    }
    // A step that names the folder (a `git clone ... test-infra`, a download to it) very likely makes it.
    const text = [scalarText(step.run) ?? '', ...step.with.map((e) => scalarText(e.value) ?? '')].join('\n');
    if (text.includes(target) || (topFolder !== '.github' && text.includes(topFolder)))
      return { kind: 'brought-by', step };
    mayWrite ??= step;
  }
  if (mayWrite) return { kind: 'may-write', step: mayWrite };
  return checkedOut ? { kind: 'this-repository' } : { kind: 'none' };
}

/** True when every step before this one is a plain checkout of this repository: the workspace is this repository. */
export function onlyCheckoutsBefore(site: UsesSite): boolean {
  for (const step of site.job.steps) {
    if (step === site.step) return true;
    const uses = step.uses?.name;
    if (
      uses === undefined ||
      !isCheckout(uses) ||
      ['path', 'repository', 'ref'].some((k) => withValue(step, k) !== undefined)
    )
      return false;
  }
  return true;
}
