// The kinds of files Preflight understands, and the summary of one detected file. Shared by the engine, the server,
// the client and the webview, so it imports nothing.

export const FILE_KINDS = [
  'github-workflow',
  'github-action',
  'gitlab-ci',
  'dvc-pipeline',
  'dvc-params',
  'mlflow-project',
  'mlflow-model',
  'kserve-inference-service',
] as const;

export type FileKind = (typeof FILE_KINDS)[number];

/** Words a person reads in the panel and the CLI's text output. */
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  'github-workflow': 'GitHub Actions workflow',
  'github-action': 'GitHub Action (action.yml)',
  'gitlab-ci': 'GitLab CI',
  'dvc-pipeline': 'DVC pipeline',
  'dvc-params': 'DVC params',
  'mlflow-project': 'MLflow project',
  'mlflow-model': 'MLflow model',
  'kserve-inference-service': 'KServe InferenceService',
};

export function isFileKind(value: unknown): value is FileKind {
  return typeof value === 'string' && (FILE_KINDS as readonly string[]).includes(value);
}

/** One pipeline file found in the workspace, with its finding counts. */
export interface PipelineFileSummary {
  /** Absolute file URI (file:///...). */
  readonly uri: string;
  /** Path relative to its workspace folder, with forward slashes. */
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly errors: number;
  readonly warnings: number;
}
