// `action-input`: inputs under `with:` against what the action or reusable workflow declares. Bundled data of popular
// actions ages, so an input it lacks is an error only for a version the data covers exactly; for a moving ref (`v4`) a
// newer release may have added it, and we say how old the data is instead.
import type { Range, RuleFinding } from '../../../findings';
import { DOCKER_WITH_KEYS, inputContractOf, type InputContract } from '../../../github/inputContract';
import { closestMatch } from '../../../text/didYouMean';
import type { LineIndex } from '../../../../../../shared/lineIndex';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { isExpression, repositoryRoot, usesSites, type UsesSite } from './usesSites';

/** `python_version` for a declared `python-version`: the separator slip no action release makes on purpose. */
function isSeparatorSlip(given: string, declared: readonly string[]): string | undefined {
  if (!given.includes('_')) return undefined;
  const kebab = given.toLowerCase().replace(/_/g, '-');
  return declared.find((d) => d.toLowerCase() === kebab);
}

function inputFindings(lines: LineIndex, site: UsesSite, contract: InputContract): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const names = contract.inputs.map((i) => i.name);
  const given = new Set(site.with.map((e) => e.key?.toLowerCase()));
  for (const input of site.with) {
    if (input.key === undefined) continue;
    // GitHub matches input names case-insensitively.
    const wanted = input.key.toLowerCase();
    const spec = contract.inputs.find((i) => i.name.toLowerCase() === wanted);
    const range: Range = nodeRange(lines, input.keyNode);
    if (spec?.deprecationMessage !== undefined) {
      findings.push({
        message: `Input '${input.key}' of ${contract.what} is deprecated: ${spec.deprecationMessage}`,
        range,
        severity: 'warning',
      });
    }
    if (spec || contract.runnerKeys.includes(wanted) || contract.undeclaredInputs !== undefined) continue;
    const slip = isSeparatorSlip(input.key, names);
    const suggestion =
      slip ??
      closestMatch(
        input.key,
        names.filter((n) => !given.has(n.toLowerCase())),
      );
    const fixes = suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] : [];
    const dockerOnly = DOCKER_WITH_KEYS.includes(wanted)
      ? ` ('${wanted}' under 'with:' is only for Docker container actions.)`
      : '';
    const hint =
      dockerOnly || (suggestion ? ` Did you mean '${suggestion}'?` : ` Inputs: ${names.join(', ') || 'none'}.`);
    const stale = contract.staleness;
    if (stale !== undefined && slip === undefined) {
      findings.push({
        message: `${contract.what} ${stale.release} has no input '${input.key}' (Preflight's data of ${stale.recordedAt}). '@${stale.ref}' may name a newer release that added it; if not, the action never reads it (GitHub passes it on with an "Unexpected input" warning).${hint}`,
        range,
        severity: 'warning',
        fixes,
      });
    } else {
      findings.push({
        message: `${contract.what} has no input '${input.key}', so the action never reads it (GitHub passes it on with an "Unexpected input" warning).${hint}`,
        range,
        fixes,
      });
    }
  }
  for (const spec of contract.inputs) {
    if (spec.required && !given.has(spec.name.toLowerCase())) {
      findings.push({
        message: `${contract.what} requires the input '${spec.name}' (under 'with:').`,
        range: nodeRange(lines, site.anchor),
      });
    }
  }
  return findings;
}

/** `what`: the reusable workflow as messages name it (`'./.github/workflows/x.yml'`). */
function secretFindings(
  lines: LineIndex,
  site: UsesSite,
  what: string,
  declared: ReadonlyMap<string, { readonly required: boolean }>,
): RuleFinding[] {
  if (site.secrets === 'inherit') return [];
  const findings: RuleFinding[] = [];
  const given = new Set((site.secrets ?? []).map((e) => e.key));
  for (const [name, spec] of declared) {
    if (spec.required && !given.has(name))
      findings.push({
        message: `${what} requires the secret '${name}' (under 'secrets:', or use 'secrets: inherit').`,
        range: nodeRange(lines, site.anchor),
      });
  }
  for (const e of site.secrets ?? []) {
    if (e.key !== undefined && !declared.has(e.key))
      findings.push({ message: `${what} declares no secret '${e.key}'.`, range: nodeRange(lines, e.keyNode) });
  }
  return findings;
}

export const actionInputs: Rule = {
  id: 'action-input',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Unknown or missing input of an action or reusable workflow',
    description:
      'Inputs under `with:` are checked against what the action declares: bundled metadata of popular actions ' +
      "(per major version, read from its newest release on a recorded date), local actions' `action.yml`, and local reusable " +
      "workflows' `workflow_call` inputs and secrets. GitHub ignores an unknown input, so a typo means the setting never " +
      'applies. For a moving ref like `@v4` the bundled data may be older than the release it names: an input the data lacks ' +
      'is then a warning that says how old the data is (an error only for a version the data covers, or for `a_b` where the ' +
      'action declares `a-b`). Docker actions also take `args` and `entrypoint`. Deprecated inputs are warnings with the ' +
      "action's own message.",
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      if (isExpression(site.uses.name)) continue;
      const contract = inputContractOf(site.uses.name, site.isJob, root);
      if (!contract) continue;
      findings.push(...inputFindings(ctx.parsed.lines, site, contract));
      if (contract.secrets) findings.push(...secretFindings(ctx.parsed.lines, site, contract.what, contract.secrets));
    }
    return findings;
  },
};
