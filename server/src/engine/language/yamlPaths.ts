// Where the cursor is in YAML terms: the path of keys and indices leading to it, and whether it sits on a key or a value.
// Also works on lines the parser has not attached to any node yet (a blank line where the user starts a new key),
// by reading the indentation, because that is exactly where completion is asked for.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { LineIndex } from '../../../../shared/lineIndex';
import type { YAMLMap } from '../yaml/nodes';

export type PathSegment = string | number;

interface MapInfo {
  readonly map: YAMLMap;
  readonly path: readonly PathSegment[];
  readonly keyColumn: number;
  readonly startLine: number;
}

/** Every block mapping of a document with its path. */
export function collectMaps(doc: Document.Parsed, lines: LineIndex): MapInfo[] {
  const out: MapInfo[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      const first = node.items[0]?.key as Node | undefined;
      if (first?.range && node.flow !== true) {
        const pos = lines.positionAt(first.range[0]);
        out.push({ map: node, path, keyColumn: pos.character, startLine: pos.line });
      }
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

/** The block mapping whose keys sit at `column` and which the cursor line still belongs to. */
export function mapAtColumn(
  maps: readonly MapInfo[],
  lines: LineIndex,
  line: number,
  column: number,
): MapInfo | undefined {
  let best: MapInfo | undefined;
  for (const info of maps) {
    if (info.keyColumn !== column || info.startLine > line) continue;
    if (best && best.startLine > info.startLine) continue;
    let inside = true;
    for (let l = info.startLine + 1; l < line; l++) {
      const text = lines.lineText(l);
      if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
      const indent = text.length - text.trimStart().length;
      if (indent < column) {
        inside = false;
        break;
      }
    }
    if (inside) best = info;
  }
  return best;
}

export interface NodeAt {
  readonly path: readonly PathSegment[];
  readonly node: Node;
  /** The cursor is on a mapping key (path ends with that key). */
  readonly onKey: boolean;
}

/** The deepest node under the offset, with its path. */
export function nodeAt(doc: Document.Parsed, offset: number): NodeAt | undefined {
  let found: NodeAt | undefined;
  const within = (node: Node | null | undefined): boolean =>
    !!node?.range && offset >= node.range[0] && offset <= node.range[1];
  const walk = (node: Node | null | undefined, path: PathSegment[]): void => {
    if (!node || !within(node)) return;
    found = { path, node, onKey: false };
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : undefined;
        if (name === undefined) continue;
        if (within(key)) {
          found = { path: [...path, name], node: key as Node, onKey: true };
          return;
        }
        if (within(pair.value as Node | null)) {
          walk(pair.value as Node, [...path, name]);
          return;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (within(item as Node)) walk(item as Node, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return found;
}
