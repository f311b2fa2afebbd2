// .gitlab-ci.yml global keywords as a Schema. Jobs are any other top-level key and are checked by the gitlab rules
// (hidden `.name` keys are free-form: they hold YAML anchors and templates, which GitLab validates only once extended).
import { any, bool, map, mapOf, num, oneOf, seq, str, type MappingSchema, type Schema } from '../schema/schema';

/** Keywords `default:` may set (everything else belongs to a job). */
const DEFAULT_KEYWORDS = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];

const scalar: Schema = oneOf([str(), num(), bool()]);

const variables: Schema = mapOf(
  oneOf([
    scalar,
    map(
      {
        value: scalar,
        description: str('Shown when running a pipeline manually.'),
        options: seq(scalar, 'Values offered when running a pipeline manually.'),
        expand: bool('Expand `$VAR` references in the value (default true).'),
      },
      { title: 'variable' },
    ),
  ]),
  { title: 'variables', nullable: true, description: 'CI/CD variables for every job.' },
);

const stringOrListOfStrings: Schema = oneOf([str(), seq(oneOf([str(), seq(any())]))]);

export const GITLAB_CI_SCHEMA: MappingSchema = {
  ...map(
    {
      stages: seq(
        str(),
        'Stages in order; jobs of one stage run in parallel. Default: build, test, deploy (.pre and .post always exist).',
      ),
      variables,
      include: oneOf(
        [str(), seq(oneOf([str(), mapOf(any(), { title: 'include' })])), mapOf(any(), { title: 'include' })],
        'Files to merge into this configuration: `local`, `remote`, `template`, `project`, `component`.',
      ),
      workflow: map(
        {
          name: str('Pipeline name.'),
          rules: seq(any(), 'Whether a pipeline is created.'),
          auto_cancel: any('When to cancel redundant pipelines.'),
        },
        { title: 'workflow' },
      ),
      default: map(Object.fromEntries(DEFAULT_KEYWORDS.map((k) => [k, any()])), {
        title: 'default',
        description: 'Defaults for every job that does not set them.',
      }),
      image: oneOf([str(), mapOf(any(), { title: 'image' })], 'Deprecated global form of `default: image`.'),
      services: seq(
        oneOf([str(), mapOf(any(), { title: 'service' })]),
        'Deprecated global form of `default: services`.',
      ),
      cache: any('Deprecated global form of `default: cache`.'),
      before_script: stringOrListOfStrings,
      after_script: stringOrListOfStrings,
      spec: mapOf(any(), {
        title: 'spec',
        description: 'Inputs of a CI/CD component or included file (header document).',
      }),
    },
    { title: 'the GitLab CI configuration' },
  ),
  additional: any(),
};
