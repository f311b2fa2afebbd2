// Go to definition in dvc.yaml: a `params:` key opens its params file at the key; a dep that another stage writes
// jumps to that stage's `outs` entry (and a dep that is a file on disk opens it); `${name}` goes to where the name is
// defined: a foreach/matrix for `item`, an inline `vars` entry, a vars file, or params.yaml.
import path from 'node:path';
import { isFile } from '../dvc/dvcFiles';
import type { StageDef, StringRef } from '../dvc/dvcModel';
import { splitVarsFile } from '../dvc/dvcScope';
import type { PathSegment } from '../dvc/interpolation';
import { expressionsSpan } from '../dvc/interpolationSpans';
import { dottedKeyNode, locateInFile, pathNode } from '../dvc/keyLocations';
import { OutputIndex } from '../dvc/pipelineGraph';
import type { Position, Range } from '../findings';
import { isMap, isScalar, isSeq, nodeRange, type Node, type Scalar } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { DefinitionTarget } from './definition';
import { dvcDocument, graphOf, paramsFileOf, stageAtOffset, stageFolder, type DvcDocument } from './dvcLanguage';
import { nodeAt } from './yamlPaths';

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

type Place = Omit<DefinitionTarget, 'originRange'>;

function paramsTarget(doc: DvcDocument, node: Scalar): Place | undefined {
  for (const stage of doc.model?.stages ?? []) {
    for (const entry of stage.params) {
      const file = paramsFileOf(doc, stage, entry.file?.text);
      if (entry.file?.node === node)
        return file !== undefined && isFile(file) ? { path: file, range: FILE_START } : undefined;
      const key = entry.keys.find((k) => k.node === node);
      if (!key) continue;
      const range = file === undefined ? undefined : locateInFile(file, (root) => dottedKeyNode(root, key.text));
      return range ? { path: file, range } : undefined;
    }
  }
  return undefined;
}

/** The `outs` entry of another stage that writes a dep: the same path, or a folder holding it. */
function producer(doc: DvcDocument, stage: StageDef, dep: StringRef): StringRef | undefined {
  const graph = graphOf(doc);
  const placed = graph?.deps.find((d) => d.ref === dep);
  if (!graph || !placed) return undefined;
  return new OutputIndex(graph.outs.filter((o) => o.stage !== stage)).containing(placed.path)[0]?.ref;
}

function depTarget(doc: DvcDocument, node: Scalar): Place | undefined {
  const stage = doc.model?.stages.find((s) => s.deps.some((d) => d.node === node));
  const dep = stage?.deps.find((d) => d.node === node);
  if (!stage || !dep) return undefined;
  const out = producer(doc, stage, dep);
  if (out) return { path: undefined, range: nodeRange(doc.yaml.lines, out.node) };
  const dir = stageFolder(doc, stage);
  const file = dir === undefined ? undefined : path.resolve(dir, dep.text);
  return file !== undefined && isFile(file) ? { path: file, range: FILE_START } : undefined;
}

/** A name in `vars` entries, the last entry first (later entries are merged over earlier ones). */
function inVars(
  doc: DvcDocument,
  vars: Node | undefined,
  dir: string | undefined,
  name: readonly PathSegment[],
): Place | undefined {
  if (!isSeq(vars)) return undefined;
  for (const item of [...vars.items].reverse() as Node[]) {
    if (isMap(item)) {
      const node = pathNode(item, name);
      if (node) return { path: undefined, range: nodeRange(doc.yaml.lines, node) };
    } else if (isScalar(item) && typeof item.value === 'string' && dir !== undefined) {
      const [fileName, keys] = splitVarsFile(item.value);
      if (keys && !keys.includes(String(name[0]))) continue;
      const file = path.resolve(dir, fileName);
      const range = locateInFile(file, (root) => pathNode(root, name));
      if (range) return { path: file, range };
    }
  }
  return undefined;
}

function nameTarget(doc: DvcDocument, stage: StageDef | undefined, name: readonly PathSegment[]): Place | undefined {
  const head = name[0];
  if (stage && stage.form !== 'plain' && (head === 'item' || head === 'key')) {
    const variable =
      stage.form === 'matrix' && head === 'item' && name.length > 1
        ? pathNode(stage.matrix, name.slice(1, 2))
        : undefined;
    const source = variable ?? (stage.form === 'foreach' ? stage.foreach : stage.matrix);
    return source ? { path: undefined, range: nodeRange(doc.yaml.lines, source) } : undefined;
  }
  const found = inVars(doc, stage?.vars, stageFolder(doc, stage), name) ?? inVars(doc, doc.model?.vars, doc.dir, name);
  if (found) return found;
  const params = paramsFileOf(doc, undefined);
  const range = params === undefined ? undefined : locateInFile(params, (root) => pathNode(root, name));
  return range ? { path: params, range } : undefined;
}

/** `${a.b}` under the cursor, up to the segment the cursor is on (`a` goes to the section, `b` to the key). */
function interpolationTarget(doc: DvcDocument, node: Scalar, offset: number): DefinitionTarget | undefined {
  if (typeof node.value !== 'string' || !node.value.includes('${')) return undefined;
  const placed = expressionsSpan(doc.yaml.text, node).find((p) => offset >= p.span.start && offset <= p.span.end);
  const full = placed?.interpolation.path;
  if (!placed || !full) return undefined;
  let upTo = full.length;
  for (let i = 0; i < full.length; i++) {
    const span = placed.segmentSpan(i);
    if (span && offset <= span.end) {
      upTo = i + 1;
      break;
    }
  }
  const target = nameTarget(doc, stageAtOffset(doc, offset), full.slice(0, upTo));
  return target ? { ...target, originRange: doc.yaml.lines.range(placed.span.start, placed.span.end) } : undefined;
}

export function dvcDefinitionAt(
  yaml: ParsedYaml,
  position: Position,
  filePath: string | undefined,
): DefinitionTarget | undefined {
  const root = yaml.documents[0];
  if (!root) return undefined;
  const offset = yaml.lines.offsetAt(position);
  const at = nodeAt(root, offset);
  if (!at || !isScalar(at.node)) return undefined;
  const doc = dvcDocument(yaml, filePath);
  const inside = interpolationTarget(doc, at.node, offset);
  if (inside) return inside;
  const target = paramsTarget(doc, at.node) ?? depTarget(doc, at.node);
  return target ? { ...target, originRange: nodeRange(yaml.lines, at.node) } : undefined;
}
