// `uses:` on steps and jobs: the reference is well formed, local targets exist, inputs match what the action or
// reusable workflow declares, retired versions are flagged, and third-party actions are pinned.
import type { Fix, Range, RuleFinding } from '../../findings';
import { pinToCommitShaFix } from '../../fixes/pinToCommitSha';
import { isFullSha, majorOf, parseActionRef } from '../../github/actionRef';
import { knownAction, metadataFor, retiredReason, type InputSpec } from '../../github/actionMetadata';
import { lookupLocalAction, lookupReusableWorkflow, repositoryRootOf, type DeclaredInput } from '../../github/localReferences';
import { workflowModel, type NamedNode } from '../../github/workflowModel';
import { closestMatch } from '../../text/didYouMean';
import type { LineIndex } from '../../text/lineIndex';
import { nodeRange, type MapEntry, type Node } from '../../yaml/nodes';
import type { ParsedYaml } from '../../yaml/parsedYaml';
import type { Rule, RuleContext } from '../rule';

interface UsesSite {
  readonly uses: NamedNode;
  readonly with: readonly MapEntry[];
  /** Where to report missing inputs: the `uses` value. */
  readonly anchor: Node;
  readonly isJob: boolean;
  /** `secrets:` of a reusable workflow call (undefined: none given; 'inherit'). */
  readonly secrets?: readonly MapEntry[] | 'inherit' | undefined;
}

/** Five rules read the same `uses:` sites: collect them once per parse. */
const sitesMemo = new WeakMap<ParsedYaml, readonly UsesSite[]>();

function sites(ctx: RuleContext): readonly UsesSite[] {
  const memo = sitesMemo.get(ctx.yaml);
  if (memo) return memo;
  const out: UsesSite[] = [];
  for (const job of workflowModel(ctx.yaml)?.jobs ?? []) {
    if (job.uses) out.push({ uses: job.uses, with: job.with, anchor: job.uses.node, isJob: true, secrets: job.secrets });
    for (const step of job.steps) if (step.uses) out.push({ uses: step.uses, with: step.with, anchor: step.uses.node, isJob: false });
  }
  sitesMemo.set(ctx.yaml, out);
  return out;
}

/** The repository root walks the disk (a stat per call); two rules need it for the same check. */
const rootMemo = new WeakMap<ParsedYaml, { readonly path: string; readonly root: string | undefined }>();

function repositoryRoot(ctx: RuleContext): string | undefined {
  const memo = rootMemo.get(ctx.yaml);
  if (memo?.path === ctx.path) return memo.root;
  const root = repositoryRootOf(ctx.path);
  rootMemo.set(ctx.yaml, { path: ctx.path, root });
  return root;
}

const isExpression = (s: string): boolean => s.includes('${{');

export const usesFormat: Rule = {
  id: 'uses-format',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Malformed `uses:` reference',
    description: 'A step\'s `uses` must be `owner/repo@ref`, `owner/repo/path@ref`, `./path` or `docker://image`; a job\'s `uses` ' +
      'must name a reusable workflow file (`owner/repo/.github/workflows/x.yml@ref` or `./.github/workflows/x.yml`). ' +
      'Without `@ref` GitHub cannot resolve the action. The quick fix adds the current major version of known actions.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of sites(ctx)) {
      const text = site.uses.name;
      if (isExpression(text)) continue;
      const range = nodeRange(ctx.yaml.lines, site.uses.node);
      const ref = parseActionRef(text);
      if (ref.kind === 'invalid') {
        const latest = knownAction(text.trim())?.latest;
        const fixes: Fix[] = latest && !text.includes('@') ? [{ title: `Use ${text.trim()}@${latest}`, edits: [{ range, newText: `${text.trim()}@${latest}` }] }] : [];
        findings.push({ message: `'${text}': ${ref.reason}.`, range, fixes });
        continue;
      }
      if (site.isJob) {
        const file = ref.kind === 'local' ? ref.path : ref.kind === 'remote' ? ref.subPath : '';
        if (ref.kind === 'docker' || !/^\.?\/?\.github\/workflows\/[^/]+\.ya?ml$/.test(file.replace(/^\.\//, ''))) {
          findings.push({ message: `A job's 'uses' must name a reusable workflow file under .github/workflows/, e.g. ./.github/workflows/train.yml or owner/repo/.github/workflows/train.yml@v1.`, range });
        }
      }
    }
    return findings;
  },
};

