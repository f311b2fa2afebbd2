// action.yml metadata syntax as a Schema, built from GitHub's own definitions (syntax/actionSyntax.json, copied from
// @actions/workflow-parser) by syntax/templateToSchema.ts, as the workflow schema is. Overlays say what the JSON cannot.
import type { Schema } from '../schema/schema';
import { ACTION_SYNTAX } from './syntax/templateSchema';
import { templateToSchema } from './syntax/templateToSchema';

/** The root definition GitHub's parser reads action.yml with (`ACTION_ROOT` in @actions/workflow-parser). */
const ACTION_ROOT = 'action-root-strict';

export const ACTION_SCHEMA: Schema = templateToSchema(ACTION_SYNTAX, ACTION_ROOT, {
  titles: {
    [ACTION_ROOT]: 'the action',
    'input-strict': 'input',
    'output-definition': 'output',
    'container-runs-strict': 'Docker action',
    'node-runs-strict': 'JavaScript action',
    'composite-runs-strict': 'composite action',
    'run-step': 'run step',
    'uses-step': 'action step',
  },
  // The runner loads action.yml with a lenient root that takes any other key and ignores it (actions/runner's
  // action_yaml.json: loose keys of any value), so an unknown top-level key is a warning, not an error.
  ignoresUnknownKeys: new Set([ACTION_ROOT]),
  // The strict definition requires a top-level `description` (the Marketplace shows it), but the runner loads and runs
  // an action without one.
  optionalProperties: { [ACTION_ROOT]: ['description'] },
});
