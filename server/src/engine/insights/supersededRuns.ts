// Runs that kept going after a newer run for the same branch had started: what `concurrency` with cancel-in-progress
// would have cancelled. The minutes counted are the job time spent after the newer run was created.
import type { WorkflowRun } from '../../../../shared/githubApi';
import type { RunHistory } from '../history/runHistory';

export interface SupersededRun {
  readonly runId: number;
  readonly runNumber: number;
  readonly supersededBy: number;
  readonly branch: string;
  /** Job minutes spent after the newer run was created. */
  readonly minutes: number;
}

/** Events whose runs a newer push makes stale; scheduled or manual runs are each wanted in their own right. */
const SUPERSEDABLE = new Set(['push', 'pull_request', 'pull_request_target']);

export function supersededRuns(history: RunHistory): SupersededRun[] {
  const lines = new Map<string, WorkflowRun[]>();
  for (const run of history.runs) {
    if (!SUPERSEDABLE.has(run.event) || run.head_branch === null) continue;
    const key = `${run.workflow_id}\u0000${run.event}\u0000${run.head_branch}`;
    const list = lines.get(key);
    if (list) list.push(run);
    else lines.set(key, [run]);
  }
  const out: SupersededRun[] = [];
  for (const runs of lines.values()) {
    // history.runs is oldest first, so each list is too.
    for (let i = 0; i + 1 < runs.length; i++) {
      const run = runs[i];
      const newer = runs[i + 1];
      if (!run || !newer) continue;
      const newerCreated = Date.parse(newer.created_at);
      let seconds = 0;
      for (const job of history.jobsByRun.get(run.id) ?? []) {
        if (!Number.isFinite(job.completedMs) || !Number.isFinite(job.startedMs)) continue;
        seconds += Math.max(0, job.completedMs - Math.max(job.startedMs, newerCreated)) / 1000;
      }
      if (seconds > 0)
        out.push({
          runId: run.id,
          runNumber: run.run_number,
          supersededBy: newer.id,
          branch: run.head_branch ?? '',
          minutes: seconds / 60,
        });
    }
  }
  return out;
}
