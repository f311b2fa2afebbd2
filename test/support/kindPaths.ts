// A repository path for each file kind, so fixtures can be checked as if they sat where the real tools expect them.
import type { FileKind } from '../../protocol/pipelineFiles';

export function pathForKind(kind: FileKind, name: string): string {
  switch (kind) {
    case 'github-workflow':
      return `/repo/.github/workflows/${name}.yml`;
    case 'github-action':
      return `/repo/.github/actions/${name}/action.yml`;
    case 'gitlab-ci':
      return '/repo/.gitlab-ci.yml';
    case 'dvc-pipeline':
      return '/repo/dvc.yaml';
    case 'dvc-params':
      return '/repo/params.yaml';
    case 'mlflow-project':
      return '/repo/MLproject';
    case 'mlflow-model':
      return '/repo/model/MLmodel';
    case 'kserve-inference-service':
      return `/repo/serving/${name}.yaml`;
  }
}
