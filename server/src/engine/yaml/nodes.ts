// Small helpers over the `yaml` AST: ranges in LSP units and typed access to mapping entries.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';
import type { Range } from '../findings';
import type { LineIndex } from '../text/lineIndex';

export type { Node, Pair, YAMLMap, YAMLSeq, Scalar };
export { isMap, isScalar, isSeq };

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

export function getEntry(map: YAMLMap, key: string): MapEntry | undefined {
  return entries(map).find((e) => e.key === key);
}

export function asMap(node: Node | null | undefined): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : undefined;
}
