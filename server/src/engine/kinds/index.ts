// Every kind of file Preflight understands, in one list: the order is detection's, the panel's and the CLI's. Adding a
// kind = one descriptor file in this folder + one line in this list; `npm run generate:kinds` (run by `npm run build`)
// then writes what other layers read of it (protocol/fileKinds/fileKinds.generated.ts, package.json's activation
// events and YAML file names). Detection asks the kinds in this order: the first whose path test passes wins (a
// workflow named action.yml is a workflow), then, for YAML files no path decided, their content, then the repository
// around them.
import type { FileKind } from '../../../../protocol/fileKinds/index';
import type { Schema } from '../schema/schema';
import type { ParsedYaml, ParseUse } from '../yaml/parsedYaml';
import { parseYaml } from '../yaml/parsedYaml';
import { dvcParamsKind } from './dvcParams';
import { dvcPipelineKind } from './dvcPipeline';
import { githubActionKind } from './githubAction';
import { githubWorkflowKind } from './githubWorkflow';
import { gitlabCiKind } from './gitlabCi';
import type { YamlKind } from './kind';
import { kserveInferenceServiceKind } from './kserveInferenceService';
import { mlflowModelKind } from './mlflowModel';
import { mlflowProjectKind } from './mlflowProject';
import { preflightConfigKind } from './preflightConfig';

export type { FileKind };

/**
 * Every kind is YAML today; a kind of another form brings its own Kind<Parsed> and rules of that form. The type says
 * each id is a FileKind, the union generated from this list: tsc stops here until `npm run generate:kinds` has run.
 */
export const KINDS: readonly YamlKind[] = [
  githubWorkflowKind,
  githubActionKind,
  gitlabCiKind,
  dvcPipelineKind,
  dvcParamsKind,
  mlflowProjectKind,
  mlflowModelKind,
  kserveInferenceServiceKind,
  preflightConfigKind,
];

const BY_ID = new Map<FileKind, YamlKind>(KINDS.map((k) => [k.id, k]));

/** The engine's descriptor of a kind. */
export function kindOf(id: FileKind): YamlKind {
  const kind = BY_ID.get(id);
  if (!kind) throw new Error(`no engine kind '${id}': run npm run generate:kinds`);
  return kind;
}

const YAML_EXTENSION = /\.ya?ml$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Kind from the path alone, or undefined when the content must decide (or nothing applies). */
export function kindFromPath(path: string): FileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = baseName(normalized);
  return KINDS.find((k) => k.byPath?.(normalized, name) === true)?.id;
}

/** True when a YAML file's kind can only be known from its content (or its repository). */
export function needsContentToDecide(path: string): boolean {
  return kindFromPath(path) === undefined && YAML_EXTENSION.test(baseName(path.replace(/\\/g, '/')));
}

export function kindFromContent(text: string): FileKind | undefined {
  return KINDS.find((k) => k.byContent?.(text) === true)?.id;
}

/** A saved YAML file the repository around it makes a pipeline file (reads the disk). */
export function kindFromRepository(path: string): FileKind | undefined {
  return needsContentToDecide(path) ? KINDS.find((k) => k.byRepository?.(path) === true)?.id : undefined;
}

export function detectKind(path: string, text?: string): FileKind | undefined {
  const byPath = kindFromPath(path);
  if (byPath !== undefined) return byPath;
  const byContent = text !== undefined && needsContentToDecide(path) ? kindFromContent(text) : undefined;
  return byContent ?? kindFromRepository(path);
}

/** Parses as the kind does (GitLab's dialect for GitLab files); plain YAML when the kind is unknown. */
export function parseFile(kind: FileKind | undefined, text: string, use?: ParseUse): ParsedYaml {
  return kind === undefined ? parseYaml(text, undefined, use) : kindOf(kind).parse(text, use);
}

export function schemaOf(kind: FileKind): Schema | undefined {
  return kindOf(kind).schema;
}
