// The edit that adds a missing dotted key (e.g. `train.batch_size`) to a params file, in the file's own block style:
// under the deepest mapping that already exists, indented like its siblings, or appended at the end. The value is
// left for the user to choose, so the fix is a default-confidence one (never applied by "fix all").
import { readFileSync } from 'node:fs';
import type { TextEdit } from '../findings';
import { asMap, getEntry, isMap, type Node, type YAMLMap } from '../yaml/nodes';
import { parseYaml } from '../yaml/parsedYaml';

export const PLACEHOLDER = 'null  # added by Preflight: set a value';

export function addParamKeyEdit(paramsFile: string, dottedKey: string): TextEdit | undefined {
  let text: string;
  try {
    text = readFileSync(paramsFile, 'utf8');
  } catch {
    return undefined;
  }
  const yaml = parseYaml(text);
  const doc = yaml.documents[0];
  if (!doc || doc.errors.length > 0) return undefined;
  const parts = dottedKey.split('.');
  let map: YAMLMap | undefined = asMap(doc.contents);
  if (doc.contents !== null && !map) return undefined; // a list or scalar document: no place for keys
  let depth = 0;
  while (map && depth < parts.length - 1) {
    const next = getEntry(map, parts[depth] ?? '')?.value;
    if (next === undefined) break;
    if (!isMap(next) || next.flow === true) return undefined; // a scalar or flow value sits on the path
    map = next;
    depth++;
  }
  const remaining = parts.slice(depth);
  const first = map?.items[0]?.key as Node | undefined;
  const indent = depth === 0 ? 0 : first?.range ? yaml.lines.positionAt(first.range[0]).character : 2 * depth;
  const lines = remaining.map(
    (part, i) => `${' '.repeat(indent + 2 * i)}${part}:${i === remaining.length - 1 ? ` ${PLACEHOLDER}` : ''}`,
  );
  // Insert after the last content of the mapping that receives the key (the file's end for the top level).
  let end = depth === 0 || !map?.range ? text.length : map.range[1];
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  const at = yaml.lines.range(end, end);
  const prefix = end === 0 ? '' : '\n';
  const suffix = end === text.length ? '\n' : '';
  return { range: at, newText: `${prefix}${lines.join('\n')}${suffix}` };
}
