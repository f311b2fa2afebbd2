// What was known about one group of runs (a workflow, a workflow on a branch, a commit, an actor…) at a moment: the runs
// that had FINISHED by then, in creation order, and how many had started. Features read only this, which is what keeps
// them free of leakage: a run's outcome enters a history only once its completion time has passed.
//
// Memory stays bounded on long histories (an organisation's million runs): when the caller says what time it is,
// entries no feature can read again are dropped from the front. Every feature looks back at most RECENT_LABELLED
// labelled runs, or 24 hours, or (streak, last success) arbitrarily far; the last two are kept exactly as summaries of
// the dropped part, so every value stays what it would be with nothing dropped.

export const enum Outcome {
  Success = 0,
  Failure = 1,
  /** cancelled, skipped, timed_out…: history, but neither label. */
  Other = 2,
}

export function outcomeOf(conclusion: string): Outcome {
  return conclusion === 'success' ? Outcome.Success : conclusion === 'failure' ? Outcome.Failure : Outcome.Other;
}

interface Entry {
  readonly createdAt: number;
  readonly outcome: Outcome;
  readonly sha: string;
}

/** Labelled entries always kept: the longest look-back of any feature (recentFailureRate(50), repo_failure_rate_50). */
const RECENT_LABELLED = 50;
/** Time windows features read (failureRateSince: the last 24 hours). */
const WINDOW_MS = 24 * 3_600_000;
/** Dropping is batched: only once this many more labelled entries are kept, so a history is not trimmed on every run
 * (small, as tens of thousands of histories each keep up to RECENT_LABELLED + TRIM_BATCH entries). */
const TRIM_BATCH = 16;

/** Counts only: what groups with one run per commit need (a commit, a workflow on a commit). There are about as many of
 * these as runs, so they keep no entries at all. */
export class RunCounts {
  protected started = 0;
  protected finishedCount = 0;
  protected labelled = 0;
  protected failures = 0;

  noteStarted(): void {
    this.started++;
  }

  noteFinished(_createdAt: number, outcome: Outcome, _sha: string, _now?: number): void {
    this.count(outcome);
  }

  /** Runs started but not finished: their outcomes are unknown. */
  get running(): number {
    return this.started - this.finishedCount;
  }

  get labelledCount(): number {
    return this.labelled;
  }

  get failureCount(): number {
    return this.failures;
  }

  protected count(outcome: Outcome): void {
    this.finishedCount++;
    if (outcome !== Outcome.Other) this.labelled++;
    if (outcome === Outcome.Failure) this.failures++;
  }
}

export class RunHistory extends RunCounts {
  /** Finished runs sorted by creation time (a run that finishes late is inserted at its creation place), from `head`. */
  private finished: Entry[] = [];
  private head = 0;
  private labelledKept = 0;
  /** Of the dropped entries: the newest success, and the creation times of the failures after it (the streak; made
   * when first needed, as most histories never drop anything). */
  private droppedLastSuccess: number | undefined;
  private droppedStreak: number[] | undefined;
  private dropped = false;

  /** A run's outcome became known. `now` (the creation time of the next runs to featurise, never decreasing) allows
   * dropping entries no later feature reads; without it nothing is dropped. */
  override noteFinished(createdAt: number, outcome: Outcome, sha: string, now?: number): void {
    this.count(outcome);
    const entries = this.finished;
    let i = entries.length;
    while (i > this.head && (entries[i - 1]?.createdAt ?? 0) > createdAt) i--;
    if (i === this.head && this.dropped && createdAt < (entries[this.head]?.createdAt ?? Number.POSITIVE_INFINITY)) {
      // Older than everything kept: its place is among the dropped runs, where only the summaries can see it.
      this.foldDropped(createdAt, outcome);
      return;
    }
    entries.splice(i, 0, { createdAt, outcome, sha });
    if (outcome !== Outcome.Other) this.labelledKept++;
    if (now !== undefined) this.trim(now);
  }

