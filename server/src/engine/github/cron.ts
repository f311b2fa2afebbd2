// POSIX cron as GitHub's scheduler reads it: five fields, numbers, ranges, lists, steps, month and weekday names.

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function value(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase());
  if (named !== undefined && named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function checkPart(part: string, field: Field): string | undefined {
  const [base = '', step, extra] = part.split('/');
  if (extra !== undefined) return `'${part}' has more than one '/'`;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0))
    return `step '/${step}' in the ${field.name} field must be a positive number`;
  if (base === '*') return undefined;
  const [from = '', to] = base.split('-');
  const lo = value(from, field);
  // Day of week 7 means Sunday in many crons; GitHub accepts it.
  const max = field.name === 'day of week' ? 7 : field.max;
  if (lo === undefined) return `'${from}' is not a valid ${field.name}`;
  if (lo < field.min || lo > max) return `${field.name} ${lo} is out of range ${field.min}-${field.max}`;
  if (to !== undefined) {
    const hi = value(to, field);
    if (hi === undefined) return `'${to}' is not a valid ${field.name}`;
    if (hi < field.min || hi > max) return `${field.name} ${hi} is out of range ${field.min}-${field.max}`;
    if (hi < lo) return `range ${base} in the ${field.name} field runs backwards`;
  }
  return undefined;
}

/** Problems with a cron expression, phrased for a person; empty when it is valid. */
export function cronProblems(expression: string): string[] {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return [
      `a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has ${fields.length}`,
    ];
  const problems: string[] = [];
  fields.forEach((text, i) => {
    const field = FIELDS[i];
    if (!field) return;
    for (const part of text.split(',')) {
      const problem = checkPart(part, field);
      if (problem) problems.push(problem);
    }
  });
  return problems;
}

/** The values one valid field allows (a step of 15 in the minute field: 0, 15, 30, 45); undefined when the field does not parse. */
function fieldValues(text: string, field: Field): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    if (checkPart(part, field)) return undefined;
    const [base = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = field.min;
    let hi = field.max;
    if (base !== '*') {
      const [from = '', to] = base.split('-');
      lo = value(from, field) ?? field.min;
      // `5/15` means from 5 to the end of the field, stepping 15, as in cron implementations that accept it.
      hi = to !== undefined ? (value(to, field) ?? lo) : stepText === undefined ? lo : field.max;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

/**
 * The shortest time in minutes between two runs a valid schedule asks for, judged from the minute and hour fields (days
 * only ever lengthen it), capped at 60; undefined when the expression does not parse. GitHub runs schedules at most
 * every 5 minutes.
 */
export function shortestIntervalMinutes(expression: string): number | undefined {
  const [minuteText = '', hourText = ''] = expression.trim().split(/\s+/);
  const minutes = FIELDS[0] && fieldValues(minuteText, FIELDS[0]);
  const hours = FIELDS[1] && fieldValues(hourText, FIELDS[1]);
  if (!minutes || !hours || minutes.size === 0) return undefined;
  const sorted = [...minutes].sort((a, b) => a - b);
  let shortest = Infinity;
  for (let i = 1; i < sorted.length; i++) shortest = Math.min(shortest, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  // The last run of one hour and the first of the next are close only when the schedule runs in consecutive hours.
  const consecutiveHours = [...hours].some((h) => hours.has((h + 1) % 24));
  if (consecutiveHours) shortest = Math.min(shortest, 60 - (sorted[sorted.length - 1] ?? 0) + (sorted[0] ?? 0));
  return Math.min(shortest, 60);
}
