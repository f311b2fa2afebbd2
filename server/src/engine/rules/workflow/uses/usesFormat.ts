// `uses-format`: the reference is one GitHub can resolve.
import type { Fix, RuleFinding } from '../../../findings';
import { knownAction } from '../../../github/actionMetadata';
import { parseActionRef } from '../../../github/actionRef';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { isExpression, usesSites } from './usesSites';
import { isWorkflowFilePath } from '../../../../../../protocol/workflowPaths';

export const usesFormat: Rule = {
  id: 'uses-format',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Malformed `uses:` reference',
    description:
      "A step's `uses` must be `owner/repo@ref`, `owner/repo/path@ref`, `./path` or `docker://image[:tag]` (with a " +
      "non-empty tag); a job's `uses` must name a reusable workflow file (`owner/repo/.github/workflows/x.yml@ref` or " +
      '`./.github/workflows/x.yml`). Without `@ref` GitHub cannot resolve the action. The quick fix adds the current major ' +
      'version of known actions.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      const text = site.uses.name;
      if (isExpression(text)) continue;
      const range = nodeRange(ctx.parsed.lines, site.uses.node);
      const ref = parseActionRef(text);
      if (ref.kind === 'invalid') {
        const latest = knownAction(text.trim())?.latest;
        const fixes: Fix[] =
          latest && !text.includes('@')
            ? [{ title: `Use ${text.trim()}@${latest}`, edits: [{ range, newText: `${text.trim()}@${latest}` }] }]
            : [];
        findings.push({ message: `'${text}': ${ref.reason}.`, range, fixes });
        continue;
      }
      if (site.isJob) {
        const file = ref.kind === 'local' ? ref.path : ref.kind === 'remote' ? ref.subPath : '';
        if (ref.kind === 'docker' || !isWorkflowFilePath(file.replace(/^\.?\//, ''))) {
          findings.push({
            message: `A job's 'uses' must name a reusable workflow file under .github/workflows/, e.g. ./.github/workflows/train.yml or owner/repo/.github/workflows/train.yml@v1.`,
            range,
          });
        }
      }
    }
    return findings;
  },
};
