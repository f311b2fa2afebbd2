// action.yml metadata syntax (GitHub's "Metadata syntax for GitHub Actions").
import { enumOf, map, mapOf, required, seq, str } from '../schema/schema';
import { STEP_SCHEMA } from './workflowSchema';

export const ACTION_ID = { regex: /^[A-Za-z_][A-Za-z0-9_-]*$/, expected: 'letters, digits, `-` or `_`, starting with a letter or `_`' };

const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

export const ACTION_SCHEMA = map({
  name: required(str('Name shown in the Marketplace.')),
  author: str(),
  description: required(str('What the action does.')),
  inputs: mapOf(map({
    description: required(str()),
    required: { type: 'boolean' },
    default: str(undefined, { coerceScalars: true }),
    deprecationMessage: str('Shown as a warning when the input is used.'),
  }, { title: 'input', ignoresUnknownKeys: true }), { title: 'inputs', keyPattern: ACTION_ID }),
  outputs: mapOf(map({ description: str(), value: str('Required for composite actions.') }, { title: 'output' }), { title: 'outputs', keyPattern: ACTION_ID }),
  runs: required(map({
    using: required(str('`node20`, `node24`, `docker` or `composite`.', { enum: ['node12', 'node16', 'node20', 'node24', 'docker', 'composite'] })),
    main: str('Entry file (JavaScript actions).'),
    pre: str(),
    post: str(),
    'pre-if': str(),
    'post-if': str(),
    image: str('`Dockerfile` or `docker://image` (Docker actions).'),
    env: mapOf(str(undefined, { coerceScalars: true }), { title: 'env' }),
    entrypoint: str(),
    'pre-entrypoint': str(),
    'post-entrypoint': str(),
    args: seq(str(undefined, { coerceScalars: true })),
    steps: seq(STEP_SCHEMA, 'Steps of a composite action.'),
  }, { title: 'runs' })),
  branding: map({ icon: str('A Feather icon name.'), color: enumOf(BRANDING_COLORS) }, { title: 'branding' }),
}, { title: 'the action', ignoresUnknownKeys: true });

