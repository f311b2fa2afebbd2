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
  return model.jobs.flatMap((job) =>
    job.steps.map((step) => ({
      node: step.node,
      run: step.run,
      shell: workflowStepShell(model.root, job.node, step.node),
      envScopes: [...envOf(step.node), ...envOf(job.node), ...envOf(model.root)],
    })),
  );
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

type RunStep = FileStep & { readonly run: Scalar };

/** Per parse and kind: several rules and the script linters read the same steps. */
interface StepsMemo {
  readonly all: readonly FileStep[];
  run?: readonly RunStep[];
}
const memo = new WeakMap<ParsedYaml, Map<FileKind | undefined, StepsMemo>>();

function memoOf(yaml: ParsedYaml, kind: FileKind | undefined): StepsMemo {
  let byKind = memo.get(yaml);
  if (!byKind) memo.set(yaml, (byKind = new Map<FileKind | undefined, StepsMemo>()));
  let entry = byKind.get(kind);
  if (!entry) {
    entry = {
      all: kind === 'github-workflow' ? workflowSteps(yaml) : kind === 'github-action' ? compositeSteps(yaml) : [],
    };
    byKind.set(kind, entry);
  }
  return entry;
}

export function stepsOf(yaml: ParsedYaml, kind: FileKind | undefined): readonly FileStep[] {
  return memoOf(yaml, kind).all;
}

/** Steps with a `run:` script. */
export function runStepsOf(yaml: ParsedYaml, kind: FileKind | undefined): readonly RunStep[] {
  const entry = memoOf(yaml, kind);
  entry.run ??= entry.all.filter((s): s is RunStep => s.run !== undefined);
  return entry.run;
}