export const localReferenceMissing: Rule = {
  id: 'local-reference-missing',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Local action or reusable workflow not found',
    description: '`uses: ./path` is resolved from the repository root after checkout. The folder must hold `action.yml`, ' +
      '`action.yaml` or a `Dockerfile`; a reusable workflow file must exist and declare `on: workflow_call`. (Local actions also ' +
      'need `actions/checkout` to run first.)',
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    if (root === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const site of sites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'local' || isExpression(site.uses.name)) continue;
      const lookup = site.isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
      const range = nodeRange(ctx.yaml.lines, site.uses.node);
      if (lookup.status === 'missing') {
        findings.push({ message: site.isJob ? `Reusable workflow '${ref.path}' does not exist in this repository.` : `No action.yml, action.yaml or Dockerfile in '${ref.path}'.`, range });
      } else if (lookup.status === 'unknown' && site.isJob) {
        findings.push({ message: `'${ref.path}' has no 'on: workflow_call' trigger, so it cannot be called as a reusable workflow.`, range });
      }
    }
    return findings;
  },
};

interface NormalizedInput {
  readonly name: string;
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly deprecated: boolean;
}

/** Bundled metadata and local declarations in one shape. */
function normalizeInputs(declared: ReadonlyMap<string, DeclaredInput> | Readonly<Record<string, InputSpec>>): NormalizedInput[] {
  if (declared instanceof Map) {
    return [...(declared as ReadonlyMap<string, DeclaredInput>).entries()].map(([name, d]) => ({ name, required: d.required, hasDefault: d.hasDefault, deprecated: false }));
  }
  return Object.entries(declared as Readonly<Record<string, InputSpec>>).map(([name, d]) => ({ name, required: d.required === true, hasDefault: false, deprecated: d.deprecated === true }));
}

function inputFindings(lines: LineIndex, site: UsesSite, declared: ReadonlyMap<string, DeclaredInput> | Readonly<Record<string, InputSpec>>, what: string): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const inputs = normalizeInputs(declared);
  const names = inputs.map((i) => i.name);
  const given = new Set(site.with.map((e) => e.key?.toLowerCase()));
  for (const input of site.with) {
    if (input.key === undefined) continue;
    // GitHub matches input names case-insensitively.
    const wanted = input.key.toLowerCase();
    const spec = inputs.find((i) => i.name.toLowerCase() === wanted);
    const range: Range = nodeRange(lines, input.keyNode);
    if (!spec) {
      const suggestion = closestMatch(input.key, names.filter((n) => !given.has(n.toLowerCase())));
      findings.push({
        message: `${what} has no input '${input.key}'; GitHub ignores it.${suggestion ? ` Did you mean '${suggestion}'?` : ` Inputs: ${names.join(', ') || 'none'}.`}`,
        range,
        ...(suggestion ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] } : {}),
      });
    } else if (spec.deprecated) {
      findings.push({ message: `Input '${input.key}' of ${what} is deprecated.`, range, severity: 'warning' });
    }
  }
  for (const spec of inputs) {
    if (spec.required && !spec.hasDefault && !given.has(spec.name.toLowerCase())) {
      findings.push({ message: `${what} requires the input '${spec.name}' (under 'with:').`, range: nodeRange(lines, site.anchor) });
    }
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
      '(per major version), local actions\' `action.yml`, and local reusable workflows\' `workflow_call` inputs and secrets. ' +
      'GitHub silently ignores an unknown input, so a typo means the setting never applies.',
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    const findings: RuleFinding[] = [];
    for (const site of sites(ctx)) {
      if (isExpression(site.uses.name)) continue;
      const ref = parseActionRef(site.uses.name);
      if (ref.kind === 'remote' && !site.isJob) {
        const meta = metadataFor(ref.name, majorOf(ref.ref));
        if (meta) findings.push(...inputFindings(ctx.yaml.lines, site, meta.inputs, `${ref.name}@${ref.ref}`));
      } else if (ref.kind === 'local') {
        const lookup = site.isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
        if (lookup.status !== 'found') continue;
        findings.push(...inputFindings(ctx.yaml.lines, site, lookup.iface.inputs, `'${ref.path}'`));
        if (site.isJob && lookup.iface.secrets && site.secrets !== 'inherit') {
          const given = new Set((site.secrets ?? []).map((e) => e.key));
          for (const [name, spec] of lookup.iface.secrets) {
            if (spec.required && !given.has(name)) findings.push({ message: `'${ref.path}' requires the secret '${name}' (under 'secrets:', or use 'secrets: inherit').`, range: nodeRange(ctx.yaml.lines, site.anchor) });
          }
          for (const e of site.secrets ?? []) {
            if (e.key !== undefined && !lookup.iface.secrets.has(e.key)) findings.push({ message: `'${ref.path}' declares no secret '${e.key}'.`, range: nodeRange(ctx.yaml.lines, e.keyNode) });
          }
        }
      }
    }
    return findings;
  },
};

