// Triggers: cron schedules that parse, and branch/tag/path filters that can match something.
import type { RuleFinding } from '../../findings';
import { cronProblems, runsMoreOftenThanEvery5Minutes } from '../../github/cron';
import { workflowModel } from '../../github/workflowModel';
import { asMap, entries, getEntry, isSeq, nodeRange, scalarText, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const cronSchedule: Rule = {
  id: 'cron-schedule',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Invalid cron schedule',
    description: '`on.schedule[].cron` takes five POSIX cron fields in UTC: minute (0-59), hour (0-23), day of month (1-31), ' +
      'month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT). GitHub runs schedules at most every 5 minutes, and may delay them ' +
      'at busy times (the top of the hour is the busiest).',
  },
  check(ctx) {
    const schedule = workflowModel(ctx.yaml)?.events.get('schedule');
    if (!isSeq(schedule)) return [];
    const findings: RuleFinding[] = [];
    for (const item of schedule.items) {
      const entry = asMap(item as Node);
      const cronNode = entry ? getEntry(entry, 'cron')?.value : undefined;
      const cron = scalarText(cronNode);
      if (cron === undefined || !cronNode) continue;
      const range = nodeRange(ctx.yaml.lines, cronNode);
      const problems = cronProblems(cron);
      if (problems.length > 0) findings.push({ message: `Invalid cron '${cron}': ${problems.join('; ')}.`, range });
      else if (runsMoreOftenThanEvery5Minutes(cron)) findings.push({ message: `'${cron}' asks for runs more often than every 5 minutes; GitHub runs schedules at most every 5 minutes.`, range, severity: 'warning' });
    }
    return findings;
  },
};

const FILTER_KEYS = ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'];

/** Problems with one filter pattern (GitHub's filter pattern cheat sheet). */
function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'an empty pattern matches nothing';
  if (pattern !== pattern.trim()) return 'leading or trailing spaces are part of the pattern';
  let depth = 0;
  for (const c of pattern) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
  }
  if (depth > 0) return "an unclosed '[' character class";
  return undefined;
}

export const filterPatterns: Rule = {
  id: 'filter-pattern',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Branch, tag or path filter that cannot match as intended',
    description: 'Filters use GitHub\'s glob syntax (`*`, `**`, `?`, `+`, `[]`, leading `!` to exclude). An unclosed `[`, an empty ' +
      'pattern, or a list of only `!` patterns under `branches`/`tags`/`paths` (which then match nothing) means the workflow ' +
      'never runs for the events you meant.',
  },
  check(ctx) {
    const model = workflowModel(ctx.yaml);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const [, config] of model.events) {
      const map = asMap(config);
      if (!map) continue;
      for (const e of entries(map)) {
        if (e.key === undefined || !FILTER_KEYS.includes(e.key)) continue;
        const items = isSeq(e.value) ? e.value.items.map((i) => i as Node) : e.value ? [e.value] : [];
        const patterns = items.map((node) => ({ node, text: scalarText(node) })).filter((p): p is { node: Node; text: string } => p.text !== undefined);
        for (const p of patterns) {
          const problem = globProblem(p.text);
          if (problem) findings.push({ message: `Filter '${p.text}': ${problem}.`, range: nodeRange(ctx.yaml.lines, p.node) });
        }
        if (!e.key.endsWith('-ignore') && patterns.length > 0 && patterns.every((p) => p.text.startsWith('!'))) {
          findings.push({
            message: `'${e.key}' has only negative ('!') patterns, so it matches nothing: add a positive pattern first (e.g. '**') or use '${e.key}-ignore'.`,
            range: nodeRange(ctx.yaml.lines, e.keyNode),
          });
        }
      }
    }
    return findings;
  },
};
