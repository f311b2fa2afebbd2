// The disk as the rules of one check see it: each path is stat'ed at most once per check, however many rules ask
// (an MLmodel's rules all look for the checkout above it, then at the files its flavors name). The answers live in the
// check's memo, so the next check stats afresh.
import type { Stats } from 'node:fs';
import { statOrUndefined } from '../files/pathExists';
import { memoKey } from './checkMemo';
import type { RuleContext } from './rule';

const STATS = memoKey<Map<string, Stats | undefined>>('stats of this check, by absolute path');

/** statSync(p), or undefined when nothing is there; asked once per path and check. */
export function statInCheck(ctx: RuleContext, p: string): Stats | undefined {
  const stats = ctx.memo.get(STATS, () => new Map<string, Stats | undefined>());
  if (stats.has(p)) return stats.get(p);
  const st = statOrUndefined(p);
  stats.set(p, st);
  return st;
}

export function isFileInCheck(ctx: RuleContext, p: string): boolean {
  return statInCheck(ctx, p)?.isFile() === true;
}
