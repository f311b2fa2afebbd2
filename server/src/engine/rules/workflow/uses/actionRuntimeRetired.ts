// `action-runtime-retired`: an action version declares a Node.js runtime GitHub has retired (`runs.using: node16`).
// GitHub does not fail such steps: its runners run the action on a newer Node.js it was not built for. That is a real
// risk, not a certain failure, so a warning (actionlint calls it an error), and only a hint for node20, whose move to
// Node 24 is recent and which most maintained actions were still declaring when the data was read.
import type { RuleFinding } from '../../../findings';
import { knownAction, metadataForRef, retiredReason, retiredRuntime } from '../../../github/actionMetadata';
import { majorOf, parseActionRef } from '../../../github/actionRef';
import { lookupLocalAction } from '../../../github/localReferences';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { isExpression, repositoryRoot, usesSites } from './usesSites';

export const actionRuntimeRetired: Rule = {
  id: 'action-runtime-retired',
  kinds: ['github-workflow'],
  defaultSeverity: 'warning',
  docs: {
    title: 'Action runs on a retired Node.js runtime',
    description:
      'An action declares its runtime in `runs.using`. GitHub has retired node12 and node16 (and, since September ' +
      '2026, node20): runners now run such actions on Node 24, which they were not built or tested for, and GitHub shows a ' +
      'deprecation annotation. The step usually still works, so this is a warning (a hint for node20); update to a major ' +
      "version built for a current runtime. The runtime of popular actions comes from each major's own action.yml in the " +
      'bundled data; local actions are read from the workspace.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    const root = repositoryRoot(ctx);
    for (const site of usesSites(ctx)) {
      if (site.isJob || isExpression(site.uses.name)) continue;
      const ref = parseActionRef(site.uses.name);
      const range = nodeRange(ctx.parsed.lines, site.uses.node);
      if (ref.kind === 'remote') {
        // A version GitHub turned off fails outright: action-retired says so, and the runtime is beside the point.
        if (retiredReason(ref.name, majorOf(ref.ref))) continue;
        const known = metadataForRef(ref.name, ref.ref);
        const using = known?.metadata.using;
        const runtime = using === undefined ? undefined : retiredRuntime(using);
        if (!known || !runtime || using === undefined) continue;
        // No quick fix: a new major version may rename or drop inputs, so moving to it is the user's call.
        const latest = knownAction(ref.name)?.latest;
        const asOf = known.coverage === 'exact' ? '' : ` (as of ${known.metadata.release}, ${known.recordedAt})`;
        findings.push({
          message: `${ref.name}@${ref.ref} runs on ${using}${asOf}, a runtime GitHub has retired: ${runtime.retired}. Update to ${latest ? `${ref.name}@${latest}` : 'a newer major version'} (check its inputs).`,
          severity: runtime.severity,
          range,
        });
      } else if (ref.kind === 'local') {
        const lookup = lookupLocalAction(root, ref.path);
        const using = lookup.status === 'found' ? lookup.iface.using : undefined;
        const runtime = using === undefined ? undefined : retiredRuntime(using);
        if (!runtime || using === undefined) continue;
        findings.push({
          message: `'${ref.path}' declares 'runs.using: ${using}', a runtime GitHub has retired: ${runtime.retired}. Change it to node24 in its action.yml.`,
          severity: runtime.severity,
          range,
        });
      }
    }
    return findings;
  },
};
