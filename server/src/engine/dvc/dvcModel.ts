// dvc.yaml read into stages with their YAML nodes, so rules ask "which stage writes what" instead of walking the AST.
// Built once per parse (memoised) from the first clean document; tolerant of any shape (the schema rules report shapes).
import {
  asMap,
  entries,
  isMap,
  isScalar,
  isSeq,
  scalarText,
  type Node,
  type Scalar,
  type YAMLMap,
} from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';

/** A string as written, with its node for ranges. */
export interface StringRef {
  readonly text: string;
  readonly node: Scalar;
}

/** One entry of a stage's `params:`: keys of the default params file, or of a named file. */
export interface ParamsEntry {
  /** The params file as written (relative to the stage's wdir); undefined for the default `params.yaml`. */
  readonly file: StringRef | undefined;
  readonly keys: readonly StringRef[];
  /** `other.yaml:` with no list: every key of that file. */
  readonly allKeys: boolean;
}

export type StageForm = 'plain' | 'foreach' | 'matrix';

export interface StageDef {
  readonly name: string;
  readonly keyNode: Node;
  readonly node: YAMLMap;
  readonly form: StageForm;
  /** Where cmd, deps, outs and params live: the stage itself, or its `do` for foreach. */
  readonly body: YAMLMap | undefined;
  readonly foreach: Node | null | undefined;
  readonly matrix: YAMLMap | undefined;
  /** `undefined` when absent. */
  readonly cmd: Node | null | undefined;
  readonly wdir: StringRef | undefined;
  readonly deps: readonly StringRef[];
  /** `outs`, `metrics` and `plots` together: DVC treats them all as outputs. */
  readonly outs: readonly StringRef[];
  readonly params: readonly ParamsEntry[];
  /** Stage-level `vars`. */
  readonly vars: Node | undefined;
  readonly frozen: boolean;
}

export interface DvcPipelineModel {
  readonly root: YAMLMap;
  readonly stages: readonly StageDef[];
  readonly vars: Node | undefined;
}

const memo = new WeakMap<ParsedYaml, DvcPipelineModel | null>();

export function dvcPipelineModel(yaml: ParsedYaml): DvcPipelineModel | undefined {
  if (memo.has(yaml)) return memo.get(yaml) ?? undefined;
  const root = asMap(cleanDocuments(yaml)[0]?.contents);
  const model = root ? buildModel(root) : undefined;
  memo.set(yaml, model ?? null);
  return model;
}

export function stringRef(node: Node | null | undefined): StringRef | undefined {
  return isScalar(node) && typeof node.value === 'string' ? { text: node.value, node } : undefined;
}

/**
 * The entry of a mapping by key. Unlike `getEntry` it allocates nothing for the keys it passes over: a 200-stage file
 * asks a dozen keys of every stage on each keystroke.
 */
export function entryOf(
  map: YAMLMap,
  key: string,
): { readonly keyNode: Node; readonly value: Node | null } | undefined {
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    if (keyNode && scalarText(keyNode) === key) return { keyNode, value: (pair.value ?? null) as Node | null };
  }
  return undefined;
}

function items(node: Node | null | undefined): Node[] {
  return isSeq(node) ? node.items.map((i) => i as Node) : [];
}

/** Paths of a deps/outs list: plain strings, or the single key of `{path: flags}`. */
function paths(node: Node | null | undefined): StringRef[] {
  const out: StringRef[] = [];
  for (const item of items(node)) {
    const plain = stringRef(item);
    if (plain) out.push(plain);
    else if (isMap(item))
      for (const e of entries(item)) {
        const key = stringRef(e.keyNode);
        if (key) out.push(key);
      }
  }
  return out;
}

function paramsOf(node: Node | null | undefined): ParamsEntry[] {
  const out: ParamsEntry[] = [];
  for (const item of items(node)) {
    const key = stringRef(item);
    if (key) {
      out.push({ file: undefined, keys: [key], allKeys: false });
      continue;
    }
    if (!isMap(item)) continue;
    for (const e of entries(item)) {
      const file = stringRef(e.keyNode);
      if (!file) continue;
      const keys = items(e.value)
        .map(stringRef)
        .filter((k): k is StringRef => k !== undefined);
      out.push({ file, keys, allKeys: e.value === null || (isScalar(e.value) && e.value.value === null) });
    }
  }
  return out;
}

function buildStage(name: string, keyNode: Node, node: YAMLMap): StageDef {
  const foreach = entryOf(node, 'foreach');
  const matrixEntry = entryOf(node, 'matrix');
  const matrix = asMap(matrixEntry?.value);
  const form = foreach ? 'foreach' : matrixEntry ? 'matrix' : 'plain';
  const body = form === 'foreach' ? asMap(entryOf(node, 'do')?.value) : node;
  const at = (key: string): Node | null | undefined => (body ? entryOf(body, key)?.value : undefined);
  const frozen = at('frozen');
  return {
    name,
    keyNode,
    node,
    form,
    body,
    foreach: foreach?.value,
    matrix,
    cmd: body && entryOf(body, 'cmd') ? (at('cmd') ?? null) : undefined,
    wdir: stringRef(at('wdir')),
    deps: paths(at('deps')),
    outs: [...paths(at('outs')), ...paths(at('metrics')), ...paths(at('plots'))],
    params: paramsOf(at('params')),
    vars: at('vars') ?? undefined,
    frozen: isScalar(frozen) && frozen.value === true,
  };
}

function buildModel(root: YAMLMap): DvcPipelineModel {
  const stages: StageDef[] = [];
  const stagesNode = asMap(entryOf(root, 'stages')?.value);
  for (const e of stagesNode ? entries(stagesNode) : []) {
    const node = asMap(e.value);
    if (e.key === undefined || !e.keyNode || !node) continue;
    stages.push(buildStage(e.key, e.keyNode, node));
  }
  return { root, stages, vars: entryOf(root, 'vars')?.value ?? undefined };
}
