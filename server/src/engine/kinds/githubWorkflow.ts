// GitHub Actions workflows: recognised where GitHub reads them (see protocol/workflowPaths.ts), checked against GitHub's
// own workflow definitions.
import { endsInWorkflowFile } from '../../../../protocol/workflowPaths';
import { WORKFLOW_SCHEMA } from '../github/workflowSchema';
import { yamlKind } from './kind';

export const githubWorkflowKind = yamlKind({
  id: 'github-workflow',
  label: 'GitHub Actions workflow',
  icon: 'github-action',
  example: '.github/workflows/*.yml',
  globs: ['.github/workflows/*.{yml,yaml}'],
  byPath: (path) => endsInWorkflowFile(path),
  schema: WORKFLOW_SCHEMA,
  examplePath: (name) => `/repo/.github/workflows/${name}.yml`,
});
