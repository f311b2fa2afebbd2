// What the DVC rules of one check share: the project found on disk (a stat per folder up to the root), the file's
// scope (params.yaml and vars files read and merged) and the stage graph (every stage's scope, deps and outs resolved).
import path from 'node:path';
import { dvcProjectOf, type DvcProject } from '../../dvc/dvcFiles';
import { dvcPipelineModel } from '../../dvc/dvcModel';
import { globalScope, type Scope } from '../../dvc/dvcScope';
import { buildGraph, type PipelineGraph } from '../../dvc/pipelineGraph';
import { memoKey } from '../checkMemo';
import type { RuleContext } from '../rule';

const PROJECT = memoKey<DvcProject | undefined>('DVC project of the checked file');
const GLOBAL_SCOPE = memoKey<Scope | undefined>('scope of the whole dvc.yaml');
const GRAPH = memoKey<PipelineGraph | undefined>('stage graph');

export function projectOf(ctx: RuleContext): DvcProject | undefined {
  return ctx.memo.get(PROJECT, () => dvcProjectOf(ctx.path));
}

/** The whole file's scope (inline vars only outside a DVC project); undefined when the file is not a pipeline. */
export function globalScopeOf(ctx: RuleContext): Scope | undefined {
  return ctx.memo.get(GLOBAL_SCOPE, () => {
    const model = dvcPipelineModel(ctx.parsed);
    return model ? globalScope(model.vars, projectOf(ctx)) : undefined;
  });
}

/** Paths are relative to dvc.yaml's folder, on disk or not (the graph of an unsaved file is still a graph). */
export function graphOf(ctx: RuleContext): PipelineGraph | undefined {
  return ctx.memo.get(GRAPH, () => {
    const model = dvcPipelineModel(ctx.parsed);
    return model ? buildGraph(model, path.dirname(path.resolve(ctx.path)), projectOf(ctx)) : undefined;
  });
}
