// Unknown top-level keys in a workflow. GitHub rejects the whole workflow file when one appears, and the most common cause
// is a typo (`concurency`, `job`), so the finding carries a "did you mean" and a certain fix when one name is close.
import type { Fix, RuleFinding } from '../../findings';
import { closestMatch } from '../../text/didYouMean';
import { asMap, entries, nodeRange } from '../../yaml/nodes';
import { cleanDocuments } from '../../yaml/parsedYaml';
import type { Rule } from '../rule';

/** From GitHub's workflow syntax reference. */
export const WORKFLOW_TOP_LEVEL_KEYS = ['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs'] as const;

export const unknownTopLevelKey: Rule = {
  id: 'workflow-unknown-key',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Unknown key in a workflow',
    description:
      'GitHub refuses to run a workflow with a key it does not know, and reports it only after you push. Allowed at the top ' +
      `level: ${WORKFLOW_TOP_LEVEL_KEYS.map((k) => `\`${k}\``).join(', ')}. A near miss comes with a quick fix.`,
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const doc of cleanDocuments(ctx.yaml)) {
      const root = asMap(doc.contents);
      if (!root) continue;
      const present = new Set(entries(root).map((e) => e.key));
      // Suggesting a key that is already there would produce a duplicate key.
      const candidates = WORKFLOW_TOP_LEVEL_KEYS.filter((k) => !present.has(k));
      for (const entry of entries(root)) {
        if (entry.key === undefined || (WORKFLOW_TOP_LEVEL_KEYS as readonly string[]).includes(entry.key)) continue;
        const range = nodeRange(ctx.yaml.lines, entry.keyNode);
        const suggestion = closestMatch(entry.key, candidates);
        const fixes: Fix[] = suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] : [];
        findings.push({
          message: suggestion
            ? `Unknown workflow key '${entry.key}'. Did you mean '${suggestion}'?`
            : `Unknown workflow key '${entry.key}'. Allowed: ${WORKFLOW_TOP_LEVEL_KEYS.join(', ')}.`,
          range,
          fixes,
        });
      }
    }
    return findings;
  },
};
