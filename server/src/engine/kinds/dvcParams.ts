// DVC's parameters file (`params.yaml`): free-form, so no schema; the dvc rules read it beside its dvc.yaml.
import { yamlKind } from './kind';

export const dvcParamsKind = yamlKind({
  id: 'dvc-params',
  label: 'DVC params',
  icon: 'settings',
  example: 'params.yaml',
  globs: ['**/params.{yaml,yml}'],
  byPath: (_path, name) => name === 'params.yaml' || name === 'params.yml',
  examplePath: () => '/repo/params.yaml',
});
