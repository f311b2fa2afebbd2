// MLflow's project file: YAML with no extension.
import { fileKind } from './fileKindInfo';

export const mlflowProject = fileKind({
  id: 'mlflow-project',
  label: 'MLflow project',
  icon: 'beaker',
  example: 'MLproject',
  globs: ['**/MLproject'],
  yamlWithoutExtension: true,
});
