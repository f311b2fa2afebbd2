// `rules:` in `.preflight.yml` names rules by id. An id no rule has (a typo, a rule's title, a rule of a newer
// Preflight) changes nothing, silently: the severity meant never applies. The known ids are given by the list of all
// rules (rules/index.ts), which holds this rule too.
import { closestMatch } from '../../text/didYouMean';
import { asMap, entries, getEntry, nodeRange } from '../../yaml/nodes';
import { readableDocuments } from '../../yaml/parsedYaml';
import type { Rule } from '../rule';

export function configUnknownRule(ruleIds: () => readonly string[]): Rule {
  return {
    id: 'config-unknown-rule',
    kinds: ['preflight-config'],
    defaultSeverity: 'warning',
    docs: {
      title: 'Unknown rule id in .preflight.yml',
      description:
        'A key under `rules:` that is not the id of any rule: Preflight skips it, so the severity you meant never ' +
        'applies. Rule ids are never renamed and appear in each diagnostic (and in docs/rules.md); a near miss comes ' +
        'with a quick fix. A rule of a newer Preflight than this one is reported too.',
    },
    check(ctx) {
      const root = asMap(readableDocuments(ctx.parsed)[0]?.contents);
      const rules = root ? asMap(getEntry(root, 'rules')?.value) : undefined;
      if (!rules) return [];
      const known = ruleIds();
      const present = entries(rules);
      // An id already set here is no suggestion: the fix would repeat a key.
      const candidates = known.filter((id) => !present.some((e) => e.key === id));
      return present.flatMap((e) => {
        if (e.key === undefined || known.includes(e.key)) return [];
        const range = nodeRange(ctx.parsed.lines, e.keyNode);
        const suggestion = closestMatch(e.key, candidates);
        return [
          {
            message: `No rule has the id '${e.key}', so this severity never applies. ${suggestion ? `Did you mean '${suggestion}'?` : "Each diagnostic names its rule's id."}`,
            range,
            ...(suggestion
              ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] }
              : {}),
          },
        ];
      });
    },
  };
}
