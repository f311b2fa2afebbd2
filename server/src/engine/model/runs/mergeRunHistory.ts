// A long run history kept current cheaply: read once in full, then refreshed from its newest pages only. GitHub lists runs
// newest first in pages of 100, so one new run shifts every page; re-reading only the newest pages and merging by run id
// costs two requests a refresh instead of ten.
import type { RunRecord } from './runRecord';

/**
 * `known` (oldest first) with `fresh` (a newer read of the newest runs, oldest first) laid over it: a run in both is
 * taken from `fresh` (it may have finished since), runs only in `known` are kept, and only the newest `max` are kept.
 */
export function mergeRunHistory(known: readonly RunRecord[], fresh: readonly RunRecord[], max: number): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  for (const run of known) byId.set(run.id, run);
  for (const run of fresh) byId.set(run.id, run);
  const merged = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  return merged.slice(Math.max(0, merged.length - max));
}
