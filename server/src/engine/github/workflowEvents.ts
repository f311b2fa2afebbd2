// The events that can trigger a workflow and their filters, from GitHub's "Events that trigger workflows" reference.
import { enumOf, map, mapOf, required, seq, str, stringOrList, type MappingSchema, type Schema } from '../schema/schema';

const types = (values: readonly string[]): Schema => ({ type: 'oneOf', options: [enumOf(values), seq(enumOf(values))], description: `Activity types: ${values.join(', ')}.` });
const globs = (what: string): Schema => stringOrList(`Glob patterns of ${what}.`);

const PULL_REQUEST_TYPES = [
  'assigned', 'unassigned', 'labeled', 'unlabeled', 'opened', 'edited', 'closed', 'reopened', 'synchronize', 'converted_to_draft',
  'locked', 'unlocked', 'enqueued', 'dequeued', 'milestoned', 'demilestoned', 'ready_for_review', 'review_requested',
  'review_request_removed', 'auto_merge_enabled', 'auto_merge_disabled',
];

const branchFilters = {
  branches: globs('branches'),
  'branches-ignore': globs('branches to skip'),
  paths: globs('changed paths that trigger the run'),
  'paths-ignore': globs('changed paths that do not trigger the run'),
};

const event = (description: string, properties: Record<string, Schema> = {}): MappingSchema =>
  map(properties, { nullable: true, title: 'event', description, exclusive: [['branches', 'branches-ignore'], ['paths', 'paths-ignore'], ['tags', 'tags-ignore']] });

const typesOnly = (description: string, values: readonly string[]): MappingSchema => event(description, { types: types(values) });

const workflowCallInputs = mapOf(map({
  description: str('Shown to callers.'),
  required: { type: 'boolean' },
  type: required(enumOf(['boolean', 'number', 'string'], 'The input\'s type (required for reusable workflow inputs).')),
  default: { type: 'any' },
}, { title: 'workflow_call input' }), { title: 'workflow_call inputs', nullable: true });

const workflowDispatchInputs = mapOf(map({
  description: str(),
  required: { type: 'boolean' },
  default: { type: 'any' },
  type: enumOf(['boolean', 'choice', 'number', 'environment', 'string']),
  options: seq(str(), 'The choices of a `choice` input.'),
}, { title: 'workflow_dispatch input' }), { title: 'workflow_dispatch inputs', nullable: true });

export const WORKFLOW_EVENTS: Readonly<Record<string, MappingSchema>> = {
  branch_protection_rule: typesOnly('Branch protection rules change.', ['created', 'edited', 'deleted']),
  check_run: typesOnly('Check run activity.', ['created', 'rerequested', 'completed', 'requested_action']),
  check_suite: typesOnly('Check suite activity.', ['completed']),
  create: event('A branch or tag is created.'),
  delete: event('A branch or tag is deleted.'),
  deployment: event('A deployment is created.'),
  deployment_status: event('A deployment status changes.'),
  discussion: typesOnly('Discussion activity.', ['created', 'edited', 'deleted', 'transferred', 'pinned', 'unpinned', 'labeled', 'unlabeled', 'locked', 'unlocked', 'category_changed', 'answered', 'unanswered']),
  discussion_comment: typesOnly('Discussion comment activity.', ['created', 'edited', 'deleted']),
  fork: event('The repository is forked.'),
  gollum: event('A wiki page is created or updated.'),
  image_version: event('A new version of a custom runner image is available.', { names: stringOrList('Image names.'), versions: stringOrList('Image versions.') }),
  issue_comment: typesOnly('Issue or pull request comment activity.', ['created', 'edited', 'deleted']),
  issues: typesOnly('Issue activity.', ['opened', 'edited', 'deleted', 'transferred', 'pinned', 'unpinned', 'closed', 'reopened', 'assigned', 'unassigned', 'labeled', 'unlabeled', 'locked', 'unlocked', 'milestoned', 'demilestoned', 'typed', 'untyped']),
  label: typesOnly('Label activity.', ['created', 'edited', 'deleted']),
  merge_group: event('A pull request is added to a merge queue.', { types: types(['checks_requested']), branches: globs('branches'), 'branches-ignore': globs('branches to skip') }),
  milestone: typesOnly('Milestone activity.', ['created', 'closed', 'opened', 'edited', 'deleted']),
  page_build: event('A GitHub Pages build.'),
  project: typesOnly('Classic project activity.', ['created', 'closed', 'reopened', 'edited', 'deleted']),
  project_card: typesOnly('Classic project card activity.', ['created', 'moved', 'converted', 'edited', 'deleted']),
  project_column: typesOnly('Classic project column activity.', ['created', 'updated', 'moved', 'deleted']),
  public: event('The repository becomes public.'),
  pull_request: event('Pull request activity (runs with the merge commit; no secrets for forks).', { types: types(PULL_REQUEST_TYPES), ...branchFilters }),
  pull_request_review: typesOnly('Pull request review activity.', ['submitted', 'edited', 'dismissed']),
  pull_request_review_comment: typesOnly('Pull request review comment activity.', ['created', 'edited', 'deleted']),
  pull_request_target: event('Pull request activity, run in the context of the base branch with secrets: never check out and run the PR\'s code here.', { types: types(PULL_REQUEST_TYPES), ...branchFilters }),
  push: event('Commits or tags are pushed.', { ...branchFilters, tags: globs('tags'), 'tags-ignore': globs('tags to skip') }),
  registry_package: typesOnly('A package is published or updated.', ['published', 'updated']),
  release: typesOnly('Release activity.', ['published', 'unpublished', 'created', 'edited', 'deleted', 'prereleased', 'released']),
  repository_dispatch: event('A `repository_dispatch` API call.', { types: stringOrList('Custom event types.') }),
  status: event('A commit status changes.'),
  watch: typesOnly('The repository is starred.', ['started']),
  workflow_call: event('Called by another workflow (a reusable workflow).', {
    inputs: workflowCallInputs,
    outputs: mapOf(map({ description: str(), value: required(str('Usually `${{ jobs.<id>.outputs.<name> }}`.')) }, { title: 'workflow_call output' }), { title: 'workflow_call outputs', nullable: true }),
    secrets: mapOf(map({ description: str(), required: { type: 'boolean' } }, { title: 'workflow_call secret', nullable: true }), { title: 'workflow_call secrets', nullable: true }),
  }),
  workflow_dispatch: event('Run by hand from the Actions tab, the CLI or the API.', { inputs: workflowDispatchInputs }),
  workflow_run: event('Another workflow ran.', { types: types(['completed', 'requested', 'in_progress']), workflows: stringOrList('Names of the workflows to follow.'), branches: globs('branches'), 'branches-ignore': globs('branches to skip') }),
  // schedule is a list, handled in the workflow schema.
};

export const EVENT_NAMES = [...Object.keys(WORKFLOW_EVENTS), 'schedule'].sort();
