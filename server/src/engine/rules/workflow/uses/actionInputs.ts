// `action-input`: inputs under `with:` against what the action or reusable workflow declares. Bundled data of popular
// actions ages, so an input it lacks is an error only for a version the data covers exactly; for a moving ref (`v4`) a
// newer release may have added it, and we say how old the data is instead.
import type { Range, RuleFinding } from '../../../findings';
import { metadataForRef, type RefMetadata } from '../../../github/actionMetadata';
import { parseActionRef } from '../../../github/actionRef';
import { lookupLocalAction, lookupReusableWorkflow, type DeclaredInput } from '../../../github/localReferences';
import { closestMatch } from '../../../text/didYouMean';
import type { LineIndex } from '../../../text/lineIndex';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { isExpression, repositoryRoot, usesSites, type UsesSite } from './usesSites';

interface NormalizedInput {
  readonly name: string;
  readonly required: boolean;
  readonly deprecationMessage?: string | undefined;
}

/** What is known about the target's inputs, and how sure an unknown input is an error. */
interface InputContract {
  readonly what: string;
  readonly inputs: readonly NormalizedInput[];
  /** `with:` keys GitHub itself gives meaning to for this kind of action (Docker actions' `args` and `entrypoint`). */
  readonly runnerKeys: readonly string[];
  /** Set when the ref may name a release newer than the data: unknown inputs are then warnings that say so. */
  readonly staleness?: { readonly ref: string; readonly release: string; readonly recordedAt: string };
}

/** Docker container actions take `args` and `entrypoint` under `with:` (GitHub's workflow syntax); others do not. */
const DOCKER_WITH_KEYS = ['args', 'entrypoint'];

function popularContract(name: string, ref: string, known: RefMetadata): InputContract {
  const { metadata } = known;
  return {
    // Without the ref: pinning `@v6` to its commit SHA must not read as a new finding.
    what: name,
    inputs: Object.entries(metadata.inputs).map(([input, spec]) => ({ name: input, required: spec.required === true, deprecationMessage: spec.deprecationMessage })),
    runnerKeys: metadata.using === 'docker' ? DOCKER_WITH_KEYS : [],
    ...(known.coverage === 'exact' ? {} : { staleness: { ref, release: metadata.release, recordedAt: known.recordedAt } }),
  };
}

function localContract(what: string, declared: ReadonlyMap<string, DeclaredInput>, using: string | undefined): InputContract {
  return {
    what,
    inputs: [...declared.entries()].map(([name, d]) => ({ name, required: d.required && !d.hasDefault, deprecationMessage: d.deprecationMessage })),
    runnerKeys: using?.toLowerCase() === 'docker' ? DOCKER_WITH_KEYS : [],
  };
}

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
      findings.push({ message: `Input '${input.key}' of ${contract.what} is deprecated: ${spec.deprecationMessage}`, range, severity: 'warning' });
    }
    if (spec || contract.runnerKeys.includes(wanted)) continue;
    const slip = isSeparatorSlip(input.key, names);
    const suggestion = slip ?? closestMatch(input.key, names.filter((n) => !given.has(n.toLowerCase())));
    const fixes = suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] : [];
    const dockerOnly = DOCKER_WITH_KEYS.includes(wanted) ? ` ('${wanted}' under 'with:' is only for Docker container actions.)` : '';
    const hint = dockerOnly || (suggestion ? ` Did you mean '${suggestion}'?` : ` Inputs: ${names.join(', ') || 'none'}.`);
    const stale = contract.staleness;
    if (stale !== undefined && slip === undefined) {
      findings.push({
        message: `${contract.what} ${stale.release} has no input '${input.key}' (Preflight's data of ${stale.recordedAt}). '@${stale.ref}' may name a newer release that added it; if not, GitHub ignores it.${hint}`,
        range,
        severity: 'warning',
        fixes,
      });
    } else {
      findings.push({ message: `${contract.what} has no input '${input.key}'; GitHub ignores it.${hint}`, range, fixes });
    }
  }
  for (const spec of contract.inputs) {
    if (spec.required && !given.has(spec.name.toLowerCase())) {
      findings.push({ message: `${contract.what} requires the input '${spec.name}' (under 'with:').`, range: nodeRange(lines, site.anchor) });
    }
  }
  return findings;
}

function secretFindings(lines: LineIndex, site: UsesSite, path: string, declared: ReadonlyMap<string, { readonly required: boolean }>): RuleFinding[] {
  if (site.secrets === 'inherit') return [];
  const findings: RuleFinding[] = [];
  const given = new Set((site.secrets ?? []).map((e) => e.key));
  for (const [name, spec] of declared) {
    if (spec.required && !given.has(name)) findings.push({ message: `'${path}' requires the secret '${name}' (under 'secrets:', or use 'secrets: inherit').`, range: nodeRange(lines, site.anchor) });
  }
  for (const e of site.secrets ?? []) {
    if (e.key !== undefined && !declared.has(e.key)) findings.push({ message: `'${path}' declares no secret '${e.key}'.`, range: nodeRange(lines, e.keyNode) });
  }
  return findings;
}

export const actionInputs: Rule = {
  id: 'action-input',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Unknown or missing input of an action or reusable workflow',
    description: 'Inputs under `with:` are checked against what the action declares: bundled metadata of popular actions ' +
      '(per major version, read from its newest release on a recorded date), local actions\' `action.yml`, and local reusable ' +
      'workflows\' `workflow_call` inputs and secrets. GitHub ignores an unknown input, so a typo means the setting never ' +
      'applies. For a moving ref like `@v4` the bundled data may be older than the release it names: an input the data lacks ' +
      'is then a warning that says how old the data is (an error only for a version the data covers, or for `a_b` where the ' +
      'action declares `a-b`). Docker actions also take `args` and `entrypoint`. Deprecated inputs are warnings with the ' +
      'action\'s own message.',
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      if (isExpression(site.uses.name)) continue;
      const ref = parseActionRef(site.uses.name);
      if (ref.kind === 'remote' && !site.isJob) {
        const known = metadataForRef(ref.name, ref.ref);
        if (known) findings.push(...inputFindings(ctx.yaml.lines, site, popularContract(ref.name, ref.ref, known)));
      } else if (ref.kind === 'local') {
        const lookup = site.isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
        if (lookup.status !== 'found') continue;
        findings.push(...inputFindings(ctx.yaml.lines, site, localContract(`'${ref.path}'`, lookup.iface.inputs, lookup.iface.using)));
        if (site.isJob && lookup.iface.secrets) findings.push(...secretFindings(ctx.yaml.lines, site, ref.path, lookup.iface.secrets));
      }
    }
    return findings;
  },
};
