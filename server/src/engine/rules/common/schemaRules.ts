// Structure checks for every file kind that has a schema (kinds/): unknown keys, wrong types or values, missing keys.
// One walk (memoised in validateSchema) feeds three rules, so each can have its own severity and suppression.
import { KINDS, schemaOf } from '../../kinds';
import { schemaIssues, type SchemaIssueKind } from '../../schema/validateSchema';
import type { Rule } from '../rule';

const KINDS_WITH_SCHEMA = KINDS.flatMap((k) => (k.schema ? [k.id] : []));

function schemaRule(id: SchemaIssueKind, title: string, description: string): Rule {
  return {
    id,
    kinds: KINDS_WITH_SCHEMA,
    defaultSeverity: 'error',
    docs: { title, description },
    check(ctx) {
      const schema = schemaOf(ctx.kind);
      if (!schema) return [];
      return schemaIssues(ctx.parsed, schema)
        .filter((i) => i.kind === id)
        .map((i) => ({
          message: i.message,
          range: i.range,
          ...(i.fixes ? { fixes: i.fixes } : {}),
          ...(i.severity ? { severity: i.severity } : {}),
        }));
    },
  };
}

export const unknownKey = schemaRule(
  'unknown-key',
  'Unknown key',
  'The tool that reads this file does not know this key, and either rejects the file (GitHub refuses the whole workflow) or ' +
    'silently ignores the key, so the setting you meant never applies. Most are typos: a near miss comes with a quick fix.',
);

export const invalidValue = schemaRule(
  'invalid-value',
  'Invalid value',
  'The value has the wrong type or is not one of the allowed values (for example `timeout-minutes: soon`, an unknown event ' +
    "or activity type, `id-token: read`), is empty where the tool requires text (`runs-on: ''`, an empty `with:`), " +
    'repeats a key in another case (GitHub reads `FOO` and `foo` as one key), or combines keys of two kinds (`run` and ' +
    "`uses` in one step). For GitHub files the structure comes from GitHub's own definitions. `${{ }}` expressions are " +
    'accepted where the tool evaluates them.',
);

export const missingKey = schemaRule(
  'missing-key',
  'Missing required key',
  'A key the tool requires is absent, or the file is empty: a workflow needs `on` and `jobs`, a job needs `runs-on` (or ' +
    '`uses` for a reusable workflow), a step needs `run` or `uses`, a `workflow_call` input needs `type`, a container needs ' +
    '`image`, an action needs `name` and `runs.using`.',
);