export const actionRetired: Rule = {
  id: 'action-retired',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Action version that GitHub has turned off',
    description: 'Some major versions stop working when GitHub retires the service behind them (artifact actions v1-v3 since ' +
      '2025-01-30, cache v1-v2 since 2025-02-01). The job fails at that step; the quick fix moves to the current major.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of sites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'remote') continue;
      const reason = retiredReason(ref.name, majorOf(ref.ref));
      if (!reason) continue;
      const latest = knownAction(ref.name)?.latest;
      const range = nodeRange(ctx.yaml.lines, site.uses.node);
      const newText = `${site.uses.name.trim().replace(/@.*$/, '')}@${latest ?? ''}`;
      findings.push({ message: reason, range, ...(latest ? { fixes: [{ title: `Use ${newText}`, edits: [{ range, newText }] }] } : {}) });
    }
    return findings;
  },
};

/** Owners whose actions are maintained by GitHub itself; pinning them to a SHA is optional advice. */
const FIRST_PARTY = new Set(['actions', 'github']);

export const actionNotPinned: Rule = {
  id: 'action-not-pinned',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'warning',
  docs: {
    title: 'Third-party action not pinned to a commit SHA',
    description: 'A tag or branch can be moved to different code after you review it (as in the tj-actions/changed-files ' +
      'compromise of March 2025), and that code runs with your secrets. Pin third-party actions to a full 40-character commit ' +
      'SHA (keep the version in a comment). Actions under `actions/` and `github/` are not reported; branch refs like `@main` ' +
      'are reported for every action because they change under you. The quick fix "Pin to commit SHA" rewrites `owner/repo@v4` ' +
      'as `owner/repo@<sha> # v4.x.y` for releases whose commit the bundled data knows (for a moving tag like `v4`, the newest ' +
      'such release, which may be older than what `v4` points to today). It is never part of a general "fix all": run ' +
      '`preflight fix --rule action-not-pinned` or "Fix all \'action-not-pinned\' problems" to pin a whole file.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of sites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'remote' || isFullSha(ref.ref) || isExpression(site.uses.name)) continue;
      const branch = majorOf(ref.ref) === undefined && !/^v?\d/.test(ref.ref);
      if (FIRST_PARTY.has(ref.owner.toLowerCase()) && !branch) continue;
      // A branch has no release to stand for it: pinning it to a release SHA would change what runs.
      const pin = branch ? undefined : pinToCommitShaFix(ctx.yaml.lines, site.uses.node, ref.name, ref.ref);
      findings.push({
        message: branch
          ? `'${site.uses.name}' follows the branch '${ref.ref}', which can change at any time; pin a release tag or a commit SHA.`
          : `'${site.uses.name}' is not pinned to a commit SHA; a moved tag would run unreviewed code with this job's secrets.`,
        range: nodeRange(ctx.yaml.lines, site.uses.node),
        ...(pin ? { fixes: [pin] } : {}),
      });
    }
    return findings;
  },
};
