// An MLflow model's `MLmodel`, checked against the metadata MLflow writes and reads.
import { MLMODEL_SCHEMA } from '../mlflow/mlmodelSchema';
import { yamlKind } from './kind';

export const mlflowModelKind = yamlKind({
  id: 'mlflow-model',
  byPath: (_path, name) => name === 'MLmodel',
  schema: MLMODEL_SCHEMA,
  examplePath: () => '/repo/model/MLmodel',
});
