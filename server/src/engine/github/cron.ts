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
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
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
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return `step '/${step}' in the ${field.name} field must be a positive number`;
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
  if (fields.length !== 5) return [`a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has ${fields.length}`];
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

/** Shortest interval in minutes for the minute field, when it can be read (for the every-5-minutes floor). */
export function runsMoreOftenThanEvery5Minutes(expression: string): boolean {
  const [minute = '', hour = ''] = expression.trim().split(/\s+/);
  if (hour !== '*' && !hour.startsWith('*/')) return false;
  if (minute === '*') return true;
  const step = /^\*\/(\d+)$/.exec(minute);
  return step !== null && Number(step[1]) < 5;
}
