// DVC's pipeline file, in any folder of the repository.
import { fileKind } from './fileKindInfo';

export const dvcPipeline = fileKind({
  id: 'dvc-pipeline',
  label: 'DVC pipeline',
  icon: 'type-hierarchy-sub',
  example: 'dvc.yaml',
  globs: ['**/dvc.{yaml,yml}'],
});
