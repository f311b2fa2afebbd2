// `action-retired`: a major version GitHub has turned off (the service behind it is gone): the step fails.
import type { RuleFinding } from '../../../findings';
import { knownAction, retiredReason } from '../../../github/actionMetadata';
import { majorOf, parseActionRef } from '../../../github/actionRef';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { usesSites } from './usesSites';

export const actionRetired: Rule = {
  id: 'action-retired',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Action version that GitHub has turned off',
    description:
      'Some major versions stop working when GitHub retires the service behind them (artifact actions v1-v3 since ' +
      '2025-01-30, cache v1-v2 since 2025-02-01). The job fails at that step; the quick fix moves to the current major.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'remote') continue;
      const reason = retiredReason(ref.name, majorOf(ref.ref));
      if (!reason) continue;
      const latest = knownAction(ref.name)?.latest;
      const range = nodeRange(ctx.parsed.lines, site.uses.node);
      const newText = `${site.uses.name.trim().replace(/@.*$/, '')}@${latest ?? ''}`;
      findings.push({
        message: reason,
        range,
        ...(latest ? { fixes: [{ title: `Use ${newText}`, edits: [{ range, newText }] }] } : {}),
      });
    }
    return findings;
  },
};
