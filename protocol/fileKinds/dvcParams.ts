// DVC's parameters file, read by the stages of the dvc.yaml beside it.
import { fileKind } from './fileKindInfo';

export const dvcParams = fileKind({
  id: 'dvc-params',
  label: 'DVC params',
  icon: 'settings',
  example: 'params.yaml',
  globs: ['**/params.{yaml,yml}'],
});
