// Event filters written as empty lists (`branches: []`, `types: []`). GitHub's reader accepts them, and its documentation
// does not say what an empty filter does: it may match nothing, so the workflow never runs for that event, or be read as
// no filter at all. Either way the list says nothing, so this is a warning that asks for values or no key.
import type { RuleFinding } from '../../findings';
import { eventKeys } from '../../github/workflowEvents';
import { workflowModel } from '../../github/workflowModel';
import { asMap, entries, isSeq, nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';

/**
 * Filters that narrow which events run the workflow: refs, paths, activity types, image names and versions. The
 * `-ignore` forms are left out: an empty list of exclusions excludes nothing.
 */
const NARROWING_FILTERS = new Set(['branches', 'tags', 'paths', 'types', 'names', 'versions']);

export const eventFilterEmpty: Rule = {
  id: 'event-filter-empty',
  kinds: ['github-workflow'],
  defaultSeverity: 'warning',
  docs: {
    title: 'Event filter that is an empty list',
    description:
      'An event filter written as an empty list (`branches: []`, `paths: []`, `types: []`, `names: []`, ' +
      '`versions: []`) is accepted by GitHub, but its documentation does not say what an empty filter does: ' +
      'it may match nothing, so the workflow never runs for the event, or be read as no filter. List the values to match, ' +
      'or remove the key to run on every one.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const [event, config] of model.events) {
      const map = asMap(config);
      // A key the event does not take (`types` under `push`) is the unknown-key check's to report.
      const known = eventKeys(event);
      for (const entry of map ? entries(map) : []) {
        if (entry.key === undefined || !NARROWING_FILTERS.has(entry.key) || !known.has(entry.key)) continue;
        if (!isSeq(entry.value) || entry.value.items.length > 0) continue;
        findings.push({
          message:
            `'${entry.key}' of '${event}' is an empty list, so it is unclear whether the workflow runs for any '${event}' event: ` +
            `list the ${entry.key} to match, or remove '${entry.key}' to run on all.`,
          range: nodeRange(ctx.parsed.lines, entry.value),
        });
      }
    }
    return findings;
  },
};
