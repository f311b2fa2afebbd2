// A small CI history for failure-risk tests: run `i` of one workflow, two hours apart, on main by alice, with an outcome
// and optionally its jobs.
import type { RunJob, RunRecord } from '../../../server/src/engine/model/runs/runRecord';

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 2, 9);
export const CI = '.github/workflows/ci.yml';

export function job(name: string, conclusion: string, at: number): RunJob {
  return { name, conclusion, startedAt: at, completedAt: at + 5 * MINUTE };
}

/** Run `i` of CI, every 2 hours, on main by alice, with the given outcome and (optionally) jobs. */
export function ciRun(
  i: number,
  conclusion: string,
  jobs?: readonly RunJob[],
  extra: Partial<RunRecord> = {},
): RunRecord {
  const createdAt = T0 + i * 120 * MINUTE;
  return {
    id: String(100 + i),
    repo: 'acme/ml',
    workflowId: '7',
    workflowName: 'CI',
    workflowPath: CI,
    actor: 'alice',
    actorIsBot: false,
    branch: 'main',
    sha: `sha${i}`,
    event: 'push',
    createdAt,
    completedAt: conclusion === '' ? undefined : createdAt + 10 * MINUTE,
    conclusion,
    jobs,
    source: `run ${i}`,
    ...extra,
  };
}
