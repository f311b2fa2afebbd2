// MLflow's `MLproject`, checked against what MLflow's project loader accepts.
import { MLPROJECT_SCHEMA } from '../mlflow/mlprojectSchema';
import { yamlKind } from './kind';

export const mlflowProjectKind = yamlKind({
  id: 'mlflow-project',
  label: 'MLflow project',
  icon: 'beaker',
  example: 'MLproject',
  globs: ['**/MLproject'],
  yamlWithoutExtension: true,
  byPath: (_path, name) => name === 'MLproject',
  schema: MLPROJECT_SCHEMA,
  examplePath: () => '/repo/MLproject',
});
