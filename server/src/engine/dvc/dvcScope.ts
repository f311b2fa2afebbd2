// What `${}` can see, as DVC builds it: `params.yaml` next to dvc.yaml (always loaded first, when present), then the
// top-level `vars` in order, then a stage's own `vars` (relative to its wdir), then `item`/`key` in generated stages.
// A scope is `complete` only when every source could be read; rules report missing names only in complete scopes.
import path from 'node:path';
import type { Node, YAMLMap } from '../yaml/nodes';
import { isMap, isScalar, isSeq } from '../yaml/nodes';
import { readDataFile, type DataFile, type DvcProject } from './dvcFiles';
import type { StageDef } from './dvcModel';
import { findInterpolations, interpolatedText } from './interpolation';
import { isRecord, lookupPath, mergeInto } from './paramsData';

export interface Scope {
  readonly data: Readonly<Record<string, unknown>>;
  readonly complete: boolean;
  /** Files read to build it, with what was read: results built from the scope stay valid while these do. */
  readonly sources: readonly FileRead[];
}

export interface FileRead {
  readonly file: string;
  readonly value: DataFile;
}

/** Whether the files a result was built from are unchanged (the read cache returns the same object until they change). */
export function sourcesUnchanged(sources: readonly FileRead[]): boolean {
  return sources.every((s) => readDataFile(s.file) === s.value);
}

function read(file: string, sources: FileRead[]): DataFile {
  const value = readDataFile(file);
  sources.push({ file, value });
  return value;
}

/** Data of a YAML node as plain values (aliases resolved by the parser's own conversion). */
export function nodeData(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  try {
    return node.toJSON() as unknown;
  } catch {
    return undefined;
  }
}

function loadVars(
  varsNode: Node | undefined,
  dir: string | undefined,
  into: Record<string, unknown>,
  sources: FileRead[],
): boolean {
  if (varsNode === undefined) return true;
  if (!isSeq(varsNode)) return false;
  let complete = true;
  for (const item of varsNode.items as Node[]) {
    if (isScalar(item) && typeof item.value === 'string') {
      if (dir === undefined) {
        complete = false;
        continue;
      }
      const [file, keys] = splitVarsFile(item.value);
      const loaded = read(path.resolve(dir, file), sources);
      if (loaded.status !== 'ok' || !isRecord(loaded.data)) {
        complete = false; // a missing vars file is DVC's own error at load time, worded better by DVC than by a guess
        continue;
      }
      const data = loaded.data;
      mergeInto(
        into,
        keys ? Object.fromEntries(keys.filter((k) => Object.hasOwn(data, k)).map((k) => [k, data[k]])) : data,
      );
    } else if (isMap(item)) {
      const data = nodeData(item);
      if (isRecord(data)) mergeInto(into, data);
      else complete = false;
    } else {
      complete = false;
    }
  }
  return complete;
}

/** `file.yaml:key1,key2` -> file and selected keys. */
export function splitVarsFile(entry: string): [string, string[] | undefined] {
  const colon = entry.indexOf(':');
  if (colon === -1) return [entry, undefined];
  const keys = entry
    .slice(colon + 1)
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return [entry.slice(0, colon), keys.length > 0 ? keys : undefined];
}

/** The scope of the whole file. Without a project on disk, only inline `vars` are known. */
export function globalScope(varsNode: Node | undefined, project: DvcProject | undefined): Scope {
  const data: Record<string, unknown> = {};
  const sources: FileRead[] = [];
  let complete = project !== undefined;
  if (project) {
    const params = read(path.join(project.dir, 'params.yaml'), sources);
    if (params.status === 'ok' && isRecord(params.data)) mergeInto(data, params.data);
    else if (
      params.status === 'unknown' ||
      (params.status === 'ok' && params.data !== null && params.data !== undefined)
    )
      complete = false;
  }
  if (!loadVars(varsNode, project?.dir, data, sources)) complete = false;
  return { data, complete, sources };
}

