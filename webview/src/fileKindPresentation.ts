// How each kind of pipeline file looks in the panel: its codicon and the file names Preflight recognises for it.
import { FILE_KIND_LABELS, FILE_KINDS, type FileKind } from '../../protocol/pipelineFiles.js';

export const FILE_KIND_ICONS: Record<FileKind, string> = {
  'github-workflow': 'github-action',
  'github-action': 'package',
  'gitlab-ci': 'git-merge',
  'dvc-pipeline': 'type-hierarchy-sub',
  'dvc-params': 'settings',
  'mlflow-project': 'beaker',
  'mlflow-model': 'symbol-structure',
  'kserve-inference-service': 'server-process',
};

/** Shown in the empty state, so a user knows which files would appear here. */
export const FILE_KIND_PATTERNS: Record<FileKind, string> = {
  'github-workflow': '.github/workflows/*.yml',
  'github-action': 'action.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  'dvc-pipeline': 'dvc.yaml',
  'dvc-params': 'params.yaml',
  'mlflow-project': 'MLproject',
  'mlflow-model': 'MLmodel',
  'kserve-inference-service': 'kind: InferenceService',
};

export interface RecognisedKind {
  readonly kind: FileKind;
  readonly label: string;
  readonly icon: string;
  readonly pattern: string;
}

export const RECOGNISED_KINDS: readonly RecognisedKind[] = FILE_KINDS.map((kind) => ({
  kind,
  label: FILE_KIND_LABELS[kind],
  icon: FILE_KIND_ICONS[kind],
  pattern: FILE_KIND_PATTERNS[kind],
}));
