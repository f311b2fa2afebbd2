// `--walk-forward 7d` (or `12h`): the retraining interval of a walk-forward evaluation, in milliseconds.
import { stringFlag, type ParsedArgs } from '../args';
import { UsageError } from '../usageError';

const UNIT_MS = { d: 86_400_000, h: 3_600_000 } as const;

export function walkForwardStepMs(args: ParsedArgs): number | undefined {
  const text = stringFlag(args, 'walk-forward');
  if (text === undefined) return undefined;
  const match = /^(\d+)([dh])$/.exec(text);
  const count = Number(match?.[1] ?? 0);
  if (!match || count === 0)
    throw new UsageError(`--walk-forward takes a retraining interval such as 7d (days) or 12h (hours), not '${text}'`);
  return count * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