/** Resolve a string against a scope: the text it becomes, or undefined when it cannot be known. */
export function resolveText(text: string, data: Readonly<Record<string, unknown>>): string | undefined {
  if (!text.includes('${')) return text; // most paths: nothing to substitute, nothing escaped
  const found = findInterpolations(text);
  if (found.length === 0) return text.replace(/\\\$\{/g, '${');
  let out = '';
  let at = 0;
  for (const i of found) {
    if (!i.path) return undefined;
    const hit = lookupPath(data, i.path);
    const value = hit.found ? interpolatedText(hit.value) : undefined;
    if (value === undefined) return undefined;
    out += text.slice(at, i.start) + value;
    at = i.end;
  }
  return (out + text.slice(at)).replace(/\\\$\{/g, '${');
}

/** The folder a stage's paths are relative to; undefined when its `wdir` cannot be resolved. */
export function stageDir(stage: StageDef, dir: string, data: Readonly<Record<string, unknown>>): string | undefined {
  if (!stage.wdir) return dir;
  const wdir = resolveText(stage.wdir.text, data);
  return wdir === undefined ? undefined : path.resolve(dir, wdir);
}

/** A stage's scope: the file's scope plus the stage's own `vars`. */
export function stageScope(stage: StageDef, global: Scope, project: DvcProject | undefined): Scope {
  if (stage.vars === undefined) return global;
  const data = structuredClone(global.data) as Record<string, unknown>;
  const dir = project ? stageDir(stage, project.dir, global.data) : undefined;
  const sources = [...global.sources];
  const complete = loadVars(stage.vars, dir, data, sources) && global.complete;
  return { data, complete, sources };
}

/** One stage that DVC generates from a definition: the plain stage itself, or one per foreach/matrix element. */
export interface StageInstance {
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Upper bound on generated stages we expand; a larger matrix is left unchecked rather than slowing the editor. */
const MAX_INSTANCES = 500;

function exactReference(
  node: Node | null | undefined,
  data: Readonly<Record<string, unknown>>,
): { known: boolean; value: unknown } {
  if (isScalar(node) && typeof node.value === 'string') {
    const found = findInterpolations(node.value);
    const only = found[0];
    if (found.length === 1 && only?.start === 0 && only.end === node.value.length && only.path) {
      const hit = lookupPath(data, only.path);
      return hit.found ? { known: true, value: hit.value } : { known: false, value: undefined };
    }
    return { known: false, value: undefined };
  }
  return { known: true, value: nodeData(node) };
}

/** `item` (and `key`) for each foreach element; undefined when the elements cannot be known. */
export function foreachElements(
  stage: StageDef,
  data: Readonly<Record<string, unknown>>,
): { key: string; item: unknown; hasKey: boolean }[] | undefined {
  const { known, value } = exactReference(stage.foreach, data);
  if (!known) return undefined;
  if (Array.isArray(value)) {
    const composite = value.some((v) => typeof v === 'object' && v !== null);
    return value.map((item: unknown, i) => ({
      key: composite ? String(i) : (interpolatedText(item) ?? String(i)),
      item,
      hasKey: false,
    }));
  }
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => ({ key, item, hasKey: true }));
  return undefined;
}

/** Each matrix combination as `item`, with its generated key; undefined when the lists cannot be known. */
export function matrixElements(
  matrix: YAMLMap | undefined,
  data: Readonly<Record<string, unknown>>,
): { key: string; item: Record<string, unknown> }[] | undefined {
  if (!matrix) return undefined;
  let combos: { key: string[]; item: Record<string, unknown> }[] = [{ key: [], item: {} }];
  for (const pair of matrix.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const { known, value } = exactReference(pair.value as Node | null, data);
    if (name === undefined || !known || !Array.isArray(value)) return undefined;
    const next: typeof combos = [];
    for (const combo of combos) {
      value.forEach((v: unknown, i) => {
        const part = typeof v === 'object' && v !== null ? `${name}${i}` : (interpolatedText(v) ?? String(i));
        next.push({ key: [...combo.key, part], item: { ...combo.item, [name]: v } });
      });
    }
    if (next.length > MAX_INSTANCES) return undefined;
    combos = next;
  }
  return combos.map((c) => ({ key: c.key.join('-'), item: c.item }));
}

/** The stages DVC generates from one definition; undefined when they cannot be known (an unresolved foreach, say). */
export function stageInstances(stage: StageDef, scope: Scope): StageInstance[] | undefined {
  switch (stage.form) {
    case 'plain':
      return [{ name: stage.name, data: scope.data }];
    case 'foreach': {
      const elements = foreachElements(stage, scope.data);
      if (!elements || elements.length > MAX_INSTANCES) return undefined;
      return elements.map((e) => ({
        name: `${stage.name}@${e.key}`,
        data: { ...scope.data, item: e.item, ...(e.hasKey ? { key: e.key } : {}) },
      }));
    }
    case 'matrix': {
      const elements = matrixElements(stage.matrix, scope.data);
      if (!elements) return undefined;
      return elements.map((e) => ({
        name: `${stage.name}@${e.key}`,
        data: { ...scope.data, item: e.item, key: e.key },
      }));
    }
  }
}
