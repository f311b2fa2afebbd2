// A GitHub Action's metadata file, anywhere in the repository (local actions live in folders of their own).
import { fileKind } from './fileKindInfo';

export const githubAction = fileKind({
  id: 'github-action',
  label: 'GitHub Action (action.yml)',
  icon: 'package',
  example: 'action.yml',
  globs: ['**/action.{yml,yaml}'],
});
