// Triggers: a schedule that has cron entries, and cron schedules that parse and run as often as written.
import type { RuleFinding } from '../../findings';
import { cronProblems, shortestIntervalMinutes } from '../../github/cron';
import { workflowModel } from '../../github/workflowModel';
import { asMap, getEntry, isScalar, isSeq, nodeRange, scalarText, type Node, type YAMLMap } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { isIanaTimeZone } from '../../github/timeZone';

/** GitHub's floor for scheduled runs (workflow syntax docs, `on.schedule`). */
const GITHUB_SHORTEST_SCHEDULE_MINUTES = 5;

/**
 * The node that asks for a schedule without giving one: `on: schedule`, `on: [schedule]` or `schedule: []`. GitHub accepts
 * each of them and schedules nothing. (`schedule:` with no value is refused by GitHub; the schema check reports it.)
 */
function scheduleWithoutCron(root: YAMLMap): Node | undefined {
  const on = getEntry(root, 'on')?.value;
  if (isScalar(on)) return scalarText(on) === 'schedule' ? on : undefined;
  if (isSeq(on)) return on.items.find((item) => scalarText(item as Node) === 'schedule') as Node | undefined;
  const onMap = asMap(on);
  const schedule = onMap ? getEntry(onMap, 'schedule')?.value : undefined;
  return isSeq(schedule) && schedule.items.length === 0 ? schedule : undefined;
}

export const cronSchedule: Rule = {
  id: 'cron-schedule',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Schedule without cron, or invalid cron schedule',
    description:
      'A `schedule` trigger needs at least one `cron` entry: `on: schedule`, `on: [schedule]` and `schedule: []` are ' +
      'accepted but schedule nothing, so the workflow never runs on a schedule. ' +
      '`on.schedule[].cron` takes five POSIX cron fields in UTC: minute (0-59), hour (0-23), day of month (1-31), ' +
      'month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT). GitHub runs schedules at most every 5 minutes, and may delay them ' +
      'at busy times (the top of the hour is the busiest). A schedule asking for runs more often than every 5 minutes is a ' +
      "warning, not an error: GitHub accepts the file and runs it, only less often than written (as GitHub's own language " +
      'service reports it). A `timezone` must be an IANA time zone name (e.g. `Europe/Berlin`); GitHub cannot schedule ' +
      'a run in a zone it does not know. Zone names are checked against the IANA database of the Node.js running Preflight ' +
      '(`process.versions.tz`); a zone created after that release would be reported too.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    const findings: RuleFinding[] = [];
    const noCron = model ? scheduleWithoutCron(model.root) : undefined;
    if (noCron) {
      findings.push({
        message:
          "'schedule' has no cron entries, so the workflow never runs on a schedule: list when to run (e.g. schedule: [{cron: '30 5 * * 1'}]), or remove the trigger.",
        range: nodeRange(ctx.parsed.lines, noCron),
      });
    }
    const schedule = model?.events.get('schedule');
    if (!isSeq(schedule)) return findings;
    for (const item of schedule.items) {
      const entry = asMap(item as Node);
      const zoneNode = entry ? getEntry(entry, 'timezone')?.value : undefined;
      const zone = scalarText(zoneNode);
      if (zoneNode && zone !== undefined && zone !== '' && !zone.includes('${{') && !isIanaTimeZone(zone)) {
        findings.push({
          message: `'${zone}' is not an IANA time zone name, so GitHub cannot schedule this entry as written: use a name such as 'Europe/Berlin', 'America/New_York' or 'UTC'.`,
          range: nodeRange(ctx.parsed.lines, zoneNode),
        });
      }
      const cronNode = entry ? getEntry(entry, 'cron')?.value : undefined;
      const cron = scalarText(cronNode);
      // An empty cron is refused by GitHub's reader and reported by the schema check.
      if (cron === undefined || cron === '' || !cronNode) continue;
      const range = nodeRange(ctx.parsed.lines, cronNode);
      const problems = cronProblems(cron);
      if (problems.length > 0) findings.push({ message: `Invalid cron '${cron}': ${problems.join('; ')}.`, range });
      else {
        const interval = shortestIntervalMinutes(cron);
        if (interval !== undefined && interval < GITHUB_SHORTEST_SCHEDULE_MINUTES) {
          const every = interval === 1 ? 'every minute' : `every ${interval} minutes`;
          findings.push({
            message: `'${cron}' asks for runs ${every}, but GitHub runs schedules at most every 5 minutes, so it runs less often than written: use an interval of 5 minutes or more (e.g. '*/5' in the minute field).`,
            range,
            severity: 'warning',
          });
        }
      }
    }
    return findings;
  },
};
