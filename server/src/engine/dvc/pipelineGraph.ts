// The stages' deps and outs as resolved paths: what links stages into DVC's graph. Generated stages (foreach, matrix)
// are expanded when their data is known; paths that stay templated become patterns, which only ever excuse a finding
// (a dep matching one may be produced) and never cause one.
import path from 'node:path';
import type { DvcProject } from './dvcFiles';
import type { DvcPipelineModel, StageDef, StringRef } from './dvcModel';
import {
  globalScope,
  resolveText,
  sourcesUnchanged,
  stageDir,
  stageInstances,
  stageScope,
  type FileRead,
} from './dvcScope';
import { isInterpolated } from './interpolation';

export interface PlacedPath {
  /** Absolute, with forward slashes. */
  readonly path: string;
  readonly ref: StringRef;
  readonly stage: StageDef;
}

export interface PipelineGraph {
  readonly outs: readonly PlacedPath[];
  readonly deps: readonly PlacedPath[];
  /** Outputs whose path could not be resolved, as patterns over absolute paths. */
  readonly outPatterns: readonly RegExp[];
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** A path template (`data/${item}.csv`) as a pattern matching the ends of absolute paths. */
export function templatePattern(template: string): RegExp {
  const parts = toPosix(template)
    .replace(/^\.\//, '')
    .split(/(?<!\\)\$\{[^}]*\}/);
  const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(`(^|/)${body}/?$`);
}

/** External data (URLs, remotes) is not in the workspace by design. */
export function isExternal(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

const memo = new WeakMap<
  DvcPipelineModel,
  { baseDir: string; root: string | undefined; sources: readonly FileRead[]; graph: PipelineGraph }
>();

/** The graph of a parsed dvc.yaml; shared by the graph rules while the params and vars files it read are unchanged. */
export function buildGraph(model: DvcPipelineModel, baseDir: string, project: DvcProject | undefined): PipelineGraph {
  const hit = memo.get(model);
  if (hit?.baseDir === baseDir && hit.root === project?.root && sourcesUnchanged(hit.sources)) return hit.graph;
  const sources: FileRead[] = [];
  const graph = computeGraph(model, baseDir, project, sources);
  memo.set(model, { baseDir, root: project?.root, sources, graph });
  return graph;
}

function computeGraph(
  model: DvcPipelineModel,
  baseDir: string,
  project: DvcProject | undefined,
  sources: FileRead[],
): PipelineGraph {
  const global = globalScope(model.vars, project);
  sources.push(...global.sources);
  const outs: PlacedPath[] = [];
  const deps: PlacedPath[] = [];
  const outPatterns: RegExp[] = [];
  for (const stage of model.stages) {
    const scope = stageScope(stage, global, project);
    if (scope !== global) sources.push(...scope.sources.slice(global.sources.length));
    const instances = stageInstances(stage, scope);
    if (!instances) {
      for (const ref of stage.outs) outPatterns.push(templatePattern(ref.text));
      // Deps of unknown instances are not checked; non-templated ones are the same in every instance.
      const dir = stageDir(stage, baseDir, scope.data);
      if (dir !== undefined)
        for (const ref of stage.deps) if (!isInterpolated(ref.text)) deps.push(place(dir, ref.text, ref, stage));
      continue;
    }
    const seen = new Set<string>();
    for (const instance of instances) {
      const dir = stageDir(stage, baseDir, instance.data);
      for (const [refs, into] of [
        [stage.outs, outs],
        [stage.deps, deps],
      ] as const) {
        for (const ref of refs) {
          const text = dir === undefined ? undefined : resolveText(ref.text, instance.data);
          if (dir === undefined || text === undefined) {
            if (into === outs) outPatterns.push(templatePattern(ref.text));
            continue;
          }
          const placed = place(dir, text, ref, stage);
          // The same path from two instances of one definition is one edge for our purposes.
          const key = `${into === outs ? 'o' : 'd'}:${placed.path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          into.push(placed);
        }
      }
    }
  }
  return { outs, deps, outPatterns };
}

function place(dir: string, text: string, ref: StringRef, stage: StageDef): PlacedPath {
  return { path: toPosix(path.resolve(dir, text)), ref, stage };
}

/** Index of output paths answering "which outputs overlap this path" (equal, inside, or containing it). */
export class OutputIndex<T extends { readonly path: string }> {
  private readonly byPath = new Map<string, T[]>();
  private readonly sorted: string[];

  constructor(items: readonly T[]) {
    for (const item of items) {
      const list = this.byPath.get(item.path);
      if (list) list.push(item);
      else this.byPath.set(item.path, [item]);
    }
    this.sorted = [...this.byPath.keys()].sort();
  }

  /** Outputs equal to the path or folders containing it. */
  containing(p: string): T[] {
    const found: T[] = [];
    for (let current = p; ;) {
      found.push(...(this.byPath.get(current) ?? []));
      const slash = current.lastIndexOf('/');
      if (slash <= 0) break;
      current = current.slice(0, slash);
    }
    return found;
  }

  /** Outputs inside the path (when the path is a folder). */
  inside(p: string): T[] {
    const prefix = `${p}/`;
    const found: T[] = [];
    for (let i = this.firstFrom(prefix); i < this.sorted.length; i++) {
      const candidate = this.sorted[i] ?? '';
      if (!candidate.startsWith(prefix)) break;
      found.push(...(this.byPath.get(candidate) ?? []));
    }
    return found;
  }

  /** Whether any output overlaps the path; allocates nothing, for the common "yes, a stage writes it". */
  overlapsAny(p: string): boolean {
    for (let current = p; ;) {
      if (this.byPath.has(current)) return true;
      const slash = current.lastIndexOf('/');
      if (slash <= 0) break;
      current = current.slice(0, slash);
    }
    const prefix = `${p}/`;
    return (this.sorted[this.firstFrom(prefix)] ?? '').startsWith(prefix);
  }

  /** Index of the first sorted path not below `prefix`. */
  private firstFrom(prefix: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.sorted[mid] ?? '') < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  overlapping(p: string): T[] {
    return [...this.containing(p), ...this.inside(p)];
  }
}
