// Which rows a training or evaluation used, and why the others were not: rows the loader skipped (with reasons), rows
// kept with a value it could not use, and runs that are history only (cancelled, skipped, unfinished: features read
// them, no label comes from them). The CLI and the extension both say this beside their results, so a history that is
// mostly unusable is never taken in without a word.
import { isLabelled } from '../runs/runRecord';
import { NO_LOAD_NOTES, type RowIssue, type RunLoadNotes } from '../runs/runLoadNotes';
import type { FeatureTable } from './features';

export interface TrainingRows {
  /** Rows the history file held (0 when the runs did not come from a file: the extension's API history). */
  readonly read: number;
  readonly skipped: readonly RowIssue[];
  readonly noted: readonly RowIssue[];
  /** Rows of the feature table (runs, or job results for the job model). */
  readonly rows: number;
  /** Of those, success/failure: the ones with a label. */
  readonly labelled: number;
}

export function trainingRows(table: FeatureTable, notes: RunLoadNotes = NO_LOAD_NOTES): TrainingRows {
  let labelled = 0;
  for (const run of table.runs) if (isLabelled(run)) labelled++;
  return { read: notes.rows, skipped: notes.skipped, noted: notes.noted, rows: table.runs.length, labelled };
}

const n = (count: number): string => count.toLocaleString('en-US');

/** "2,999 rows read, 2,250 skipped: 2,250 completed but ... (first at runs.csv:2)." (only when rows were skipped or
 * noted), then "Of 749 runs, 700 are success/failure; 49 cancelled, skipped or unfinished are history only (...)."
 * `what` names a table row ("runs", "job results"). */
export function trainingRowsLines(rows: TrainingRows, what = 'runs'): string[] {
  const skipped = rows.skipped.reduce((a, s) => a + s.count, 0);
  const parts: string[] = [];
  if (rows.read > 0 && (skipped > 0 || rows.noted.length > 0)) {
    parts.push(
      `${n(rows.read)} rows read${skipped > 0 ? `, ${n(skipped)} skipped` : ''}: ${[
        ...rows.skipped.map((s) => `${n(s.count)} ${s.reason} (first at ${s.first})`),
        ...rows.noted.map((s) => `${n(s.count)} kept with ${s.reason} (first at ${s.first})`),
      ].join('; ')}.`,
    );
  }
  const historyOnly = rows.rows - rows.labelled;
  parts.push(
    `Of ${n(rows.rows)} ${what}, ${n(rows.labelled)} are success/failure${historyOnly > 0 ? `; ${n(historyOnly)} cancelled, skipped or unfinished are history only (features, no label)` : ''}.`,
  );
  return parts;
}

/** The same as one paragraph, for a notification. */
export function trainingRowsText(rows: TrainingRows, what = 'runs'): string {
  return trainingRowsLines(rows, what).join(' ');
}
