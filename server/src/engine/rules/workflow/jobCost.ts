// Why a job that hangs or misbehaves costs something concrete: it holds a GPU, it occupies the team's own (self-hosted)
// machine, or it trains a model (long, and usually on expensive hardware). Advice rules are a warning for such jobs and
// only a note elsewhere, so a team adopting Preflight is not met with hundreds of warnings about cheap 2-minute jobs.
import type { JobModel } from '../../github/workflowModel';
import { asMap, getEntry, isScalar, isSeq, scalarText, type Node } from '../../yaml/nodes';

/** Commands that train or fine-tune a model. */
export const TRAINING =
  /\b(train(ing)?|fine[-_]?tun(e|ing)|dvc\s+(repro|exp\s+run)|mlflow\s+run|accelerate\s+launch|torchrun|deepspeed)\b/i;

/** Runner labels that name a GPU machine (GitHub's GPU runners and the usual self-hosted names). */
const GPU_LABEL = /gpu|cuda|nvidia|\b(a10g?|a100|h100|h200|l4|l40s?|t4|v100)\b/i;

export type JobCost = 'gpu runner' | 'self-hosted runner' | 'training job';

/** The job's runner labels as written (`runs-on: x`, a list, or `{group, labels}`); expressions are left as text. */
export function runnerLabels(job: JobModel): string[] {
  const runsOn = job.runsOn;
  const texts = (node: Node | null | undefined): string[] => {
    if (isScalar(node)) return [scalarText(node) ?? ''];
    if (isSeq(node)) return node.items.map((i) => scalarText(i as Node) ?? '');
    return [];
  };
  const group = asMap(runsOn);
  if (!group) return texts(runsOn);
  return [...texts(getEntry(group, 'group')?.value), ...texts(getEntry(group, 'labels')?.value)];
}

/** String values anywhere under a node (a matrix is small; the depth bound guards against odd shapes). */
function scalarsUnder(node: Node | null | undefined, depth: number): string[] {
  if (depth > 6 || node === null || node === undefined) return [];
  if (isScalar(node)) return typeof node.value === 'string' ? [node.value] : [];
  if (isSeq(node)) return node.items.flatMap((i) => scalarsUnder(i as Node, depth + 1));
  const map = asMap(node);
  return map ? map.items.flatMap((p) => scalarsUnder(p.value as Node | null, depth + 1)) : [];
}

export function runText(job: JobModel): string {
  return job.steps.map((s) => scalarText(s.run) ?? '').join('\n');
}

/**
 * What makes this job costly, or undefined for an ordinary job on a GitHub-hosted runner. `ownRunners` are the labels of
 * the user's runners (settings and `.preflight.yml`); a runner group (`runs-on: {group: …}`) is the organisation's own or
 * a larger runner, both billed or owned by the team.
 */
export function jobCost(job: JobModel, ownRunners: readonly string[] = []): JobCost | undefined {
  const labels = runnerLabels(job);
  // `runs-on: ${{ matrix.runner }}`: the labels are the matrix's values.
  const fromMatrix = labels.some((l) => /\bmatrix\./.test(l))
    ? scalarsUnder(getEntry(job.node, 'strategy')?.value, 0)
    : [];
  if ([...labels, ...fromMatrix].some((l) => GPU_LABEL.test(l))) return 'gpu runner';
  const own = new Set(ownRunners.map((l) => l.toLowerCase()));
  const runsOnMap = asMap(job.runsOn);
  const group = runsOnMap !== undefined && getEntry(runsOnMap, 'group') !== undefined;
  if (group || [...labels, ...fromMatrix].some((l) => l.toLowerCase() === 'self-hosted' || own.has(l.toLowerCase())))
    return 'self-hosted runner';
  if (TRAINING.test(runText(job))) return 'training job';
  return undefined;
}
