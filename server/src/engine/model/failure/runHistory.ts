// What was known about one group of runs (a workflow, a workflow on a branch, a commit, an actor…) at a moment: the runs
// that had FINISHED by then, in creation order, and how many had started. Features read only this, which is what keeps
// them free of leakage: a run's outcome enters a history only once its completion time has passed.

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

export class RunHistory {
  /** Finished runs sorted by creation time (a run that finishes late is inserted at its creation place). */
  private readonly finished: Entry[] = [];
  private started = 0;
  private labelled = 0;
  private failures = 0;

  noteStarted(): void {
    this.started++;
  }

  noteFinished(createdAt: number, outcome: Outcome, sha: string): void {
    let i = this.finished.length;
    while (i > 0 && (this.finished[i - 1]?.createdAt ?? 0) > createdAt) i--;
    this.finished.splice(i, 0, { createdAt, outcome, sha });
    if (outcome !== Outcome.Other) this.labelled++;
    if (outcome === Outcome.Failure) this.failures++;
  }

  /** Runs started but not finished: their outcomes are unknown. */
  get running(): number {
    return this.started - this.finished.length;
  }

  get labelledCount(): number {
    return this.labelled;
  }

  get failureCount(): number {
    return this.failures;
  }

  /** The k-th most recent finished run with a success/failure outcome (k = 1 is the latest). */
  nthLabelled(k: number): Entry | undefined {
    let seen = 0;
    for (let i = this.finished.length - 1; i >= 0; i--) {
      const e = this.finished[i];
      if (e && e.outcome !== Outcome.Other && ++seen === k) return e;
    }
    return undefined;
  }

  /** The latest finished run whatever its conclusion. */
  latest(): Entry | undefined {
    return this.finished[this.finished.length - 1];
  }

  /** Consecutive failures among the latest labelled runs. */
  failureStreak(): number {
    let streak = 0;
    for (let i = this.finished.length - 1; i >= 0; i--) {
      const e = this.finished[i];
      if (!e || e.outcome === Outcome.Other) continue;
      if (e.outcome !== Outcome.Failure) break;
      streak++;
    }
    return streak;
  }

  /** Failure rate of the last `k` labelled runs, shrunk towards `prior` by two pseudo-runs so a single run is not 0 % or 100 %. */
  recentFailureRate(k: number, prior: number): number {
    let n = 0;
    let f = 0;
    for (let i = this.finished.length - 1; i >= 0 && n < k; i--) {
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
    for (let i = this.finished.length - 1; i >= 0; i--) {
      const e = this.finished[i];
      if (!e || e.createdAt < since) break;
      if (e.outcome === Outcome.Other) continue;
      n++;
      if (e.outcome === Outcome.Failure) f++;
    }
    return (f + 2 * prior) / (n + 2);
  }

  lastSuccessAt(): number | undefined {
    for (let i = this.finished.length - 1; i >= 0; i--) {
      const e = this.finished[i];
      if (e?.outcome === Outcome.Success) return e.createdAt;
    }
    return undefined;
  }
}
