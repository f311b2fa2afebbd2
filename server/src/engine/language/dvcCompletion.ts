// Completion in dvc.yaml: params keys (with their values) under a stage's `params:`, other stages' outputs under
// `deps:`, and names from params.yaml, `vars` and foreach/matrix elements inside `${}`. Where the cursor is comes from
// the text around it, since the line being typed (`- tr`) is rarely a complete YAML node yet.
import path from 'node:path';
import { findInterpolations } from '../dvc/interpolation';
import { isRecord, lookupPath } from '../dvc/paramsData';
import { toPosix } from '../dvc/pipelineGraph';
import type { Position } from '../findings';
import type { LineIndex } from '../../../../shared/lineIndex';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { CompletionEntry } from './completion';
import {
  dottedEntries,
  dvcDocument,
  graphOf,
  paramsData,
  paramsFileOf,
  preview,
  scopeAt,
  sourceOf,
  stageAtOffset,
  stageNamed,
  stagePathsFolder,
  type DvcDocument,
} from './dvcLanguage';

/** A line's shape: indentation, a leading `- `, and the key it starts (quotes removed), if any. */
interface LineShape {
  readonly indent: number;
  readonly dash: boolean;
  /** Column of the key: after `- ` on an item line. */
  readonly keyColumn: number;
  readonly key: string | undefined;
  /** Something follows the key's colon on the same line (a scalar, a flow collection, a block scalar header). */
  readonly hasValue: boolean;
}

const ITEM = /^-(?:\s+|$)/;
const QUOTED_KEY = /^(?:"([^"]*)"|'([^']*)')\s*:(?=\s|$)/;
const KEY_END = /:(?=\s|$)/;

