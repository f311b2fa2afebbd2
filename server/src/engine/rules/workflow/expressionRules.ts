// `${{ }}` expressions in workflows: syntax, functions, context availability, names the workflow defines, and `if:`
// values that are always true. GitHub reports the first four only when the run starts (often as a zero-second failed
// run with no log), and the last one never. One analysis per file (expressions/workflowExpressions.ts) feeds them all.
import { workflowExpressionFindings, type ExpressionRuleId } from '../../expressions/workflowExpressions';
import type { RuleFinding, Severity } from '../../findings';
import type { Rule, RuleContext, RuleDocs } from '../rule';

function expressionRule(id: ExpressionRuleId, docs: RuleDocs, defaultSeverity: Severity = 'error'): Rule {
  return {
    id,
    kinds: ['github-workflow'],
    defaultSeverity,
    docs,
    check(ctx: RuleContext): readonly RuleFinding[] {
      return workflowExpressionFindings(ctx.parsed, ctx.path)
        .filter((f) => f.rule === id)
        .map(({ rule: _rule, ...finding }) => finding);
    },
  };
}

export const expressionSyntax = expressionRule('expression-syntax', {
  title: 'Expression does not parse',
  description:
    'GitHub refuses the whole workflow when an expression is malformed: an unclosed `${{`, an empty `${{ }}`, ' +
    "double-quoted strings (expressions use single quotes, `'it''s'`), a single `=` or `&`, or an unbalanced parenthesis. " +
    'The finding points at the symbol GitHub stops at. A warning also marks `${{` inside a string in an expression ' +
    "(`hashFiles('reqs/${{ matrix.pkg }}.txt')`): expressions do not nest, so that text is used as written; build it with `format()`.",
});

export const expressionFunction = expressionRule('expression-function', {
  title: 'Unknown function or wrong number of arguments',
  description:
    'Expressions can call `contains`, `startsWith`, `endsWith`, `format`, `join`, `toJSON`, `fromJSON`, `case`, ' +
    '`hashFiles` and the status functions `success`, `always`, `cancelled`, `failure` (names are case-insensitive). Status ' +
    'functions work only in `if`, and `hashFiles` only in steps. A literal `format` string must not name more values than ' +
    'are passed. A misspelt name comes with a quick fix. A warning: a `format` value no placeholder uses (GitHub leaves it ' +
    'out, often a forgotten placeholder).',
});

export const expressionContext = expressionRule('expression-context', {
  title: 'Context not available here',
  description:
    'Each workflow key sees only some contexts, because GitHub evaluates keys at different times: `jobs.<job_id>.if` ' +
    'runs before the job exists, so it has no `env`, `matrix` or `secrets`; `env` and `runner` exist only on the runner. ' +
    'Using one elsewhere fails the run with "Unrecognized named-value". Also reported: names that are neither a context nor ' +
    'a function (often an unquoted string, `github.ref == main`), and `${{ }}` in keys GitHub reads literally (`uses`, `needs`).',
});

export const expressionProperty = expressionRule(
  'expression-property',
  {
    title: 'Reference to a matrix variable or `github` property that does not exist',
    description:
      'A `matrix` variable the job does not define, or an unknown property of `github`. GitHub does not complain: ' +
      'the value is just empty. For the matrix that is often harmless (a variable left over in a cache key after its key was ' +
      'removed), and GitHub adds `github` properties now and then, so this is a warning. A misspelt name comes with a quick ' +
      'fix. `secrets`, `vars`, `env` and `github.event` are never checked.',
  },
  'warning',
);

export const expressionUndefined = expressionRule('expression-undefined', {
  title: 'Reference that is always empty',
  description:
    'The workflow itself says everything these objects hold, so a name missing from them is always empty and ' +
    "the expression cannot do what is written: `needs.<job>` for a job not in the job's `needs`, `needs.<job>.outputs.<name>` " +
    'or `jobs.<job>.outputs.<name>` the job does not declare, `inputs.<name>` not declared under `workflow_dispatch` or ' +
    '`workflow_call`, `steps.<id>` that is not an earlier step of the same job, an output a known action or a local action ' +
    'does not have, and properties `runner`, `job` and `strategy` do not have (`runner.python-version`). Declare the name, ' +
    'add the job to `needs`, or fix the spelling (a quick fix is offered for a close match). A warning: `inputs` in a ' +
    "reusable workflow's input `default`, where it holds the calling run's inputs, not this workflow's.",
});

export const expressionType = expressionRule('expression-type', {
  title: 'Expression value of the wrong type',
  description:
    "Types follow GitHub's evaluator. Errors: an object or array written inside text (`echo ${{ github.event }}`), " +
    "which GitHub renders as 'Object' or 'Array'; a comparison of an object or array with anything else, or of two " +
    'different ones (GitHub compares them by identity), which is always false (`==`, `<`, ...) or always true (`!=`); a ' +
    "boolean compared with text (`inputs.publish == 'true'`: GitHub compares 1 or 0 with a text that is not a number, so " +
    'it is always false; compare with `true`) or with a number it cannot reach; a whole-value expression of the wrong shape for its key (a string where ' +
    '`env`, `credentials` or `services` take a mapping, an object with other keys than `group`/`labels` for `runs-on`); ' +
    '`fromJSON()` of a literal that is not JSON, which fails the step; a key that can never match, always empty: a boolean or ' +
    "number key on an object (`github[inputs.dry-run]`: GitHub looks the text 'true' or '0' up as a name), or text that is " +
    "not a number as the index of an array (`matrix.sizes['first']`; `x.*['name']` reads each item's property and is fine). " +
    'Warnings: reading a property of a string, number or boolean, which is always empty; a `null` the workflow writes ' +
    "(`${{ null }}`, `fromJSON('null')`) rendered in text, as nothing.",
});

export const ifConstant = expressionRule(
  'if-constant',
  {
    title: '`if` condition is a constant',
    description:
      '`if: false` (or any constant that is false) means the job or step never runs: a warning, since that is ' +
      'sometimes meant as a temporary switch. `if: true` behaves exactly like no `if:` at all, because GitHub adds ' +
      '`success() &&` to a condition without a status function; it is reported as information and can be removed.',
  },
  'warning',
);

export const ifAlwaysTrue = expressionRule('if-always-true', {
  title: '`if` condition is always true',
  description:
    "When an `if:` value has text outside `${{ }}`, as in `if: ${{ a }} && ${{ b }}` or `if: ${{ x }} == 'y'`, " +
    'GitHub substitutes the expressions into the text and tests the resulting string, which is never empty, so the job or ' +
    'step always runs. Write the whole condition inside one `${{ }}`, or leave `${{ }}` out entirely; the quick fix does that.',
});

export const EXPRESSION_RULES: readonly Rule[] = [
  expressionSyntax,
  expressionFunction,
  expressionContext,
  expressionProperty,
  expressionUndefined,
  expressionType,
  ifAlwaysTrue,
  ifConstant,
];
