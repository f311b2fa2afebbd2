// The steps of a workflow's jobs or of a composite action (`runs.steps` in action.yml), with what the script rules need
// to know about each: the shell its `run:` script runs in and the `env` maps that apply to it. Script checks
// (injection, workflow commands, shellcheck, pyflakes) read steps through here, so action.yml gets them too.
import type { FileKind } from '../kinds';
import { workflowModel } from '../github/workflowModel';
import { asMap, getEntry, isScalar, isSeq, scalarText, type Node, type Scalar, type YAMLMap } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import { compositeStepShell, workflowStepShell, type ScriptShell } from './scriptShell';

export interface FileStep {
  readonly node: YAMLMap;
  /** The `run:` script, when the step has one as a scalar. */
  readonly run: Scalar | undefined;
  readonly shell: ScriptShell;
  /** `env` maps that apply to the step, innermost first: the step's, its job's, the workflow's. */
  readonly envScopes: readonly YAMLMap[];
}

function envOf(owner: YAMLMap | undefined): YAMLMap[] {
  const env = owner ? asMap(getEntry(owner, 'env')?.value) : undefined;
  return env ? [env] : [];
}

function runOf(step: YAMLMap): Scalar | undefined {
  const run = getEntry(step, 'run')?.value;
  return isScalar(run) ? run : undefined;
}

function workflowSteps(yaml: ParsedYaml): FileStep[] {
  const model = workflowModel(yaml);
  if (!model) return [];
  return model.jobs.flatMap((job) => job.steps.map((step) => ({
    node: step.node,
    run: step.run,
    shell: workflowStepShell(model.root, job.node, step.node),
    envScopes: [...envOf(step.node), ...envOf(job.node), ...envOf(model.root)],
  })));
}

function compositeSteps(yaml: ParsedYaml): FileStep[] {
  const root = asMap(cleanDocuments(yaml)[0]?.contents);
  const runs = root ? asMap(getEntry(root, 'runs')?.value) : undefined;
  if (!runs || scalarText(getEntry(runs, 'using')?.value) !== 'composite') return [];
  const steps = getEntry(runs, 'steps')?.value;
  if (!isSeq(steps)) return [];
  return steps.items.flatMap((item) => {
    const node = asMap(item as Node);
    return node ? [{ node, run: runOf(node), shell: compositeStepShell(node), envScopes: envOf(node) }] : [];
  });
}

export function stepsOf(yaml: ParsedYaml, kind: FileKind | undefined): FileStep[] {
  if (kind === 'github-workflow') return workflowSteps(yaml);
  if (kind === 'github-action') return compositeSteps(yaml);
  return [];
}

/** Steps with a `run:` script. */
export function runStepsOf(yaml: ParsedYaml, kind: FileKind | undefined): (FileStep & { readonly run: Scalar })[] {
  return stepsOf(yaml, kind).filter((s): s is FileStep & { readonly run: Scalar } => s.run !== undefined);
}
