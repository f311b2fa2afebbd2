// Run history straight from the Actions API, for `preflight insights --repo`: the newest runs (of one workflow file when
// asked), then each run's jobs with steps, a few requests at a time. Bounded by `limit` so a busy repository costs a
// known number of requests (one per 100 runs plus one per run).
import type { ActionsClient, RepoRef } from '../github/api/actionsClient';
import { API_CONCURRENCY, forEachConcurrently } from '../github/api/forEachConcurrently';
import type { WorkflowJob, WorkflowRun } from '../../../../shared/githubApi';
import { runsOfWorkflow } from './workflowContext';

export interface FetchHistoryOptions {
  readonly limit: number;
  /** Keep only runs of this workflow file (matched by file name, as runsOfWorkflow does). */
  readonly workflow?: string | undefined;
  readonly onProgress?: (message: string) => void;
}

const PAGE = 100;

export async function fetchRunHistory(
  client: ActionsClient,
  ref: RepoRef,
  options: FetchHistoryOptions,
): Promise<{ runs: WorkflowRun[]; jobs: WorkflowJob[] }> {
  const progress = options.onProgress ?? (() => undefined);
  progress(`listing runs of ${ref.owner}/${ref.repo}…`);
  const listed = await client.listRuns({
    ...ref,
    status: 'completed',
    perPage: Math.min(PAGE, options.limit),
    maxPages: Math.ceil(options.limit / PAGE),
  });
  const completed = listed.items.slice(0, options.limit);
  const runs = options.workflow === undefined ? completed : runsOfWorkflow(completed, options.workflow);
  const jobs: WorkflowJob[] = [];
  let done = 0;
  await forEachConcurrently(runs, API_CONCURRENCY, async (run) => {
    jobs.push(...(await client.listJobs(ref, run.id)).items);
    done++;
    if (done % 10 === 0 || done === runs.length) progress(`fetched jobs of ${done}/${runs.length} runs`);
  });
  return { runs, jobs };
}
