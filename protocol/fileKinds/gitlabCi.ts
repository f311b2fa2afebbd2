// GitLab CI: the root `.gitlab-ci.yml` (which activates the extension) and the files it includes, of any name.
import { fileKind } from './fileKindInfo';

export const gitlabCi = fileKind({
  id: 'gitlab-ci',
  label: 'GitLab CI',
  icon: 'git-merge',
  example: '.gitlab-ci.yml',
  globs: ['.gitlab-ci.{yml,yaml}'],
});
