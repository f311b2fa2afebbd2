// The categories of issue 15's table of misses, and where each expected line of actionlint's corpus falls, decided from
// the line's `[kind]` tag, its message and its file name only (never from our findings), so the table stays comparable
// from one run to the next. The first category that claims a line keeps it; the issue's categories come first, then the
// rest of the corpus, grouped by what actionlint checks.

const file =
  (...names) =>
  (e) =>
    names.includes(e.base);
const kind =
  (...kinds) =>
  (e) =>
    kinds.includes(e.kind);
const says = (pattern) => (e) => pattern.test(e.message);
const any =
  (...tests) =>
  (e) =>
    tests.some((t) => t(e));

/** { id, title, test(expectation) }; `issue: true` marks the categories named in issue 15. */
export const CATEGORIES = [
  {
    id: 'empty-schedule',
    issue: true,
    title: 'empty workflow file, `on: schedule` without `cron`',
    test: file('empty', 'schedule_event_with_no_config_1', 'schedule_event_with_no_config_2'),
  },
  { id: 'pyflakes', issue: true, title: '`run:` scripts in Python checked with pyflakes', test: kind('pyflakes') },
  {
    id: 'fromjson',
    issue: true,
    title: '`fromJSON()` of a broken JSON literal',
    test: says(/broken JSON string is passed to fromJSON/),
  },
  { id: 'shell-env-names', issue: true, title: 'shell names and env var names', test: kind('shell-name', 'env-var') },
  {
    id: 'anchors',
    issue: true,
    title: 'YAML anchors (unused anchor, merge key, recursive or undefined alias)',
    test: says(/\banchor\b|\balias\b|merge key/),
  },
  {
    id: 'dispatch-call-inputs',
    issue: true,
    title: '`workflow_dispatch`/`workflow_call` input rules (choice options, default vs options and type, 25 inputs)',
    test: (e) => e.kind === 'events' && /\binputs?\b|options/.test(e.message),
  },
  {
    id: 'duplicate-keys',
    issue: true,
    title: 'case-insensitive duplicate keys (`env`, inputs, secrets, matrix, services, `with`)',
    test: says(/is duplicated in/),
  },
  {
    id: 'reusable-workflows',
    issue: true,
    title: 'reusable workflow syntax (input without `type`, output without `value`, call jobs)',
    test: any(
      kind('workflow-call'),
      says(/workflow_call event|workflow_call" section|reusable workflow call|for secrets or "inherit"/),
    ),
  },
  {
    id: 'runner-labels',
    issue: true,
    title: 'runner labels (unknown, conflicting, empty)',
    test: any(kind('runner-label'), says(/^label ".*" is unknown/)),
  },
  {
    id: 'action-metadata',
    issue: true,
    title: 'action metadata (inputs of popular and local actions, deprecated inputs, retired runtimes)',
    test: kind('action'),
  },
  {
    id: 'empty-values',
    issue: true,
    title: 'empty values (`runs-on: []`, `needs: []`, `branches: []`, empty strings)',
    test: says(/should not be empty/),
  },
  {
    id: 'matrix',
    issue: true,
    title: 'matrix `include`/`exclude` keys and values not in the matrix',
    test: kind('matrix'),
  },
  { id: 'constant-if', issue: true, title: 'constant `if:` conditions', test: kind('if-cond') },
  { id: 'globs', issue: true, title: 'branch/tag glob and ref-name syntax', test: kind('glob') },
  {
    id: 'permissions',
    issue: true,
    title: 'permission values per scope (`id-token: read` is invalid)',
    test: kind('permissions'),
  },
  {
    id: 'typed-outputs',
    issue: true,
    title: 'typed step outputs of actions, `inputs` without `workflow_call` (properties of typed objects)',
    test: says(/^property ".*" is not defined in object type/),
  },
  {
    id: 'expression-types',
    issue: true,
    title: 'expression types (incompatible comparisons, objects or arrays in templates and `runs-on`)',
    test: says(
      /cannot be compared|should not be evaluated in template|type of expression at|must be type of|must be string or array|type of input ".*" must be|is not assignable|access of (object|array) must be/,
    ),
  },

  // The rest of the corpus, which issue 15 does not list as missed.
  {
    id: 'contexts',
    title: 'contexts and special functions where they are not allowed',
    test: says(/is not allowed here/),
  },
  {
    id: 'expression-syntax',
    title: 'expression syntax, undefined names, function arguments, format()',
    test: any(
      says(/while lexing expression|while parsing|undefined (variable|function)|number of arguments|format string/),
    ),
  },
  { id: 'script-injection', title: 'untrusted input in inline scripts', test: says(/potentially untrusted/) },
  { id: 'shellcheck', title: '`run:` scripts checked with shellcheck', test: kind('shellcheck') },
  { id: 'events', title: 'events, activity types, filters, cron and timezones', test: kind('events') },
  { id: 'ids-needs', title: 'job and step IDs, `needs`', test: kind('id', 'job-needs') },
  {
    id: 'credentials-commands',
    title: 'hard-coded credentials, deprecated workflow commands',
    test: kind('credentials', 'deprecated-commands'),
  },
  { id: 'yaml', title: 'YAML that does not parse', test: says(/could not parse as YAML/) },
  {
    id: 'keys',
    title: 'unknown or misspelled keys (case-sensitive)',
    test: says(/^unexpected key|^expected ".*" key for/),
  },
  {
    id: 'structure',
    title: 'value types and required sections (scalars, mappings, sequences, missing keys, bounds)',
    test: kind('syntax-check'),
  },
];

const OTHER = { id: 'other', title: 'other', test: () => true };

/** The category of one expectation from readExpectations (actionlintCorpus.mjs). */
export function categoryOf(expectation) {
  return CATEGORIES.find((c) => c.test(expectation)) ?? OTHER;
}

/** The issue's categories in the order issue 15 lists them, for display; the rest keep CATEGORIES order after them. */
const DISPLAY_ORDER = [
  'expression-types',
  'matrix',
  'dispatch-call-inputs',
  'empty-values',
  'duplicate-keys',
  'constant-if',
  'runner-labels',
  'globs',
  'typed-outputs',
  'permissions',
  'action-metadata',
  'anchors',
  'reusable-workflows',
  'shell-env-names',
  'fromjson',
  'pyflakes',
  'empty-schedule',
];
const rank = (c) =>
  DISPLAY_ORDER.includes(c.id) ? DISPLAY_ORDER.indexOf(c.id) : DISPLAY_ORDER.length + CATEGORIES.indexOf(c);

/** [{ category, expectations }] in display order (plus "other" when some line fell through), each with its lines. */
export function groupByCategory(expectations) {
  const groups = new Map([...CATEGORIES, OTHER].map((c) => [c.id, { category: c, expectations: [] }]));
  for (const e of expectations) groups.get(categoryOf(e).id).expectations.push(e);
  return [...groups.values()]
    .filter((g) => g.category !== OTHER || g.expectations.length > 0)
    .sort((a, b) => (a.category === OTHER ? 1 : b.category === OTHER ? -1 : rank(a.category) - rank(b.category)));
}
