// GitHub Actions workflows: YAML files directly in `.github/workflows/` (see workflowPaths.ts).
import { fileKind } from './fileKindInfo';

export const githubWorkflow = fileKind({
  id: 'github-workflow',
  label: 'GitHub Actions workflow',
  icon: 'github-action',
  example: '.github/workflows/*.yml',
  globs: ['.github/workflows/*.{yml,yaml}'],
});
