// What a run history loader did with the rows it could not take as they were: rows it SKIPPED (left out of the history
// entirely, with the reason) and rows it kept with a value it could not use (NOTED: e.g. a duration that is not a number
// when updated_at already says when the run ended). Every caller that trains or evaluates says these counts out loud,
// so a file whose durations are mostly NaN is never taken in without a word.

import type { RunRecord } from './runRecord';

export interface RowIssue {
  /** Why, in words that finish "N rows ...": "completed but with no finish time (...)". */
  readonly reason: string;
  readonly count: number;
  /** Where the first such row is (`file:line` or `file: workflow_runs[i]`). */
  readonly first: string;
}

export interface RunLoadNotes {
  /** Data rows read (runs), skipped ones included. */
  readonly rows: number;
  readonly skipped: readonly RowIssue[];
  readonly noted: readonly RowIssue[];
}

/** A loaded history: the runs, and what the loader skipped or noted on the way. */
export interface RunHistoryLoad {
  readonly runs: RunRecord[];
  readonly notes: RunLoadNotes;
}

export const NO_LOAD_NOTES: RunLoadNotes = { rows: 0, skipped: [], noted: [] };

/** Counts issues by reason, keeping the first place each was seen, in the order reasons first appear. */
export class RowIssueCounter {
  private readonly skips = new Map<string, { count: number; first: string }>();
  private readonly notes = new Map<string, { count: number; first: string }>();

  skip(reason: string, at: string): void {
    bump(this.skips, reason, at);
  }

  note(reason: string, at: string): void {
    bump(this.notes, reason, at);
  }

  result(rows: number): RunLoadNotes {
    const list = (m: Map<string, { count: number; first: string }>): RowIssue[] =>
      [...m].map(([reason, v]) => ({ reason, count: v.count, first: v.first }));
    return { rows, skipped: list(this.skips), noted: list(this.notes) };
  }
}

function bump(map: Map<string, { count: number; first: string }>, reason: string, at: string): void {
  const entry = map.get(reason);
  if (entry) entry.count++;
  else map.set(reason, { count: 1, first: at });
}
