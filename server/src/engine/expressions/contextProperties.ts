// The fixed properties of the contexts whose shape GitHub defines. A misspelt one (`github.repo`, `runner.OS` is fine:
// lookups are case-insensitive) evaluates to an empty string without any error, so the step silently does the wrong
// thing. Only the first level is listed; `github.event` is the webhook payload and free-form, and `secrets`, `vars`,
// `env` hold whatever the user defined, so they are never checked (false alarms there are the top complaint about
// linters, github/vscode-github-actions#222). From GitHub's "Contexts" reference plus the keys the runner adds
// (`github.output`, `github.state`, `github.step_summary`, `runner.workspace`).

export const GITHUB_PROPERTIES: readonly string[] = [
  'action',
  'action_path',
  'action_ref',
  'action_repository',
  'action_status',
  'actor',
  'actor_id',
  'api_url',
  'base_ref',
  'env',
  'event',
  'event_name',
  'event_path',
  'graphql_url',
  'head_ref',
  'job',
  'output',
  'path',
  'ref',
  'ref_name',
  'ref_protected',
  'ref_type',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repositoryUrl',
  'retention_days',
  'run_attempt',
  'run_id',
  'run_number',
  'secret_source',
  'server_url',
  'sha',
  'state',
  'step_summary',
  'token',
  'triggering_actor',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'workspace',
];

export const RUNNER_PROPERTIES: readonly string[] = [
  'arch',
  'debug',
  'environment',
  'name',
  'os',
  'temp',
  'tool_cache',
  'workspace',
];

export const JOB_PROPERTIES: readonly string[] = [
  'check_run_id',
  'container',
  'services',
  'status',
  'workflow_ref',
  'workflow_sha',
  'workflow_repository',
  'workflow_file_path',
];

export const STRATEGY_PROPERTIES: readonly string[] = ['fail-fast', 'job-index', 'job-total', 'max-parallel'];

/** `steps.<id>.*` */
export const STEP_PROPERTIES: readonly string[] = ['outputs', 'outcome', 'conclusion'];

/** `needs.<job_id>.*` and `jobs.<job_id>.*` */
export const JOB_RESULT_PROPERTIES: readonly string[] = ['outputs', 'result'];

/** Contexts with a fixed first level, by context name. */
export const FIXED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  github: GITHUB_PROPERTIES,
  runner: RUNNER_PROPERTIES,
  job: JOB_PROPERTIES,
  strategy: STRATEGY_PROPERTIES,
};
