// An MLflow model's metadata file: YAML with no extension, beside the model's files.
import { fileKind } from './fileKindInfo';

export const mlflowModel = fileKind({
  id: 'mlflow-model',
  label: 'MLflow model',
  icon: 'symbol-structure',
  example: 'MLmodel',
  globs: ['**/MLmodel'],
  yamlWithoutExtension: true,
});
