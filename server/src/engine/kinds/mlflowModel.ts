// An MLflow model's `MLmodel`, checked against the metadata MLflow writes and reads.
import { MLMODEL_SCHEMA } from '../mlflow/mlmodelSchema';
import { yamlKind } from './kind';

export const mlflowModelKind = yamlKind({
  id: 'mlflow-model',
  label: 'MLflow model',
  icon: 'symbol-structure',
  example: 'MLmodel',
  globs: ['**/MLmodel'],
  yamlWithoutExtension: true,
  byPath: (_path, name) => name === 'MLmodel',
  schema: MLMODEL_SCHEMA,
  examplePath: () => '/repo/model/MLmodel',
});
