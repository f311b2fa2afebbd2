// GitLab CI: the root `.gitlab-ci.yml`, files named like `train.gitlab-ci.yml` (the usual name of a file meant for
// `include`), and any saved YAML file the root includes, whatever its name. Parsed with GitLab's `!reference` tag.
import type { CollectionTag } from 'yaml';
import { fragmentsOf, includingRoot } from '../gitlab/ciFragments';
import { GITLAB_CI_SCHEMA } from '../gitlab/gitlabSchema';
import { YAML_PARSE_OPTIONS, type YamlParseOptions } from '../yaml/yamlParseOptions';
import { yamlKind } from './kind';

const ROOT_NAME = /^\.gitlab-ci\.ya?ml$/;
const FRAGMENT_NAME = /.\.gitlab-ci\.ya?ml$/i;

/**
 * GitLab's `!reference [job, key, ...]`: a sequence GitLab resolves itself when it loads the file. Registered so that the
 * parser keeps it as a sequence node tagged `!reference` instead of warning about an unknown tag; on anything but a
 * sequence the parser still warns, as GitLab rejects that too.
 */
const GITLAB_REFERENCE: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  default: false,
  resolve: (seq) => seq,
};

/** One object for the dialect: parse caches are keyed on the options themselves. */
export const GITLAB_YAML_OPTIONS: YamlParseOptions = { ...YAML_PARSE_OPTIONS, customTags: [GITLAB_REFERENCE] };

export const gitlabCiKind = yamlKind({
  id: 'gitlab-ci',
  label: 'GitLab CI',
  icon: 'git-merge',
  example: '.gitlab-ci.yml',
  globs: ['.gitlab-ci.{yml,yaml}'],
  byPath: (_path, name) => ROOT_NAME.test(name) || FRAGMENT_NAME.test(name),
  byRepository: (path) => includingRoot(path) !== undefined,
  includes: (path) => fragmentsOf(path),
  yamlOptions: GITLAB_YAML_OPTIONS,
  schema: GITLAB_CI_SCHEMA,
  examplePath: () => '/repo/.gitlab-ci.yml',
});
