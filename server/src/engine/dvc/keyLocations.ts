// Where a name of a params or vars file is written, for go to definition. A stage's `params:` names keys with dots
// (`train.lr`, and a key may itself hold a dot, as DVC flattens the file), while `${}` names a path by segments
// (`a.b[0]`). The plain-data reads (`readDataFile`) have no positions, so the file is parsed again here: this runs on
// a click, not on every keystroke.
import { readFileSync } from 'node:fs';
import type { Range } from '../findings';
import { isMap, isSeq, nodeRange, scalarText, type Node, type Pair } from '../yaml/nodes';
import { parseYaml } from '../yaml/parsedYaml';
import type { PathSegment } from './interpolation';

function pairOf(node: Node | null | undefined, key: string): Pair | undefined {
  return isMap(node) ? node.items.find((p) => scalarText(p.key as Node | null) === key) : undefined;
}

/** The key node a dotted params key names, trying the longest key first as `hasDottedKey` does. */
export function dottedKeyNode(node: Node | null | undefined, key: string): Node | undefined {
  const whole = pairOf(node, key);
  if (whole) return whole.key as Node;
  for (let dot = key.lastIndexOf('.'); dot !== -1; dot = dot === 0 ? -1 : key.lastIndexOf('.', dot - 1)) {
    const head = pairOf(node, key.slice(0, dot));
    const found = head ? dottedKeyNode(head.value as Node | null, key.slice(dot + 1)) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The node a `${}` path ends on: the key of a mapping entry, or the item of a list. */
export function pathNode(node: Node | null | undefined, path: readonly PathSegment[]): Node | undefined {
  let current = node;
  let found: Node | undefined;
  for (const segment of path) {
    if (isSeq(current)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      const item = current.items[index] as Node | null | undefined;
      if (!item) return undefined;
      found = item;
      current = item;
    } else {
      const pair = pairOf(current, String(segment));
      if (!pair) return undefined;
      found = pair.key as Node;
      current = pair.value as Node | null;
    }
  }
  return found;
}

/** Range of what `find` picks in a YAML or JSON file on disk; undefined when the file cannot be read or lacks it. */
export function locateInFile(file: string, find: (root: Node | null) => Node | undefined): Range | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const yaml = parseYaml(text);
  const node = find(yaml.documents[0]?.contents ?? null);
  return node ? nodeRange(yaml.lines, node) : undefined;
}