function shapeOf(text: string): LineShape | undefined {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const indent = text.length - trimmed.length;
  const item = ITEM.exec(trimmed);
  const rest = item ? trimmed.slice(item[0].length) : trimmed;
  const keyColumn = indent + (item ? item[0].length : 0);
  const quoted = QUOTED_KEY.exec(rest);
  const end = quoted ? quoted[0].length - 1 : /^[[{#]/.test(rest) ? -1 : (KEY_END.exec(rest)?.index ?? -1);
  const key = quoted ? (quoted[1] ?? quoted[2]) : end > 0 ? rest.slice(0, end) : undefined;
  const after = end >= 0 ? rest.slice(end + 1).trim() : '';
  return { indent, dash: item !== null, keyColumn, key, hasValue: after !== '' && !after.startsWith('#') };
}

/**
 * The keys enclosing a place that starts at `column` (a `- ` item when `isItem`), outermost first: each less indented
 * key line above is a parent, and so is `key:` right above a list written at the key's own indentation. Empty when
 * the place is inside something else (a multi-line scalar, say).
 */
function enclosingKeys(lines: LineIndex, line: number, column: number, isItem: boolean): string[] {
  const keys: string[] = [];
  let limit = column;
  let item = isItem;
  for (let l = line - 1; l >= 0 && limit > 0; l--) {
    const shape = shapeOf(lines.lineText(l));
    if (!shape || shape.indent > limit) continue;
    if (shape.indent === limit) {
      const compactList = item && !shape.dash && shape.key !== undefined && !shape.hasValue;
      if (!compactList) continue; // a sibling
    } else if (shape.dash && shape.keyColumn === limit && !item) {
      // Another key of the same list item: the item is the container now.
      limit = shape.indent;
      item = true;
      continue;
    } else if (shape.key === undefined || shape.hasValue) {
      return [];
    }
    keys.unshift(shape.key);
    limit = shape.indent;
    item = shape.dash;
  }
  return keys;
}

/** Where in a stage a list being typed sits: `params` (with its file, for `other.yaml:` lists) or `deps`. */
type ListPlace =
  | { readonly stage: string; readonly list: 'params'; readonly file: string | undefined }
  | { readonly stage: string; readonly list: 'deps' };

function listPlace(keys: readonly string[]): ListPlace | undefined {
  const [top, stage, ...rest] = keys;
  if (top !== 'stages' || stage === undefined) return undefined;
  const inBody = rest[0] === 'do' ? rest.slice(1) : rest;
  if (inBody[0] === 'params' && inBody.length <= 2) return { stage, list: 'params', file: inBody[1] };
  if (inBody[0] === 'deps' && inBody.length === 1) return { stage, list: 'deps' };
  return undefined;
}

const BLOCK_ITEM = /^(\s*)-\s+([^\s:#]*)$/;
const FLOW_LIST = /^(\s*)(-\s+)?([\w./-]+):\s*\[(?:[^\],]*,)*\s*([^\s\],]*)$/;

/**
 * The list the cursor is adding to, a `- ` item on its own line or an open `key: [a, ` on the same line, and what is
 * typed of the item so far.
 */
function placeAt(
  lines: LineIndex,
  position: Position,
  before: string,
): { place: ListPlace | undefined; typed: string } | undefined {
  const item = BLOCK_ITEM.exec(before);
  if (item)
    return {
      place: listPlace(enclosingKeys(lines, position.line, (item[1] ?? '').length, true)),
      typed: item[2] ?? '',
    };
  const flow = FLOW_LIST.exec(before);
  if (!flow) return undefined;
  const dash = flow[2] !== undefined;
  const keyColumn = (flow[1] ?? '').length;
  return {
    place: listPlace([...enclosingKeys(lines, position.line, keyColumn, dash), flow[3] ?? '']),
    typed: flow[4] ?? '',
  };
}

function paramsCompletions(
  doc: DvcDocument,
  place: ListPlace & { list: 'params' },
  cursorLine: number,
): CompletionEntry[] {
  const stage = stageNamed(doc, place.stage);
  const fileName = place.file ?? 'params.yaml';
  const data = paramsData(paramsFileOf(doc, stage, fileName));
  // Keys the stage already lists from this file, except the one being typed.
  const present = new Set(
    (stage?.params ?? [])
      .filter((e) => (e.file?.text ?? 'params.yaml') === fileName)
      .flatMap((e) => e.keys)
      .filter((k) => k.node.range && doc.yaml.lines.positionAt(k.node.range[0]).line !== cursorLine)
      .map((k) => k.text),
  );
  return dottedEntries(data)
    .filter((e) => !present.has(e.key))
    .map((e) => ({
      label: e.key,
      kind: 'reference' as const,
      detail: preview(e.value),
      documentation: `Parameter from \`${fileName}\`.`,
    }));
}

function depsCompletions(doc: DvcDocument, stageName: string): CompletionEntry[] {
  const stage = stageNamed(doc, stageName);
  const graph = graphOf(doc);
  const from = stagePathsFolder(doc, stage);
  if (!graph || from === undefined) return [];
  const present = new Set(stage?.deps.map((d) => d.text) ?? []);
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  for (const o of graph.outs) {
    if (o.stage === stage) continue;
    const label = toPosix(path.relative(from, o.path)) || '.';
    if (present.has(label) || seen.has(label)) continue;
    seen.add(label);
    out.push({ label, kind: 'reference', detail: `output of stage '${o.stage.name}'` });
  }
  return out;
}

/** Names inside an open `${`: the top-level names, or the keys under the path typed so far (`${train.`). */
function interpolationCompletions(doc: DvcDocument, offset: number, typed: string): CompletionEntry[] {
  const stage = stageAtOffset(doc, offset);
  const scope = scopeAt(doc, stage);
  const params = paramsData(paramsFileOf(doc, undefined));
  const dot = typed.lastIndexOf('.');
  if (dot === -1) {
    const names = Object.keys(scope);
    if (stage && stage.form !== 'plain')
      for (const generated of ['item', 'key']) if (!names.includes(generated)) names.push(generated);
    return names.map((name) => ({
      label: name,
      kind: 'reference' as const,
      detail: preview(scope[name]),
      documentation: `From ${sourceOf(name, params, stage)}.`,
    }));
  }
  const parent = findInterpolations(`\${${typed.slice(0, dot)}}`)[0]?.path;
  const hit = parent ? lookupPath(scope, parent) : undefined;
  if (!hit?.found || !isRecord(hit.value)) return [];
  const value = hit.value;
  return Object.keys(value).map((key) => ({ label: key, kind: 'reference' as const, detail: preview(value[key]) }));
}

/** The entries, each replacing the `typed` characters before the cursor. */
function replacing(entries: CompletionEntry[], position: Position, typed: string): CompletionEntry[] {
  const replace = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return entries.map((e) => ({ ...e, replace }));
}

/** Completions for a DVC-specific place, or undefined to let the schema's key and value completion answer. */
export function dvcCompletions(
  yaml: ParsedYaml,
  position: Position,
  filePath: string | undefined,
): CompletionEntry[] | undefined {
  const before = yaml.lines.lineText(position.line).slice(0, position.character);
  const open = before.lastIndexOf('${');
  if (open !== -1 && before[open - 1] !== '\\' && !before.includes('}', open)) {
    const typed = before.slice(open + 2).trimStart();
    if (!/^[\w.[\]-]*$/.test(typed)) return [];
    const entries = interpolationCompletions(dvcDocument(yaml, filePath), yaml.lines.offsetAt(position), typed);
    return replacing(entries, position, typed.slice(typed.lastIndexOf('.') + 1));
  }
  const at = placeAt(yaml.lines, position, before);
  if (!at?.place) return undefined;
  const doc = dvcDocument(yaml, filePath);
  const entries =
    at.place.list === 'params' ? paramsCompletions(doc, at.place, position.line) : depsCompletions(doc, at.place.stage);
  return replacing(entries, position, at.typed);
}
