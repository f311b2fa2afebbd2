// The workflow and action.yml schemas built from GitHub's own definitions: what GitHub's parser accepts passes, what it
// rejects is reported once, at the right place, and hover and completion read GitHub's docs and step kinds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_SCHEMA } from '../../server/src/engine/github/actionSchema';
import { activityTypes, EVENT_NAMES, eventKeys } from '../../server/src/engine/github/workflowEvents';
import { WORKFLOW_SCHEMA } from '../../server/src/engine/github/workflowSchema';
import { completeAt } from '../../server/src/engine/language/completion';
import { hoverAt } from '../../server/src/engine/language/hover';
import type { Schema } from '../../server/src/engine/schema/schema';
import { schemaIssues } from '../../server/src/engine/schema/validateSchema';
import { parseFile } from '../../server/src/engine/kinds';

function issues(text: string, schema: Schema = WORKFLOW_SCHEMA): string[] {
  const kind = schema === ACTION_SCHEMA ? 'github-action' : 'github-workflow';
  return schemaIssues(parseFile(kind, text), schema).map((i) => `${i.range.start.line + 1}: ${i.kind}: ${i.message}`);
}

const JOB = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n';

describe('workflow schema from GitHub definitions', () => {
  it('accepts keys the hand-typed schema lacked: concurrency queue, new permission scopes, service entrypoint, timezone', () => {
    const text = `on:
  schedule:
    - cron: '0 4 * * *'
      timezone: Europe/Paris
permissions:
  copilot-requests: write
  artifact-metadata: read
concurrency:
  group: g
  queue: max
jobs:
  a:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres
        entrypoint: postgres
        command: -c fsync=off
    snapshot:
      image-name: img
      if: \${{ always() }}
    steps:
      - run: echo
`;
    assert.deepEqual(issues(text), []);
  });

  it('checks permission values per scope', () => {
    assert.deepEqual(issues(`${JOB}    permissions:\n      id-token: read\n    steps:\n      - run: echo\n`), [
      "6: invalid-value: 'read' is not valid for 'jobs.a.permissions.id-token'. Expected one of 'write', 'none'.",
    ]);
  });

  it('resolves aliases and reports a problem inside an anchored node once, where the anchor is', () => {
    const text = `${JOB}    steps:\n      - &bad\n        run: echo\n        with: {x: 1}\n      - *bad\n      - *bad\n`;
    const found = issues(text);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^8: unknown-key: Unknown key 'with' in run step/);
    assert.deepEqual(issues(`${JOB}    env: &e\n      A: '1'\n    steps:\n      - run: echo\n        env: *e\n`), []);
  });

  it('reports an alias that names no anchor', () => {
    assert.match(
      issues(`${JOB}    env: *nowhere\n    steps:\n      - run: echo\n`).join('\n'),
      /'\*nowhere' names no anchor/,
    );
  });

  it('tells a step that runs a command from one that runs an action, whatever the key order', () => {
    const found = issues(
      `${JOB}    steps:\n      - shell: bash\n        uses: actions/checkout@v4\n      - name: nothing\n`,
    );
    assert.deepEqual(found, [
      "6: unknown-key: Unknown key 'shell' in action step 'jobs.a.steps[0]': 'shell' is only for a run step (one with 'run').",
      "8: missing-key: 'jobs.a.steps[1]' needs one of: 'run', 'uses'.",
    ]);
  });

  it('reads empty values as GitHub does: fine for a plain string, an error where text or a mapping is required', () => {
    assert.deepEqual(issues(`${JOB}    name:\n    container:\n    steps:\n      - run: echo\n`), []);
    assert.deepEqual(
      issues(`${JOB}    steps:\n      - uses: actions/checkout@v4\n        with:\n`).map((i) => i.split(':')[0]),
      ['7'],
    );
    assert.match(
      issues('on: push\njobs:\n  a:\n    runs-on: ""\n    steps:\n      - run: echo\n').join('\n'),
      /An empty value is not allowed for 'jobs.a.runs-on'/,
    );
  });

  it('treats keys that differ only in case as the same key', () => {
    assert.match(
      issues(`${JOB}    env:\n      FOO: a\n      foo: b\n    steps:\n      - run: echo\n`).join('\n'),
      /^7: invalid-value: 'foo' repeats the key 'FOO'/,
    );
  });

  it('reports an empty workflow file', () => {
    assert.deepEqual(issues('# nothing yet\n'), ["1: missing-key: The workflow is empty: it needs 'on' and 'jobs'."]);
  });

  it('reads event names and activity types from the definitions', () => {
    assert.ok(EVENT_NAMES.includes('repository_dispatch') && EVENT_NAMES.includes('workflow_call'));
    assert.ok(activityTypes('pull_request')?.includes('opened'));
    assert.equal(activityTypes('push'), undefined);
    assert.deepEqual(
      issues('on: repository_dispatch\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n'),
      [],
    );
  });

  it('reads the keys each event takes from the definitions', () => {
    assert.deepEqual([...eventKeys('push')].sort(), [
      'branches',
      'branches-ignore',
      'paths',
      'paths-ignore',
      'tags',
      'tags-ignore',
    ]);
    assert.deepEqual([...eventKeys('pull_request_review')], ['types']);
    assert.deepEqual([...eventKeys('fork')], []);
    assert.deepEqual([...eventKeys('not_an_event')], []);
  });

  it('requires steps in a job that runs on a runner, and none in a job that calls a reusable workflow', () => {
    assert.deepEqual(issues('on: push\njobs:\n  a:\n    runs-on: x\n'), [
      "3: missing-key: Job 'jobs.a' is missing the required key 'steps'.",
    ]);
    assert.deepEqual(issues('on: push\njobs:\n  a:\n    runs-on: x\n    steps: []\n'), [
      "5: invalid-value: The list at 'jobs.a.steps' needs at least 1 item.",
    ]);
    assert.deepEqual(issues('on: push\njobs:\n  a:\n    uses: ./.github/workflows/b.yml\n'), []);
  });
});

describe('action.yml schema from GitHub definitions', () => {
  it('accepts an action without a description and an input default of null', () => {
    const text =
      'name: a\ninputs:\n  token:\n    default: null\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n';
    assert.deepEqual(issues(text, ACTION_SCHEMA), []);
  });
});

describe('hover and completion read GitHub definitions', () => {
  it("shows GitHub's description of a key", () => {
    const hover = hoverAt(
      { text: `${JOB}    steps:\n      - run: echo\n`, kind: 'github-workflow' },
      { line: 3, character: 6 },
    );
    assert.match(hover?.markdown ?? '', /^\*\*runs-on\*\*\n\nUse `runs-on`/);
  });

  it('offers the keys of the step kind already chosen', () => {
    const labels = completeAt(
      { text: `${JOB}    steps:\n      - run: echo\n        \n`, kind: 'github-workflow' },
      { line: 6, character: 8 },
    ).map((c) => c.label);
    assert.ok(labels.includes('shell') && !labels.includes('with'), labels.join(','));
  });
});
