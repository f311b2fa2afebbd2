// A GitHub Action's metadata file (`action.yml`), checked against GitHub's own action definitions.
import { ACTION_SCHEMA } from '../github/actionSchema';
import { yamlKind } from './kind';

export const githubActionKind = yamlKind({
  id: 'github-action',
  label: 'GitHub Action (action.yml)',
  icon: 'package',
  example: 'action.yml',
  globs: ['**/action.{yml,yaml}'],
  byPath: (_path, name) => name === 'action.yml' || name === 'action.yaml',
  schema: ACTION_SCHEMA,
  examplePath: (name) => `/repo/.github/actions/${name}/action.yml`,
});
