// How long the run watcher waits before its next poll. Fast while a run is queued or in progress (updates show within a few
// seconds), fast for a while after the user acts (a re-run takes seconds to appear as queued), slow when the branch is idle
// (conditional requests make those polls free of rate limit, but they still cost a round trip), backing off on errors, and
// never before GitHub's rate-limit reset or retry-after.

export interface PollingIntervals {
  /** While any run is active, and right after an action. */
  readonly activeMs: number;
  /** Nothing running. */
  readonly idleMs: number;
  /** How long polling stays fast after an action, even when no run is active yet. */
  readonly afterActionWindowMs: number;
  /** Ceiling of the error backoff. */
  readonly maxBackoffMs: number;
}

export const DEFAULT_INTERVALS: PollingIntervals = {
  activeMs: 3_000,
  idleMs: 60_000,
  afterActionWindowMs: 60_000,
  maxBackoffMs: 300_000,
};

export interface PollingSituation {
  readonly now: number;
  readonly anyActive: boolean;
  /** Epoch ms until which polling stays fast after an action (0 when none). */
  readonly fastUntil: number;
  /** Failed polls in a row (0 after a success). */
  readonly consecutiveErrors: number;
  /** Epoch ms GitHub told us to wait for (rate limit), if any. */
  readonly blockedUntil: number | undefined;
}

export function nextPollDelay(s: PollingSituation, intervals: PollingIntervals = DEFAULT_INTERVALS): number {
  // One second past the reset, as GitHub's documentation advises, so the first request after it is not refused.
  if (s.blockedUntil !== undefined && s.blockedUntil > s.now) return s.blockedUntil - s.now + 1_000;
  if (s.consecutiveErrors > 0) return Math.min(intervals.maxBackoffMs, intervals.activeMs * 2 ** s.consecutiveErrors);
  if (s.anyActive || s.fastUntil > s.now) return intervals.activeMs;
  return intervals.idleMs;
}
