// Multi-model serving: an InferenceService without a storage URI whose models arrive as `TrainedModel` resources
// (`spec.inferenceService: <name>`). Those usually sit in the same manifest or beside it in the same folder, so both are
// read (sibling files only when the checked file is saved; reads are cached by modification time).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { asMap, getEntry, scalarText, type Node } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';

/** At most this many sibling manifests are read: a folder of thousands of YAML files is not a serving folder. */
const MAX_SIBLINGS = 200;

function targetOf(contents: Node | null): string | undefined {
  const root = asMap(contents);
  if (!root || scalarText(getEntry(root, 'kind')?.value) !== 'TrainedModel') return undefined;
  const spec = asMap(getEntry(root, 'spec')?.value);
  return spec ? scalarText(getEntry(spec, 'inferenceService')?.value) : undefined;
}

const fileCache = new Map<string, { mtimeMs: number; targets: string[] }>();

function targetsInFile(file: string): string[] {
  try {
    const { mtimeMs } = statSync(file);
    const hit = fileCache.get(file);
    if (hit?.mtimeMs === mtimeMs) return hit.targets;
    const text = readFileSync(file, 'utf8');
    const docs = text.includes('TrainedModel') ? parseAllDocuments(text) : [];
    const targets = (Array.isArray(docs) ? docs : [])
      .map((d) => targetOf(d.contents))
      .filter((t): t is string => t !== undefined);
    fileCache.set(file, { mtimeMs, targets });
    return targets;
  } catch {
    return [];
  }
}

/** Names of the InferenceServices that TrainedModels in this file or its folder load models into. */
export function trainedModelTargets(yaml: ParsedYaml, filePath: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const doc of cleanDocuments(yaml)) {
    const target = targetOf(doc.contents);
    if (target !== undefined) names.add(target);
  }
  const file = path.resolve(filePath);
  let siblings: string[] = [];
  try {
    if (statSync(file).isFile())
      siblings = readdirSync(path.dirname(file))
        .filter((n) => /\.ya?ml$/i.test(n))
        .slice(0, MAX_SIBLINGS);
  } catch {
    siblings = []; // an unsaved buffer: only its own documents count
  }
  for (const name of siblings) {
    const sibling = path.join(path.dirname(file), name);
    if (sibling !== file) for (const target of targetsInFile(sibling)) names.add(target);
  }
  return names;
}
