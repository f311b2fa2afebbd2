// Branch, tag, path and version filters of events: patterns GitHub can read and that can match, and filter pairs GitHub
// refuses to combine.
import type { Range, RuleFinding } from '../../findings';
import { filterPatternProblems, type FilterTarget, type PatternProblem } from '../../github/filterPattern';
import { eventKeys } from '../../github/workflowEvents';
import { workflowModel } from '../../github/workflowModel';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { asMap, entries, isScalar, isSeq, nodeRange, scalarText, type MapEntry, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

/** Filter keys whose values are patterns, with what each pattern is matched against. */
const PATTERN_FILTERS: ReadonlyMap<string, FilterTarget> = new Map([
  ['branches', 'ref'],
  ['branches-ignore', 'ref'],
  ['tags', 'ref'],
  ['tags-ignore', 'ref'],
  ['paths', 'path'],
  ['paths-ignore', 'path'],
]);

/** Events whose `versions` filter takes patterns (custom runner images). */
const VERSION_PATTERN_EVENTS = new Set(['image_version']);

/** Each filter and its `-ignore` form: GitHub accepts one of the two per event ("you may only define one of ..."). */
const EXCLUSIVE_FILTERS = new Map([
  ['branches', "'!release/**'"],
  ['tags', "'!v*-rc*'"],
  ['paths', "'!docs/**'"],
]);

interface EventFilter {
  readonly event: string;
  readonly entry: MapEntry & { readonly key: string };
}

function eventFilters(yaml: Parameters<typeof workflowModel>[0]): EventFilter[] {
  const model = workflowModel(yaml);
  if (!model) return [];
  const out: EventFilter[] = [];
  for (const [event, config] of model.events) {
    const map = asMap(config);
    if (!map) continue;
    for (const entry of entries(map))
      if (entry.key !== undefined) out.push({ event, entry: { ...entry, key: entry.key } });
  }
  return out;
}

function targetOf(filter: EventFilter): FilterTarget | undefined {
  if (filter.entry.key === 'versions' && VERSION_PATTERN_EVENTS.has(filter.event)) return 'name';
  return PATTERN_FILTERS.get(filter.entry.key);
}

/**
 * The range of `problem` inside the scalar that spells the pattern, when the source spells the value character for
 * character (plain, or quoted without escapes); otherwise the whole scalar.
 */
function problemRange(text: string, lines: LineIndex, node: Node, pattern: string, problem: PatternProblem): Range {
  const [start, end] = node.range ?? [0, 0];
  const source = text.slice(start, end);
  const quoted =
    source.length >= 2 && (source[0] === "'" || source[0] === '"') && source[source.length - 1] === source[0];
  const valueStart = source === pattern ? start : quoted && source.slice(1, -1) === pattern ? start + 1 : undefined;
  if (valueStart === undefined || problem.end <= problem.start) return nodeRange(lines, node);
  return lines.range(valueStart + problem.start, valueStart + problem.end);
}

export const filterPatterns: Rule = {
  id: 'filter-pattern',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Branch, tag or path filter that cannot match as intended',
    description:
      "Filters use GitHub's glob syntax (the filter pattern cheat sheet): `*` (not `/`), `**`, `?` (zero or one of the " +
      'preceding character), `+` (one or more of it), `[0-9a-z]`, a leading `!` to exclude, `\\` to escape a special character. ' +
      'GitHub rejects the workflow when a pattern does not compile (an unclosed `[`, a backwards range `[9-0]`, a `+` or `?` ' +
      'after `*`, a lone `!`). Branch and tag patterns are matched against ref names, which cannot start with `/`, end with `/` ' +
      'or `.`, or contain spaces, `~ ^ :` or `\\` (`man git-check-ref-format`), and filters are not regular expressions (`^`, ' +
      '`\\d`). Path patterns are matched relative to the repository root, so `./src/**` never matches. A list of only `!` patterns ' +
      'under `branches`/`tags`/`paths` matches nothing. Any of these means the workflow does not run when you meant it to. ' +
      'A one-character class like `[x]` works but is simpler written `x` (info).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const filter of eventFilters(ctx.parsed)) {
      const target = targetOf(filter);
      const { entry } = filter;
      if (target === undefined) continue;
      const items = isSeq(entry.value) ? entry.value.items.map((i) => i as Node) : entry.value ? [entry.value] : [];
      const patterns = items.flatMap((node) => {
        const text = isScalar(node) ? scalarText(node) : undefined;
        return text === undefined ? [] : [{ node, text }];
      });
      for (const p of patterns) {
        // GitHub's reader refuses an empty string in a filter, and the schema check reports it: one finding.
        if (p.text === '') continue;
        for (const problem of filterPatternProblems(p.text, target)) {
          findings.push({
            message: `Filter '${p.text}' under '${entry.key}': ${problem.message}.`,
            range: problemRange(ctx.parsed.text, ctx.parsed.lines, p.node, p.text, problem),
            ...(problem.level === 'style' ? { severity: 'info' as const } : {}),
          });
        }
      }
      if (
        PATTERN_FILTERS.has(entry.key) &&
        !entry.key.endsWith('-ignore') &&
        patterns.length > 0 &&
        patterns.every((p) => p.text.startsWith('!'))
      ) {
        findings.push({
          message: `'${entry.key}' has only negative ('!') patterns, so it matches nothing: add a positive pattern first (e.g. '**') or use '${entry.key}-ignore'.`,
          range: nodeRange(ctx.parsed.lines, entry.keyNode),
        });
      }
    }
    return findings;
  },
};

export const filterConflict: Rule = {
  id: 'filter-conflict',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'A filter and its -ignore form on the same event',
    description:
      'GitHub rejects a workflow that gives one event both `branches` and `branches-ignore`, both `tags` and ' +
      '`tags-ignore`, or both `paths` and `paths-ignore` ("you may only define one of `paths` and `paths-ignore` for a single ' +
      'event"), and the workflow does not run at all. To include some names and exclude others, keep the positive filter and ' +
      "write the exclusions in it with a leading `!`, after the patterns they narrow (e.g. `paths: ['src/**', '!src/docs/**']`).",
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    const byEvent = new Map<string, Map<string, EventFilter>>();
    for (const filter of eventFilters(ctx.parsed)) {
      const keys = byEvent.get(filter.event) ?? new Map<string, EventFilter>();
      keys.set(filter.entry.key, filter);
      byEvent.set(filter.event, keys);
    }
    for (const [event, keys] of byEvent) {
      for (const [name, example] of EXCLUSIVE_FILTERS) {
        const positive = keys.get(name);
        const ignore = keys.get(`${name}-ignore`);
        if (!positive || !ignore) continue;
        // A pair the event does not take at all (`paths` under `pull_request_review`) is the unknown-key check's.
        const known = eventKeys(event);
        if (!known.has(name) || !known.has(`${name}-ignore`)) continue;
        // Report on whichever of the two comes second: that is the line that made the pair.
        const second =
          (ignore.entry.keyNode?.range?.[0] ?? 0) > (positive.entry.keyNode?.range?.[0] ?? 0) ? ignore : positive;
        findings.push({
          message:
            `'${event}' has both '${name}' and '${name}-ignore'; GitHub rejects the workflow. Keep '${name}' and add the ` +
            `ignored patterns to it with a leading '!' (e.g. ${example}), or keep only '${name}-ignore'.`,
          range: nodeRange(ctx.parsed.lines, second.entry.keyNode),
        });
      }
    }
    return findings;
  },
};
