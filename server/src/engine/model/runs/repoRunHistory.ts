// The repository's run history for failure risk: the newest runs of every workflow and branch (bounded pages, conditional
// requests, so an unchanged history costs no rate limit) and the jobs of the newest finished runs, fetched once per run
// attempt (a finished run's jobs only change when it is re-run). Feeds the CodeLens, the panel and retraining.
import { runJobOf, runRecordOf } from './loadRunsJson';
import { parseTimestamp } from '../../text/parseTimestamp';
import type { RunJob, RunRecord } from './runRecord';
import type { ActionsClient, RepoRef } from '../../github/api/actionsClient';
import { API_CONCURRENCY, forEachConcurrently } from '../../github/api/forEachConcurrently';

export interface RepoHistoryOptions {
  /** Pages of 100 runs; GitHub lists newest first. */
  readonly maxPages: number;
  /** Finished runs (newest first) whose jobs are fetched, for per-job risk. */
  readonly runsWithJobs: number;
}

export const LENS_HISTORY: RepoHistoryOptions = { maxPages: 2, runsWithJobs: 40 };
// Training reads the jobs of many more runs, for the job-level model: one request per finished run not fetched yet in
// this session (up to 300 of the 5,000 an hour a signed-in user has, once per retraining; later ones reuse them).
export const TRAINING_HISTORY: RepoHistoryOptions = { maxPages: 10, runsWithJobs: 300 };

export interface HistoryProgress {
  readonly done: number;
  readonly total: number;
  readonly message: string;
}

export interface FetchedHistory {
  /** Oldest first. */
  readonly runs: RunRecord[];
  /** Runs GitHub listed without the fields the history needs (an id, a readable created_at), left out. */
  readonly leftOut: number;
}

/** A sentence (with a leading space) saying what was left out of a history, to end a message with; '' when nothing was. */
export function leftOutNote(history: FetchedHistory): string {
  const n = history.leftOut;
  if (n === 0) return '';
  return ` ${n} run${n === 1 ? '' : 's'} GitHub listed without an id or a readable creation time ${n === 1 ? 'was' : 'were'} left out.`;
}

export class RepoRunHistory {
  /** Jobs of finished runs by run id, keyed by the run's version (attempt and update time). */
  private readonly jobs = new Map<string, { version: string; jobs: readonly RunJob[] }>();

  constructor(
    private readonly client: ActionsClient,
    readonly repo: RepoRef,
  ) {}

  get name(): string {
    return `${this.repo.owner}/${this.repo.repo}`;
  }

  /**
   * The history as RunRecords, oldest first, and how many listed runs were left out. `isCancelled` is checked between
   * requests; a cancelled fetch returns undefined. Errors (GitHubApiError) propagate to the caller, which words them.
   */
  async fetch(
    options: RepoHistoryOptions,
    onProgress?: (p: HistoryProgress) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<FetchedHistory | undefined> {
    onProgress?.({ done: 0, total: 1, message: 'listing runs' });
    const listed = await this.client.listRuns({ ...this.repo, perPage: 100, maxPages: options.maxPages });
    if (isCancelled()) return undefined;
    const finished = listed.items.filter((r) => r.status === 'completed').slice(0, options.runsWithJobs);
    let done = 0;
    await forEachConcurrently(
      finished,
      API_CONCURRENCY,
      async (run) => {
        const key = String(run.id);
        const version = `${run.run_attempt ?? 1}|${run.updated_at}`;
        if (this.jobs.get(key)?.version !== version) {
          const jobs = await this.client.listJobs(this.repo, run.id);
          this.jobs.set(key, { version, jobs: jobs.items.map(runJobOf) });
        }
        done++;
        onProgress?.({ done, total: finished.length, message: `jobs of run ${done} of ${finished.length}` });
      },
      isCancelled,
    );
    if (isCancelled()) return undefined;
    // Runs that fell off the listed pages are no longer needed.
    const listedIds = new Set(listed.items.map((r) => String(r.id)));
    for (const id of this.jobs.keys()) if (!listedIds.has(id)) this.jobs.delete(id);
    const records: RunRecord[] = [];
    for (const run of listed.items) {
      // The client counts a run whose created_at is no timestamp as malformed and leaves it out (replyShapes.ts).
      const createdAt = parseTimestamp(run.created_at);
      if (createdAt === undefined) continue;
      records.push(runRecordOf(run, createdAt, this.name, `GitHub run ${run.id}`, this.jobs.get(String(run.id))?.jobs));
    }
    return { runs: records.sort((a, b) => a.createdAt - b.createdAt), leftOut: listed.malformed };
  }
}
