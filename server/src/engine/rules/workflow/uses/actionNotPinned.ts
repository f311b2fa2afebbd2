// `action-not-pinned`: a third-party action referenced by a tag or branch instead of a commit SHA. Pinning is a supply-chain
// policy, not something GitHub requires, so it is info by default (teams that require it raise it in settings); a branch
// ref, which changes under you by design, is a warning.
import type { RuleFinding } from '../../../findings';
import { pinToCommitShaFix } from '../../../fixes/pinToCommitSha';
import { isFullSha, majorOf, parseActionRef } from '../../../github/actionRef';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { isExpression, usesSites } from './usesSites';

/** Owners whose actions are maintained by GitHub itself; pinning them to a SHA is optional advice. */
const FIRST_PARTY = new Set(['actions', 'github']);

export const actionNotPinned: Rule = {
  id: 'action-not-pinned',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'info',
  docs: {
    title: 'Third-party action not pinned to a commit SHA',
    description:
      'A tag can be moved to different code after you review it (as in the tj-actions/changed-files compromise of ' +
      'March 2025), and that code runs with your secrets. Pinning third-party actions to a full 40-character commit SHA (keep ' +
      'the version in a comment) is a policy many teams adopt: info by default, raise it in settings to enforce it. Branch refs ' +
      'like `@main` are a warning for every action, because they change under you by design. Actions under `actions/` and ' +
      '`github/` are not reported. The quick fix "Pin to commit SHA" rewrites `owner/repo@v4` as `owner/repo@<sha> # v4.x.y` ' +
      'for releases whose commit the bundled data knows (for a moving tag like `v4`, the newest such release, which may be ' +
      'older than what `v4` points to today). It is never part of a general "fix all": run `preflight fix --rule ' +
      'action-not-pinned` or "Fix all \'action-not-pinned\' problems" to pin a whole file.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'remote' || isFullSha(ref.ref) || isExpression(site.uses.name)) continue;
      const branch = majorOf(ref.ref) === undefined && !/^v?\d/.test(ref.ref);
      if (FIRST_PARTY.has(ref.owner.toLowerCase()) && !branch) continue;
      // A branch has no release to stand for it: pinning it to a release SHA would change what runs.
      const pin = branch ? undefined : pinToCommitShaFix(ctx.parsed.lines, site.uses.node, ref.name, ref.ref);
      findings.push({
        message: branch
          ? `'${site.uses.name}' follows the branch '${ref.ref}', which can change at any time; pin a release tag or a commit SHA.`
          : `'${site.uses.name}' is not pinned to a commit SHA; a moved tag would run unreviewed code with this job's secrets.`,
        range: nodeRange(ctx.parsed.lines, site.uses.node),
        ...(branch ? { severity: 'warning' as const } : {}),
        ...(pin ? { fixes: [pin] } : {}),
      });
    }
    return findings;
  },
};
