// `workflow_dispatch` inputs as GitHub reads them: choice inputs and their options, defaults that fit the input's type,
// and the number of inputs GitHub allows.
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import {
  defaultTypeProblem,
  literalDefault,
  workflowInputSpecs,
  type WorkflowInputSpec,
} from '../../github/workflowInputSpec';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { asMap, getEntry, isSeq, nodeRange, scalarText, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

/**
 * GitHub's limit on `workflow_dispatch` inputs: 25 since 2025-12-04 ("Actions workflow dispatch workflows now support
 * 25 inputs", GitHub changelog; it was 10 before). Beyond it GitHub rejects the file ("you may only define up to 25
 * `inputs` for a `workflow_dispatch` event").
 */
export const MAX_WORKFLOW_DISPATCH_INPUTS = 25;

/** Input types of `workflow_dispatch`; any other is the schema check's to report, and the checks here skip it. */
const DISPATCH_INPUT_TYPES = new Set(['string', 'number', 'boolean', 'choice', 'environment']);

function optionsOf(input: WorkflowInputSpec): { node: Node; text: string }[] | undefined {
  const value = input.optionsEntry?.value;
  if (!isSeq(value)) return undefined;
  return value.items.map((item) => ({ node: item as Node, text: scalarText(item as Node) ?? '' }));
}

function inputFindings(input: WorkflowInputSpec, lines: LineIndex): RuleFinding[] {
  const type = input.type ?? 'string';
  if (!DISPATCH_INPUT_TYPES.has(type)) return [];
  const findings: RuleFinding[] = [];
  const keyRange = nodeRange(lines, input.keyNode);
  const options = optionsOf(input);
  if (type === 'choice') {
    if (!input.optionsEntry || (options && options.length === 0)) {
      const what = input.optionsEntry ? "its 'options' list is empty" : "it has no 'options'";
      findings.push({
        message: `Input '${input.name}' is a choice, but ${what}, and GitHub rejects the workflow: list the values to choose from under 'options:' (e.g. options: [staging, production]).`,
        range: keyRange,
      });
    }
  } else if (input.optionsEntry) {
    const typeText = input.type === undefined ? "'string' (no type given)" : `'${type}'`;
    findings.push({
      message: `Input '${input.name}' has 'options', but its type is ${typeText}, and GitHub rejects the workflow: write 'type: choice' to offer the options, or drop 'options'.`,
      range: keyRange,
    });
  }
  if (type === 'choice' && options) findings.push(...optionFindings(input, options, lines));
  const literal = literalDefault(input);
  if (!literal) return findings;
  const problem = defaultTypeProblem(type, literal.value, literal.text);
  if (problem)
    findings.push({
      message: `Input '${input.name}' is a ${type}, so ${problem}.`,
      range: nodeRange(lines, literal.node),
    });
  if (type === 'choice' && options && options.length > 0 && !options.some((o) => o.text === literal.text)) {
    const listed = options.map((o) => `'${o.text}'`).join(', ');
    findings.push({
      message: `Default '${literal.text}' of input '${input.name}' is not one of its options (${listed}): the form cannot offer it, and runs that take the default get a value the workflow does not list. Use one of the options, or add it to them.`,
      range: nodeRange(lines, literal.node),
      // An empty default outside the options is a common way to say "none" for runs started through the API; it works there.
      ...(literal.text === '' ? { severity: 'warning' as const } : {}),
    });
  }
  return findings;
}

/** A repeated option shows twice in the form: harmless to the run, but often a typo for another option. */
function optionFindings(
  input: WorkflowInputSpec,
  options: readonly { node: Node; text: string }[],
  lines: LineIndex,
): RuleFinding[] {
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  for (const option of options) {
    if (seen.has(option.text)) {
      findings.push({
        message: `Option '${option.text}' of input '${input.name}' is listed more than once: remove the repeat, or correct it if another option was meant.`,
        range: nodeRange(lines, option.node),
        severity: 'warning',
      });
    }
    seen.add(option.text);
  }
  return findings;
}

export const workflowDispatchInput: Rule = {
  id: 'workflow-dispatch-input',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: '`workflow_dispatch` input GitHub rejects or misreads',
    description:
      'GitHub rejects a workflow whose `workflow_dispatch` inputs include a `choice` without `options` (or with an ' +
      'empty list), `options` on an input that is not a `choice`, a `boolean` input whose default is not `true`/`false`, or ' +
      `more than ${MAX_WORKFLOW_DISPATCH_INPUTS} inputs (GitHub's limit since December 2025; it was 10). A \`number\` input whose ` +
      'default is not a number, or a `choice` whose default is not one of its options, gives runs that take the default a ' +
      'value the input does not allow. An option listed twice is a warning (it shows twice in the form).',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    const config = model?.events.get('workflow_dispatch');
    if (!model || !config) return [];
    const inputs = workflowInputSpecs(config);
    const findings = inputs.flatMap((input) => inputFindings(input, ctx.parsed.lines));
    if (inputs.length > MAX_WORKFLOW_DISPATCH_INPUTS) {
      const on = asMap(getEntry(model.root, 'on')?.value);
      const eventKey = on ? getEntry(on, 'workflow_dispatch')?.keyNode : undefined;
      findings.push({
        message: `'workflow_dispatch' has ${inputs.length} inputs; GitHub allows at most ${MAX_WORKFLOW_DISPATCH_INPUTS} and rejects the workflow. Combine related inputs (e.g. one JSON string or a choice), or move some to 'vars'.`,
        range: nodeRange(ctx.parsed.lines, eventKey ?? null),
      });
    }
    return findings;
  },
};
