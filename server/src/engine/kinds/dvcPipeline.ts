// DVC's pipeline file (`dvc.yaml`), checked against DVC's own schema of stages.
import { DVC_PIPELINE_SCHEMA } from '../dvc/dvcSchema';
import { yamlKind } from './kind';

export const dvcPipelineKind = yamlKind({
  id: 'dvc-pipeline',
  label: 'DVC pipeline',
  icon: 'type-hierarchy-sub',
  example: 'dvc.yaml',
  globs: ['**/dvc.{yaml,yml}'],
  byPath: (_path, name) => name === 'dvc.yaml' || name === 'dvc.yml',
  schema: DVC_PIPELINE_SCHEMA,
  examplePath: () => '/repo/dvc.yaml',
});
