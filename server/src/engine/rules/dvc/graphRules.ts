// The stage graph DVC builds from deps and outs: every dep must come from somewhere, no path may be written by two
// stages, and no stage may (indirectly) depend on its own output. DVC rejects the pipeline for each of these.
import path from 'node:path';
import { exists, trackedByDvcFile } from '../../dvc/dvcFiles';
import { dvcPipelineModel, type StageDef } from '../../dvc/dvcModel';
import { otherPipelineOutputs, type ForeignOutputs } from '../../dvc/otherPipelines';
import { isExternal, OutputIndex, toPosix, type PipelineGraph, type PlacedPath } from '../../dvc/pipelineGraph';
import type { RuleFinding } from '../../findings';
import { nodeRange } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';
import { graphOf, projectOf } from './dvcCheckMemo';

/** Paths are relative to dvc.yaml's folder, on disk or not (the graph of an unsaved file is still a graph). */
function baseDirOf(ctx: RuleContext): string {
  return path.dirname(path.resolve(ctx.path));
}

function relative(from: string, p: string): string {
  return toPosix(path.relative(from, p)) || '.';
}

export const dvcMissingDep: Rule = {
  id: 'dvc-missing-dep',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: 'Stage dependency comes from nowhere',
    description:
      'A dep must exist in the workspace, be tracked by a `.dvc` file (`dvc add`/`dvc import`), or be written by ' +
      'some stage of the project; otherwise `dvc repro` fails with "missing dependency". Checked only for a dvc.yaml saved ' +
      'inside a DVC project; URLs and frozen stages are not checked.',
  },
  check(ctx) {
    const project = projectOf(ctx);
    const graph = graphOf(ctx);
    if (!project || !graph) return [];
    const outs = new OutputIndex(graph.outs);
    let foreign: ForeignOutputs | undefined | null = null; // read only when a dep is not found otherwise
    const findings: RuleFinding[] = [];
    // Most deps are other stages' outputs or a few shared scripts: ask the index first, and the disk once per path.
    const onDisk = new Map<string, boolean>();
    const existing = (p: string): boolean => {
      let found = onDisk.get(p);
      if (found === undefined) onDisk.set(p, (found = exists(p)));
      return found;
    };
    for (const dep of graph.deps) {
      if (dep.stage.frozen || isExternal(dep.ref.text) || path.isAbsolute(dep.ref.text)) continue;
      if (outs.overlapsAny(dep.path) || existing(dep.path) || graph.outPatterns.some((p) => p.test(dep.path))) continue;
      if (trackedByDvcFile(project, dep.path)) continue;
      foreign ??= otherPipelineOutputs(project, ctx.path);
      if (foreign === undefined) return findings;
      if (foreign.index.overlapsAny(dep.path) || foreign.patterns.some((p) => p.test(dep.path))) continue;
      findings.push({
        message: `Stage '${dep.stage.name}' depends on '${relative(project.dir, dep.path)}', which does not exist, is not tracked by a .dvc file, and is not an output of any stage.`,
        range: nodeRange(ctx.parsed.lines, dep.ref.node),
      });
    }
    return findings;
  },
};

export const dvcDuplicateOutput: Rule = {
  id: 'dvc-duplicate-output',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: 'Two stages write the same output',
    description:
      "Each output (`outs`, `metrics`, `plots`) may belong to one stage only, and one stage's output may not " +
      'lie inside another\'s output folder: DVC refuses the pipeline ("overlapping outputs"). Move the shared file to one ' +
      'stage and make the other depend on it.',
  },
  check(ctx) {
    const graph = graphOf(ctx);
    if (!graph) return [];
    const findings: RuleFinding[] = [];
    const base = baseDirOf(ctx);
    const index = new OutputIndex(graph.outs);
    const order = new Map(graph.outs.map((o, i) => [o, i]));
    for (const [i, out] of graph.outs.entries()) {
      // Reported once, at the later of the two.
      const clash = index.overlapping(out.path).find((o) => o.stage !== out.stage && (order.get(o) ?? i) < i);
      if (!clash) continue;
      const same = clash.path === out.path;
      findings.push({
        message: same
          ? `'${out.ref.text}' is also an output of stage '${clash.stage.name}'; an output belongs to one stage.`
          : `'${relative(base, out.path)}' overlaps '${relative(base, clash.path)}', an output of stage '${clash.stage.name}'.`,
        range: nodeRange(ctx.parsed.lines, out.ref.node),
      });
    }
    return findings;
  },
};

/** Stage definitions on a cycle, each with the dep that leads to the next one. */
function findCycles(graph: PipelineGraph, stages: readonly StageDef[]): { stage: StageDef; dep: PlacedPath }[][] {
  const outs = new OutputIndex(graph.outs);
  const edges = new Map<StageDef, { to: StageDef; dep: PlacedPath }[]>();
  for (const dep of graph.deps) {
    for (const out of outs.overlapping(dep.path)) {
      if (out.stage === dep.stage) continue; // DVC ignores a stage's own outputs among its deps (persisted outputs)
      const list = edges.get(dep.stage) ?? [];
      if (!list.some((e) => e.to === out.stage)) list.push({ to: out.stage, dep });
      edges.set(dep.stage, list);
    }
  }
  const state = new Map<StageDef, 'visiting' | 'done'>();
  const stack: { stage: StageDef; dep: PlacedPath | undefined }[] = [];
  const cycles: { stage: StageDef; dep: PlacedPath }[][] = [];
  const visit = (stage: StageDef): void => {
    state.set(stage, 'visiting');
    stack.push({ stage, dep: undefined });
    for (const edge of edges.get(stage) ?? []) {
      const top = stack[stack.length - 1];
      if (top) top.dep = edge.dep;
      const s = state.get(edge.to);
      if (s === 'visiting') {
        const from = stack.findIndex((f) => f.stage === edge.to);
        cycles.push(stack.slice(from).flatMap((f) => (f.dep ? [{ stage: f.stage, dep: f.dep }] : [])));
      } else if (s === undefined) {
        visit(edge.to);
      }
    }
    stack.pop();
    state.set(stage, 'done');
  };
  for (const stage of stages) if (!state.has(stage)) visit(stage);
  return cycles;
}

export const dvcStageCycle: Rule = {
  id: 'dvc-stage-cycle',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: 'Stages depend on each other in a cycle',
    description:
      "Stages are linked when one depends on another's output; the links must not loop, or DVC cannot order " +
      'the stages and refuses the pipeline ("cycle detected").',
  },
  check(ctx) {
    const model = dvcPipelineModel(ctx.parsed);
    const graph = graphOf(ctx);
    if (!model || !graph) return [];
    const findings: RuleFinding[] = [];
    for (const cycle of findCycles(graph, model.stages)) {
      const names = [...cycle.map((c) => c.stage.name), cycle[0]?.stage.name ?? ''].join(' -> ');
      for (const { dep } of cycle)
        findings.push({
          message: `Stages depend on each other in a cycle: ${names}.`,
          range: nodeRange(ctx.parsed.lines, dep.ref.node),
        });
    }
    return findings;
  },
};
