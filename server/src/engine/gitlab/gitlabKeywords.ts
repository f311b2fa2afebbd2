// GitLab CI keywords (docs.gitlab.com/ci/yaml). Top-level keys that are not these reserved words are jobs; a job may
// only use the job keywords, or GitLab rejects the pipeline ("config contains unknown keys").

/** Global keywords: never jobs. `spec` lives in the header document of a CI/CD component or included file. */
export const RESERVED_TOP_LEVEL = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
  'types',
]);

export const JOB_KEYWORDS = [
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'except',
  'extends',
  'hooks',
  'identity',
  'id_tokens',
  'image',
  'inherit',
  'interruptible',
  'manual_confirmation',
  'needs',
  'only',
  'pages',
  'parallel',
  'publish',
  'release',
  'resource_group',
  'retry',
  'rules',
  'run',
  'script',
  'secrets',
  'services',
  'stage',
  'start_in',
  'tags',
  'timeout',
  'trigger',
  'type',
  'variables',
  'when',
];

/** Stages every pipeline has: the defaults when `stages` is absent, and `.pre`/`.post`, which always exist. */
export const DEFAULT_STAGES = ['build', 'test', 'deploy'];
export const ALWAYS_STAGES = ['.pre', '.post'];

/** Keys that give a job something to run. */
export const RUNNABLE_KEYS = ['script', 'trigger', 'run'];

/** Deepest `extends` chain GitLab accepts. */
export const MAX_EXTENDS_DEPTH = 11;
