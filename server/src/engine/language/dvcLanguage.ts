// What the editor features for dvc.yaml share: where the file sits on disk (params.yaml and vars files are read from
// beside it), the stage around a position, the values `${}` can see there, and one-line previews of those values.
import path from 'node:path';
import { dvcProjectOf, readDataFile, type DvcProject } from '../dvc/dvcFiles';
import { dvcPipelineModel, type DvcPipelineModel, type StageDef } from '../dvc/dvcModel';
import { globalScope, stageDir, stageInstances, stageScope } from '../dvc/dvcScope';
import { isInterpolated } from '../dvc/interpolation';
import { isRecord } from '../dvc/paramsData';
import { buildGraph, type PipelineGraph } from '../dvc/pipelineGraph';
import type { ParsedYaml } from '../yaml/parsedYaml';

export interface DvcDocument {
  readonly yaml: ParsedYaml;
  /** Undefined while the text does not parse cleanly. */
  readonly model: DvcPipelineModel | undefined;
  /** Folder of dvc.yaml; undefined for a document with no place on disk (an untitled buffer). */
  readonly dir: string | undefined;
  /**
   * The DVC project, or else the folder alone: the checks wait for `dvc init`, but suggesting the keys of the
   * params.yaml next to the file helps before it too.
   */
  readonly project: DvcProject | undefined;
}

export function dvcDocument(yaml: ParsedYaml, filePath: string | undefined): DvcDocument {
  const model = dvcPipelineModel(yaml);
  if (filePath === undefined || !path.isAbsolute(filePath)) return { yaml, model, dir: undefined, project: undefined };
  const dir = path.dirname(filePath);
  return { yaml, model, dir, project: dvcProjectOf(filePath) ?? { root: dir, dir } };
}

/**
 * Where the document's relative paths start: its folder, or for an untitled document the file system root (its paths
 * are then only compared with each other).
 */
function baseOf(doc: DvcDocument): string {
  return doc.dir ?? path.resolve('/');
}

/** The stage graph: deps and outs as absolute paths, with the stage of each. */
export function graphOf(doc: DvcDocument): PipelineGraph | undefined {
  return doc.model ? buildGraph(doc.model, baseOf(doc), doc.project) : undefined;
}

/** The stage whose definition (key or body) contains the offset. */
export function stageAtOffset(doc: DvcDocument, offset: number): StageDef | undefined {
  return doc.model?.stages.find((s) => {
    const start = s.keyNode.range?.[0];
    const end = s.node.range?.[1];
    return start !== undefined && end !== undefined && offset >= start && offset <= end;
  });
}

export function stageNamed(doc: DvcDocument, name: string | undefined): StageDef | undefined {
  return name === undefined ? undefined : doc.model?.stages.find((s) => s.name === name);
}

/** The folder a stage's deps and outs are relative to (its `wdir`), in the graph's terms; undefined when templated. */
export function stagePathsFolder(doc: DvcDocument, stage: StageDef | undefined): string | undefined {
  if (!stage) return baseOf(doc);
  return stageDir(stage, baseOf(doc), globalScope(doc.model?.vars, doc.project).data);
}

/** The folder on disk a stage's files are relative to; undefined for an untitled document. */
export function stageFolder(doc: DvcDocument, stage: StageDef | undefined): string | undefined {
  return doc.dir === undefined ? undefined : stagePathsFolder(doc, stage);
}

/** The params file a stage's `params:` reads: `params.yaml`, or a file named in an entry. */
export function paramsFileOf(
  doc: DvcDocument,
  stage: StageDef | undefined,
  fileName = 'params.yaml',
): string | undefined {
  const dir = stageFolder(doc, stage);
  return dir === undefined || isInterpolated(fileName) ? undefined : path.resolve(dir, fileName);
}

/** Plain data of a params file, or undefined when it is missing or not readable as YAML/JSON. */
export function paramsData(file: string | undefined): unknown {
  const loaded = file === undefined ? undefined : readDataFile(file);
  return loaded?.status === 'ok' ? loaded.data : undefined;
}

/**
 * What `${}` sees in a stage (or, outside stages, in the file): params.yaml, `vars`, the stage's own `vars`, and
 * `item`/`key` of the first stage a foreach or matrix generates (all elements share their shape, as a rule).
 */
export function scopeAt(doc: DvcDocument, stage: StageDef | undefined): Readonly<Record<string, unknown>> {
  const global = globalScope(doc.model?.vars, doc.project);
  if (!stage) return global.data;
  const scope = stageScope(stage, global, doc.project);
  return stageInstances(stage, scope)?.[0]?.data ?? scope.data;
}

/** Every key of parameter data as DVC names it in `params:` (`train`, `train.lr`), with its value. */
export function dottedEntries(data: unknown, prefix = ''): { key: string; value: unknown }[] {
  if (!isRecord(data)) return [];
  return Object.entries(data).flatMap(([k, value]) => {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    return [{ key, value }, ...dottedEntries(value, key)];
  });
}

const PREVIEW_LENGTH = 60;

/** A value on one line, cut short: completion details and hovers show it at a glance. */
export function preview(value: unknown): string {
  let text: string;
  if (isRecord(value)) {
    const count = Object.keys(value).length;
    return `{${count} key${count === 1 ? '' : 's'}}`;
  }
  if (value === undefined) return ''; // not known here (the element of a foreach over a `${}`, say)
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = typeof value === 'bigint' ? value.toString() : '…'; // JSON has no BigInt (a huge YAML integer, say)
  }
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** Where a top-level name of `${}` comes from, for the reader. */
export function sourceOf(name: string, params: unknown, stage: StageDef | undefined): string {
  if ((name === 'item' || name === 'key') && stage && stage.form !== 'plain')
    return `${stage.form} element of stage '${stage.name}'`;
  if (isRecord(params) && Object.hasOwn(params, name)) return 'params.yaml';
  return 'vars';
}
