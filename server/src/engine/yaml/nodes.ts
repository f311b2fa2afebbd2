// Small helpers over the `yaml` AST: ranges in LSP units and typed access to mapping entries.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
  type Scalar,
} from 'yaml';
import type { Range } from '../findings';
import type { LineIndex } from '../../../../shared/lineIndex';

export type { Alias, Node, Pair, YAMLMap, YAMLSeq, Scalar };
export { isAlias, isMap, isScalar, isSeq };

/** Range of a node's value (without trailing comments). Nodes built without a source range map to the file start. */
export function nodeRange(lines: LineIndex, node: Node | null | undefined): Range {
  const range = node?.range;
  if (!range) return lines.range(0, 0);
  return lines.range(range[0], range[1]);
}

/** One `key: value` entry of a mapping, with the key as text when it is a scalar. */
export interface MapEntry {
  readonly key: string | undefined;
  readonly keyNode: Node | null;
  readonly value: Node | null;
  readonly pair: Pair;
}

export function entries(map: YAMLMap): MapEntry[] {
  return map.items.map((pair) => {
    const keyNode = (pair.key ?? null) as Node | null;
    const key = scalarText(keyNode);
    return { key, keyNode, value: (pair.value ?? null) as Node | null, pair };
  });
}

/** The first entry whose key is `key`; walks the pairs without building the whole entry list (maps can be huge). */
export function getEntry(map: YAMLMap, key: string): MapEntry | undefined {
  for (const pair of map.items) {
    const keyNode = (pair.key ?? null) as Node | null;
    if (scalarText(keyNode) === key) return { key, keyNode, value: (pair.value ?? null) as Node | null, pair };
  }
  return undefined;
}

export function asMap(node: Node | null | undefined): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
    ? String(value)
    : undefined;
}

/**
 * What each alias (`*name`) of a document stands for: the node of the nearest anchor (`&name`) before it, as YAML says.
 * Built once per document by one walk; an empty map when the document has no aliases.
 */
export function aliasTargets(doc: Document): ReadonlyMap<Alias, Node> {
  const targets = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}
