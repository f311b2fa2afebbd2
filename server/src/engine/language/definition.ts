// Go to definition: a job in `needs` jumps to that job; `uses: ./path` opens the local action or reusable workflow.
// dvc.yaml has its own targets (params keys, stage outputs, `${}` names): see dvcDefinition.ts.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseActionRef } from '../github/actionRef';
import { workflowModel } from '../github/workflowModel';
import type { Position, Range } from '../findings';
import { kindFromPath, parseFile, type FileKind } from '../kinds';
import { nodeRange, scalarText } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { dvcDefinitionAt } from './dvcDefinition';
import { nodeAt } from './yamlPaths';

export interface DefinitionTarget {
  /** Absolute path of the target file; undefined means the same file. */
  readonly path: string | undefined;
  readonly range: Range;
  readonly originRange: Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `kind` defaults to what the path says. */
export function definitionAt(
  input: { readonly path: string; readonly text: string; readonly kind?: FileKind | undefined },
  position: Position,
  parsed?: ParsedYaml,
): DefinitionTarget | undefined {
  const kind = input.kind ?? kindFromPath(input.path);
  const yaml = parsed ?? parseFile(kind, input.text);
  if (kind === 'dvc-pipeline') return dvcDefinitionAt(yaml, position, input.path);
  const doc = yaml.documents[0];
  if (!doc) return undefined;
  const at = nodeAt(doc, yaml.lines.offsetAt(position));
  if (!at || at.onKey) return undefined;
  const value = scalarText(at.node);
  if (value === undefined) return undefined;
  const originRange = nodeRange(yaml.lines, at.node);
  const key = [...at.path].reverse().find((p) => typeof p === 'string');
  if (key === 'needs') {
    const job = workflowModel(yaml)?.jobsById.get(value);
    return job ? { path: undefined, range: nodeRange(yaml.lines, job.keyNode), originRange } : undefined;
  }
  if (key === 'uses') {
    const ref = parseActionRef(value);
    if (ref.kind !== 'local') return undefined;
    const root = repoRootGuess(input.path);
    if (!root) return undefined;
    const target = path.join(root, ref.path);
    for (const candidate of [
      target,
      path.join(target, 'action.yml'),
      path.join(target, 'action.yaml'),
      path.join(target, 'Dockerfile'),
    ]) {
      if (/\.ya?ml$|Dockerfile$/.test(candidate) && existsSync(candidate))
        return { path: candidate, range: ZERO, originRange };
    }
  }
  return undefined;
}

/** The folder holding `.github/`, for a file inside it. */
function repoRootGuess(filePath: string): string | undefined {
  const normalized = filePath.replace(/\\/g, '/');
  const i = normalized.lastIndexOf('/.github/');
  return i === -1 ? undefined : normalized.slice(0, i);
}
