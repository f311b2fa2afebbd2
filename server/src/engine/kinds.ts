// Which file is what. Decided by path first (cheap), then by content for Kubernetes-style manifests (KServe), which have
// no fixed file name, then by the repository: a YAML file the root `.gitlab-ci.yml` includes is GitLab CI too.
import type { FileKind } from '../../../protocol/pipelineFiles';
import { includingRoot } from './gitlab/ciFragments';
import { endsInWorkflowFile } from '../../../protocol/workflowPaths';

export type { FileKind };

const YAML_EXTENSION = /\.ya?ml$/i;
const GITLAB_CI_FRAGMENT_NAME = /.\.gitlab-ci\.ya?ml$/i;
const INFERENCE_SERVICE = /^kind:\s*["']?InferenceService["']?\s*(#.*)?$/m;
// KServe's API group, and KFServing's before KServe 0.7 renamed it (reported as retired, but recognised).
const KSERVE_API = /^apiVersion:\s*["']?serving\.(kserve\.io|kubeflow\.org)\//m;

function baseName(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** Kind from the path alone, or undefined when the content must decide (or nothing applies). */
export function kindFromPath(path: string): FileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = baseName(normalized);
  // GitHub only runs workflows placed directly in .github/workflows (no subfolders).
  if (endsInWorkflowFile(normalized)) return 'github-workflow';
  switch (name) {
    case 'action.yml':
    case 'action.yaml':
      return 'github-action';
    case '.gitlab-ci.yml':
    case '.gitlab-ci.yaml':
      return 'gitlab-ci';
    case 'dvc.yaml':
    case 'dvc.yml':
      return 'dvc-pipeline';
    case 'params.yaml':
    case 'params.yml':
      return 'dvc-params';
    case 'MLproject':
      return 'mlflow-project';
    case 'MLmodel':
      return 'mlflow-model';
    default:
      // `.gitlab/ci/train.gitlab-ci.yml`: the usual name of a file meant for `include`.
      return GITLAB_CI_FRAGMENT_NAME.test(name) ? 'gitlab-ci' : undefined;
  }
}

/** True when a YAML file's kind can only be known from its content. */
export function needsContentToDecide(path: string): boolean {
  return kindFromPath(path) === undefined && YAML_EXTENSION.test(baseName(path));
}

export function kindFromContent(text: string): FileKind | undefined {
  if (INFERENCE_SERVICE.test(text) && KSERVE_API.test(text)) return 'kserve-inference-service';
  return undefined;
}

/** A saved YAML file that the repository's `.gitlab-ci.yml` includes (reads the root and its includes from disk). */
export function kindFromRepository(path: string): FileKind | undefined {
  return needsContentToDecide(path) && includingRoot(path) !== undefined ? 'gitlab-ci' : undefined;
}

export function detectKind(path: string, text?: string): FileKind | undefined {
  const byPath = kindFromPath(path);
  if (byPath !== undefined) return byPath;
  const byContent = text !== undefined && needsContentToDecide(path) ? kindFromContent(text) : undefined;
  return byContent ?? kindFromRepository(path);
}
