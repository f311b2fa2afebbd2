// One normalised record per workflow run, whatever the source (the shipped CSV, GitHub API JSON). Features read only
// these fields, so a new source needs only a loader. Times are epoch milliseconds.

import type { CommitChanges } from '../git/commitChanges';

export type LoadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface RunJob {
  readonly name: string;
  /** '' while the job is not finished. */
  readonly conclusion: string;
  readonly startedAt: number | undefined;
  readonly completedAt: number | undefined;
}

export interface RunRecord {
  /** The run's id (`id_build` in the CSV, `id` in the API). */
  readonly id: string;
  /** `owner/name`; runs of different repositories never share history. */
  readonly repo: string;
  readonly workflowId: string;
  readonly workflowName: string;
  /** Repository-relative workflow file path when the source has it (API `path`). */
  readonly workflowPath: string | undefined;
  readonly actor: string;
  readonly actorIsBot: boolean;
  readonly branch: string;
  readonly sha: string;
  readonly event: string;
  readonly createdAt: number;
  /** When the outcome became known (completed runs' `updated_at`); undefined while the run is not finished. */
  readonly completedAt: number | undefined;
  /** GitHub's conclusion, '' while running. Only 'success' and 'failure' are labels; others (cancelled, skipped…) are history. */
  readonly conclusion: string;
  /** What the run's commit changed, when a local clone told us (see git/commitChanges.ts); undefined otherwise. */
  readonly changes?: CommitChanges | undefined;
  /** The run's jobs when the source lists them (GitHub API JSON with jobs); undefined otherwise. */
  readonly jobs?: readonly RunJob[] | undefined;
  /** Where the run came from, for error messages. */
  readonly source: string;
}

/** The runs with the changes of their commits attached, where known. */
export function withCommitChanges(
  runs: readonly RunRecord[],
  changes: ReadonlyMap<string, CommitChanges>,
): RunRecord[] {
  return runs.map((r) => ({ ...r, changes: changes.get(r.sha) }));
}

export function isLabelled(run: RunRecord): boolean {
  return run.conclusion === 'success' || run.conclusion === 'failure';
}

/** GitHub marks app accounts with a `[bot]` suffix (dependabot[bot], renovate[bot]); the API also says `type: Bot`. */
export function looksLikeBot(login: string): boolean {
  return /\[bot\]$/i.test(login) || /^(dependabot|renovate|github-actions)$/i.test(login);
}

/** Runs in time order: created_at, then id, so ties are broken the same way every time. */
export function sortByCreation(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
