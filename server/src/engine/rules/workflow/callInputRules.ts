// `workflow_call` inputs of a reusable workflow: defaults that fit the input's type, and defaults that never apply.
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import { defaultTypeProblem, isRequired, literalDefault, workflowInputSpecs } from '../../github/workflowInputSpec';
import { isScalar, nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const workflowCallInput: Rule = {
  id: 'workflow-call-input',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: '`workflow_call` input default that does not fit or never applies',
    description:
      'A `boolean` input of a reusable workflow takes `true` or `false` as its default (GitHub rejects anything else), ' +
      'and a `number` input a number (otherwise callers that leave the input out pass a value that is not a number). ' +
      '`${{ }}` defaults are evaluated later and not checked here.\n\n' +
      'An input with `required: true` and a `default` is information only: GitHub accepts it and runs it as written, but ' +
      'every caller must pass the input, so the default never applies (some teams keep it as a documented typical value). ' +
      'If the default should apply, make the input optional (`required: false`).',
  },
  check(ctx) {
    const config = workflowModel(ctx.parsed)?.events.get('workflow_call');
    if (!config) return [];
    const findings: RuleFinding[] = [];
    for (const input of workflowInputSpecs(config)) {
      const literal = literalDefault(input);
      const problem = literal && defaultTypeProblem(input.type, literal.value, literal.text);
      if (literal && problem) {
        findings.push({
          message: `Input '${input.name}' of 'workflow_call' is a ${input.type ?? 'string'}, so ${problem}.`,
          range: nodeRange(ctx.parsed.lines, literal.node),
        });
      }
      const defaultNode = input.defaultEntry?.value;
      const hasDefault = defaultNode && !(isScalar(defaultNode) && defaultNode.value === null);
      if (hasDefault && isRequired(input)) {
        const shown = literal ? `'${literal.text}'` : 'given';
        findings.push({
          message: `Input '${input.name}' of 'workflow_call' is required, so its default ${shown} never applies: every caller must pass it. Set 'required: false' if the default should apply.`,
          range: nodeRange(ctx.parsed.lines, defaultNode),
          // Nothing breaks and nothing runs differently: a default that is only documentation is worth knowing, not fixing.
          severity: 'info',
        });
      }
    }
    return findings;
  },
};
