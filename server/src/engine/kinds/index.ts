// Every kind of file the engine checks, in one list, and the questions asked of it: which kind a file is, how to parse
// it, what schema it has. Adding a kind = one file here + one line in this list (and its protocol/fileKinds/ side).
// Detection asks the kinds in this order: the first whose path test passes wins (a workflow named action.yml is a
// workflow), then, for YAML files no path decided, their content, then the repository around them.
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

/** Every kind is YAML today; a kind of another form brings its own Kind<Parsed> and rules of that form. */
export const KINDS: Readonly<Record<FileKind, YamlKind>> = {
  'github-workflow': githubWorkflowKind,
  'github-action': githubActionKind,
  'gitlab-ci': gitlabCiKind,
  'dvc-pipeline': dvcPipelineKind,
  'dvc-params': dvcParamsKind,
  'mlflow-project': mlflowProjectKind,
  'mlflow-model': mlflowModelKind,
  'kserve-inference-service': kserveInferenceServiceKind,
  'preflight-config': preflightConfigKind,
};

const ORDERED: readonly YamlKind[] = Object.values(KINDS);
const YAML_EXTENSION = /\.ya?ml$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Kind from the path alone, or undefined when the content must decide (or nothing applies). */
export function kindFromPath(path: string): FileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = baseName(normalized);
  return ORDERED.find((k) => k.byPath?.(normalized, name) === true)?.id;
}

/** True when a YAML file's kind can only be known from its content (or its repository). */
export function needsContentToDecide(path: string): boolean {
  return kindFromPath(path) === undefined && YAML_EXTENSION.test(baseName(path.replace(/\\/g, '/')));
}

export function kindFromContent(text: string): FileKind | undefined {
  return ORDERED.find((k) => k.byContent?.(text) === true)?.id;
}

/** A saved YAML file the repository around it makes a pipeline file (reads the disk). */
export function kindFromRepository(path: string): FileKind | undefined {
  return needsContentToDecide(path) ? ORDERED.find((k) => k.byRepository?.(path) === true)?.id : undefined;
}

export function detectKind(path: string, text?: string): FileKind | undefined {
  const byPath = kindFromPath(path);
  if (byPath !== undefined) return byPath;
  const byContent = text !== undefined && needsContentToDecide(path) ? kindFromContent(text) : undefined;
  return byContent ?? kindFromRepository(path);
}

/** Parses as the kind does (GitLab's dialect for GitLab files); plain YAML when the kind is unknown. */
export function parseFile(kind: FileKind | undefined, text: string, use?: ParseUse): ParsedYaml {
  return kind === undefined ? parseYaml(text, undefined, use) : KINDS[kind].parse(text, use);
}

export function schemaOf(kind: FileKind): Schema | undefined {
  return KINDS[kind].schema;
}
