// .gitlab-ci.yml read into jobs and global settings with their YAML nodes. Every top-level key that is not a reserved
// keyword is a job; `.name` jobs are hidden (templates for `extends`, or anchors). Keys brought in by YAML merge keys
// (`<<: *defaults`) count as the job's own. Built once per parse (memoised); tolerant of any shape.
import { isAlias, type Document } from 'yaml';
import { asMap, entries, getEntry, isMap, isScalar, isSeq, scalarText, type Node, type YAMLMap } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import { RESERVED_TOP_LEVEL } from './gitlabKeywords';

export interface NamedRef {
  readonly name: string;
  readonly node: Node;
}

export interface JobDef {
  readonly name: string;
  readonly hidden: boolean;
  readonly keyNode: Node;
  readonly node: YAMLMap;
  /** Keys of the job, each with the node to report at (the key, or the `<<` that brought it in). */
  readonly keys: ReadonlyMap<string, Node>;
  /** A merge key whose content could not be read: the job may have keys we do not see. */
  readonly mergeUnknown: boolean;
  readonly extends: readonly NamedRef[];
  readonly stage: NamedRef | undefined;
  /** `needs` entries naming a job of this pipeline (optional needs and cross-pipeline needs are left out). */
  readonly needs: readonly NamedRef[];
  readonly dependencies: readonly NamedRef[];
}

export type IncludeKind = 'local' | 'remote' | 'template' | 'project' | 'component' | 'other';

export interface IncludeRef {
  readonly kind: IncludeKind;
  /** For local includes: the path as written. */
  readonly path: string | undefined;
  readonly node: Node;
}

export interface GitlabCiModel {
  readonly root: YAMLMap;
  readonly jobs: readonly JobDef[];
  readonly byName: ReadonlyMap<string, JobDef>;
  /** `stages` when the file sets it. */
  readonly stages: readonly NamedRef[] | undefined;
  readonly includes: readonly IncludeRef[];
}

const memo = new WeakMap<ParsedYaml, GitlabCiModel | null>();

/** The configuration document: the second one when the first is only a `spec:` header. */
export function configDocument<T extends { contents: unknown }>(docs: readonly T[]): T | undefined {
  const first = docs[0];
  const firstMap = asMap(first?.contents as Node | null | undefined);
  const headerOnly =
    firstMap !== undefined && firstMap.items.length > 0 && entries(firstMap).every((e) => e.key === 'spec');
  return headerOnly && docs.length > 1 ? docs[1] : first;
}

export function gitlabCiModel(yaml: ParsedYaml): GitlabCiModel | undefined {
  if (memo.has(yaml)) return memo.get(yaml) ?? undefined;
  const doc = configDocument(cleanDocuments(yaml));
  const root = asMap(doc?.contents);
  const model = doc && root ? buildModel(doc, root) : undefined;
  memo.set(yaml, model ?? null);
  return model;
}

/** Includes as GitLab reads them: a string is local unless it is a URL. */
export function classifyInclude(value: unknown): { kind: IncludeKind; path: string | undefined } {
  if (typeof value === 'string')
    return /^https?:\/\//i.test(value) ? { kind: 'remote', path: undefined } : { kind: 'local', path: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v['local'] === 'string') return { kind: 'local', path: v['local'] };
    for (const kind of ['remote', 'template', 'project', 'component'] as const)
      if (kind in v) return { kind, path: undefined };
  }
  return { kind: 'other', path: undefined };
}

function includesOf(node: Node | null | undefined): IncludeRef[] {
  if (node === undefined || node === null) return [];
  const list = isSeq(node) ? (node.items as Node[]) : [node];
  return list.map((item) => {
    const value = isScalar(item) ? item.value : isMap(item) ? (item.toJSON() as unknown) : undefined;
    const { kind, path } = classifyInclude(value);
    const local = isMap(item) ? getEntry(item, 'local')?.value : undefined;
    return { kind, path, node: local ?? item };
  });
}

/** A name or a list of names (nested lists flattened, as GitLab does). */
function names(node: Node | null | undefined): NamedRef[] {
  const list = isSeq(node) ? (node.items as Node[]) : node ? [node] : [];
  return list.flatMap((item): NamedRef[] => {
    if (isSeq(item)) return names(item);
    const name = scalarText(item);
    return name !== undefined ? [{ name, node: item }] : [];
  });
}

function needsOf(node: Node | null | undefined): NamedRef[] {
  if (!isSeq(node)) return [];
  return (node.items as Node[]).flatMap((item) => {
    const plain = scalarText(item);
    if (plain !== undefined) return [{ name: plain, node: item }];
    if (!isMap(item)) return [];
    // `optional: true` may name a job that does not exist; `pipeline`/`project` needs point elsewhere.
    const optional = getEntry(item, 'optional')?.value;
    if ((isScalar(optional) && optional.value === true) || getEntry(item, 'pipeline') || getEntry(item, 'project'))
      return [];
    const job = getEntry(item, 'job')?.value;
    const name = scalarText(job);
    return name !== undefined && job ? [{ name, node: job }] : [];
  });
}

function collectKeys(
  doc: Document,
  map: YAMLMap,
  at: Node | undefined,
  keys: Map<string, Node>,
  depth: number,
): boolean {
  let known = true;
  for (const e of entries(map)) {
    if (e.key !== '<<') {
      if (e.key !== undefined && e.keyNode && !keys.has(e.key)) keys.set(e.key, at ?? e.keyNode);
      continue;
    }
    const sources = isSeq(e.value) ? (e.value.items as Node[]) : [e.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      if (isMap(target) && depth < 10)
        known = collectKeys(doc, target, at ?? e.keyNode ?? undefined, keys, depth + 1) && known;
      else known = false;
    }
  }
  return known;
}

function buildJob(doc: Document, name: string, keyNode: Node, node: YAMLMap): JobDef {
  const keys = new Map<string, Node>();
  const known = collectKeys(doc, node, undefined, keys, 0);
  const own = (key: string): Node | null | undefined => getEntry(node, key)?.value;
  const stageNode = own('stage');
  const stage = scalarText(stageNode);
  return {
    name,
    hidden: name.startsWith('.'),
    keyNode,
    node,
    keys,
    mergeUnknown: !known,
    extends: names(own('extends')),
    stage: stage !== undefined && stageNode ? { name: stage, node: stageNode } : undefined,
    needs: needsOf(own('needs')),
    dependencies: names(own('dependencies')),
  };
}

function buildModel(doc: Document, root: YAMLMap): GitlabCiModel {
  const jobs: JobDef[] = [];
  for (const e of entries(root)) {
    if (e.key === undefined || !e.keyNode || RESERVED_TOP_LEVEL.has(e.key) || e.key === '<<') continue;
    const node = asMap(e.value);
    if (node) jobs.push(buildJob(doc, e.key, e.keyNode, node));
  }
  const stagesNode = getEntry(root, 'stages')?.value;
  return {
    root,
    jobs,
    byName: new Map(jobs.map((j) => [j.name, j])),
    stages: stagesNode === undefined ? undefined : names(stagesNode),
    includes: includesOf(getEntry(root, 'include')?.value),
  };
}
