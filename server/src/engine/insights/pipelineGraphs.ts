// The two graphs the panel draws, built from the parsed files and laid out for the `graph` message: a workflow's job
// graph (edges from `needs`, a matrix counted on its node) and a dvc.yaml's stage graph (an edge where one stage's
// output is, contains or lies inside another stage's dependency; foreach/matrix stages expanded into their instances).
// Every node carries the line of its definition so the panel can open it.
import path from 'node:path';
import type { GraphMessage, GraphNodeStatus, GraphNodeView } from '../../../../protocol/graphView';
import type { DvcProject } from '../dvc/dvcFiles';
import type { DvcPipelineModel } from '../dvc/dvcModel';
import { OutputIndex, isExternal, toPosix } from '../dvc/pipelineGraph';
import { globalScope, resolveText, stageDir, stageInstances, stageScope } from '../dvc/dvcScope';
import type { LineIndex } from '../../../../shared/lineIndex';
import { layoutGraph, type LayoutEdgeInput } from './graphLayout';
import type { WorkflowJobInfo } from './workflowJobs';

export interface GraphNodeSpec {
  readonly id: string;
  readonly label: string;
  readonly line: number;
  readonly instances?: number | 'dynamic';
  readonly detail?: string;
  readonly status?: GraphNodeStatus;
  readonly critical?: boolean;
}

export interface GraphSpec {
  readonly kind: 'jobs' | 'dvc';
  readonly title: string;
  readonly uri: string;
  readonly nodes: readonly GraphNodeSpec[];
  readonly edges: readonly LayoutEdgeInput[];
}

export function jobGraphSpec(jobs: readonly WorkflowJobInfo[], uri: string, title: string): GraphSpec {
  const ids = new Set(jobs.map((j) => j.id));
  return {
    kind: 'jobs',
    title,
    uri,
    nodes: jobs.map((j) => ({
      id: j.id,
      // A name built from expressions reads worse than the id it stands for.
      label: j.displayName.includes('${{') ? j.id : j.displayName,
      line: j.line,
      ...(j.matrixLegs === undefined ? {} : { instances: j.matrixLegs }),
    })),
    edges: jobs.flatMap((j) => j.needs.filter((n) => ids.has(n)).map((n) => ({ from: n, to: j.id }))),
  };
}

interface StageNode {
  readonly spec: GraphNodeSpec;
  readonly deps: readonly string[];
  readonly outs: readonly string[];
}

/** `baseDir` is the folder of dvc.yaml; `project` (when the file is saved in a DVC project) supplies params and vars. */
export function dvcGraphSpec(
  model: DvcPipelineModel,
  lines: LineIndex,
  baseDir: string,
  project: DvcProject | undefined,
  uri: string,
  title: string,
): GraphSpec {
  const global = globalScope(model.vars, project);
  const stages: StageNode[] = [];
  for (const stage of model.stages) {
    const line = lines.positionAt(stage.keyNode.range?.[0] ?? 0).line;
    const instances = stageInstances(stage, stageScope(stage, global, project));
    if (!instances) {
      // Unknown instances: one node for the definition, linked by the paths that need no substitution.
      const plain = (refs: typeof stage.deps): string[] =>
        refs
          .filter((r) => !r.text.includes('${') && !isExternal(r.text))
          .map((r) => toPosix(path.resolve(baseDir, r.text)));
      stages.push({
        spec: { id: stage.name, label: stage.name, line, instances: 'dynamic' },
        deps: plain(stage.deps),
        outs: plain(stage.outs),
      });
      continue;
    }
    for (const instance of instances) {
      const dir = stageDir(stage, baseDir, instance.data);
      const resolve = (refs: typeof stage.deps): string[] =>
        dir === undefined
          ? []
          : refs.flatMap((r) => {
              const text = resolveText(r.text, instance.data);
              return text === undefined || isExternal(text) ? [] : [toPosix(path.resolve(dir, text))];
            });
      stages.push({
        spec: { id: instance.name, label: instance.name, line },
        deps: resolve(stage.deps),
        outs: resolve(stage.outs),
      });
    }
  }
  const outputs = new OutputIndex(stages.flatMap((s) => s.outs.map((p) => ({ path: p, stage: s.spec.id }))));
  const edges: LayoutEdgeInput[] = [];
  for (const s of stages) {
    for (const dep of s.deps) {
      for (const producer of outputs.overlapping(dep))
        if (producer.stage !== s.spec.id) edges.push({ from: producer.stage, to: s.spec.id });
    }
  }
  return { kind: 'dvc', title, uri, nodes: stages.map((s) => s.spec), edges };
}

/** Estimated text widths at the panel's font sizes (12px labels, 11px details); the webview uses the same figures. */
const LABEL_CHAR_WIDTH = 7;
const DETAIL_CHAR_WIDTH = 6.5;
/** Side padding, the status stripe, and a little slack for wide glyphs. */
const CHROME = 36;
const BADGE_WIDTH = 40;
const NODE_HEIGHT = 34;
const DETAIL_HEIGHT = 16;

/** Box size from the text it must hold; the webview truncates with an ellipsis beyond the maximum width. */
function nodeSize(n: GraphNodeSpec): { width: number; height: number } {
  const label = n.label.length * LABEL_CHAR_WIDTH + (n.instances === undefined ? 0 : BADGE_WIDTH);
  const detail = (n.detail?.length ?? 0) * DETAIL_CHAR_WIDTH;
  return {
    width: Math.round(Math.min(280, Math.max(96, CHROME + Math.max(label, detail)))),
    height: NODE_HEIGHT + (n.detail ? DETAIL_HEIGHT : 0),
  };
}

export function graphMessage(spec: GraphSpec): GraphMessage {
  const sized = spec.nodes.map((n) => ({ spec: n, ...nodeSize(n) }));
  const layout = layoutGraph(
    sized.map((s) => ({ id: s.spec.id, width: s.width, height: s.height })),
    spec.edges,
  );
  const byId = new Map(sized.map((s) => [s.spec.id, s.spec]));
  const nodes: GraphNodeView[] = layout.nodes.map((p) => {
    const n = byId.get(p.id);
    return {
      id: p.id,
      label: n?.label ?? p.id,
      uri: spec.uri,
      line: n?.line ?? 0,
      x: p.x,
      y: p.y,
      width: p.width,
      height: p.height,
      ...(n?.instances === undefined ? {} : { instances: n.instances }),
      ...(n?.detail === undefined ? {} : { detail: n.detail }),
      ...(n?.status === undefined ? {} : { status: n.status }),
      ...(n?.critical === true ? { critical: true } : {}),
    };
  });
  return {
    type: 'graph',
    kind: spec.kind,
    title: spec.title,
    width: layout.width,
    height: layout.height,
    nodes,
    edges: layout.edges.map((e) => ({ from: e.from, to: e.to, points: e.points })),
  };
}
