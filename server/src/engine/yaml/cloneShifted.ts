// Fresh copies of parsed nodes with every source range moved by a fixed offset. A segment parsed once is reused in many
// texts at different offsets, and earlier results may still be held by callers, so cached nodes are never handed out or
// changed: each use gets its own copy. yaml's own clone() copies through property descriptors and costs several times more.
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';

type CopiedNode = Scalar | Alias | YAMLMap | YAMLSeq;

/** A copy of `node` (a Pair, a node or null) with ranges moved by `delta`; undefined for a node class we do not know. */
export function cloneShifted(node: unknown, delta: number, schema: Schema): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) {
    const key = cloneShifted(node.key, delta, schema);
    const value = cloneShifted(node.value, delta, schema);
    // Parsed pairs hold a node or null on both sides; undefined means a part could not be copied.
    return key === undefined || value === undefined ? undefined : new Pair(key, value);
  }
  // Exact classes only: a subclass (a custom tag's node class) may carry state this copy would lose.
  if (isScalar(node) && node.constructor === Scalar) return copyFields(node, new Scalar(node.value), delta);
  if (isAlias(node) && node.constructor === Alias) return copyFields(node, new Alias(node.source), delta);
  const isPlainMap = isMap(node) && node.constructor === YAMLMap;
  if (!isPlainMap && !(isSeq(node) && node.constructor === YAMLSeq)) return undefined;
  const copy = copyFields(node, isPlainMap ? new YAMLMap(schema) : new YAMLSeq(schema), delta);
  const items: unknown[] = [];
  for (const item of node.items) {
    const cloned = cloneShifted(item, delta, schema);
    if (cloned === undefined) return undefined;
    items.push(cloned);
  }
  copy.items = items;
  return copy;
}

/** Copies the node's own data fields (type, source, tag, anchor, flow, comments...) and a moved range. */
function copyFields<T extends CopiedNode>(from: CopiedNode, to: T, delta: number): T {
  const source = from as unknown as Record<string, unknown>;
  const target = to as unknown as Record<string, unknown>;
  // for...in over a class instance visits its own enumerable fields only (methods live on the prototype, unenumerable);
  // it avoids the array Object.entries would allocate per node, which showed in the profile.
  for (const field in source) {
    if (field !== 'items' && field !== 'range') target[field] = source[field];
  }
  const range = from.range;
  if (range) to.range = [range[0] + delta, range[1] + delta, range[2] + delta];
  return to;
}