  /** The k-th most recent finished run with a success/failure outcome (k = 1 is the latest; k <= RECENT_LABELLED). */
  nthLabelled(k: number): Entry | undefined {
    let seen = 0;
    for (let i = this.finished.length - 1; i >= this.head; i--) {
      const e = this.finished[i];
      if (e && e.outcome !== Outcome.Other && ++seen === k) return e;
    }
    return undefined;
  }

  /** The latest finished run whatever its conclusion. */
  latest(): Entry | undefined {
    return this.finished.length > this.head ? this.finished[this.finished.length - 1] : undefined;
  }

  /** Consecutive failures among the latest labelled runs. */
  failureStreak(): number {
    let streak = 0;
    for (let i = this.finished.length - 1; i >= this.head; i--) {
      const e = this.finished[i];
      if (!e || e.outcome === Outcome.Other) continue;
      if (e.outcome !== Outcome.Failure) return streak;
      streak++;
    }
    return streak + (this.droppedStreak?.length ?? 0);
  }

  /** Failure rate of the last `k` labelled runs (k <= RECENT_LABELLED), shrunk towards `prior` by two pseudo-runs so a
   * single run is not 0 % or 100 %. */
  recentFailureRate(k: number, prior: number): number {
    let n = 0;
    let f = 0;
    for (let i = this.finished.length - 1; i >= this.head && n < k; i--) {
      const e = this.finished[i];
      if (!e || e.outcome === Outcome.Other) continue;
      n++;
      if (e.outcome === Outcome.Failure) f++;
    }
    return (f + 2 * prior) / (n + 2);
  }

  overallFailureRate(prior: number): number {
    return (this.failures + 2 * prior) / (this.labelled + 2);
  }

  /** Failure rate of the labelled runs created at or after `since` (a time window, so "this week's main is broken" shows
   * however many runs there were), shrunk towards `prior` like `recentFailureRate`. */
  failureRateSince(since: number, prior: number): number {
    let n = 0;
    let f = 0;
    for (let i = this.finished.length - 1; i >= this.head; i--) {
      const e = this.finished[i];
      if (!e || e.createdAt < since) break;
      if (e.outcome === Outcome.Other) continue;
      n++;
      if (e.outcome === Outcome.Failure) f++;
    }
    return (f + 2 * prior) / (n + 2);
  }

  lastSuccessAt(): number | undefined {
    for (let i = this.finished.length - 1; i >= this.head; i--) {
      const e = this.finished[i];
      if (e?.outcome === Outcome.Success) return e.createdAt;
    }
    return this.droppedLastSuccess;
  }

  /** Drops front entries that are older than every future window and beyond the kept labelled runs. */
  private trim(now: number): void {
    const entries = this.finished;
    if (this.labelledKept < RECENT_LABELLED + TRIM_BATCH) return;
    const oldest = now - WINDOW_MS;
    while (this.labelledKept > RECENT_LABELLED && this.head < entries.length) {
      const e = entries[this.head];
      if (!e || e.createdAt >= oldest) break;
      this.foldDropped(e.createdAt, e.outcome);
      if (e.outcome !== Outcome.Other) this.labelledKept--;
      this.head++;
    }
    // Compact once the dropped slots outnumber the kept ones, so the array does not grow with the history.
    if (this.head > 0 && this.head * 2 >= entries.length) {
      this.finished = entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Adds an outcome to the dropped part's summaries, whatever its place there. */
  private foldDropped(createdAt: number, outcome: Outcome): void {
    this.dropped = true;
    if (outcome === Outcome.Success) {
      if (this.droppedLastSuccess === undefined || createdAt > this.droppedLastSuccess)
        this.droppedLastSuccess = createdAt;
      // Failures created before this success no longer belong to the trailing streak.
      this.droppedStreak = this.droppedStreak?.filter((t) => t > createdAt);
    } else if (outcome === Outcome.Failure) {
      if (this.droppedLastSuccess !== undefined && createdAt < this.droppedLastSuccess) return;
      (this.droppedStreak ??= []).push(createdAt);
    }
  }
}
