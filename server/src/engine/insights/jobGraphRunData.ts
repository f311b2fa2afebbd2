// Run data on the job graph: each node's typical duration and the latest run's outcome (the worst of its legs), so the
// graph shows where time goes and what failed without leaving the editor.
import type { GraphNodeStatus } from '../../../../protocol/graphView';
import type { WorkflowJob } from '../../../../shared/githubApi';
import type { JobDurations } from './durations';
import { durationLine } from './durationText';
import type { GraphSpec } from './pipelineGraphs';
import { splitMatrixName } from '../history/runHistory';

/** Worst first: a node shows the most alarming state of its legs. */
const SEVERITY: readonly GraphNodeStatus[] = ['failure', 'cancelled', 'in_progress', 'queued', 'success', 'skipped'];

export function jobStatus(job: Pick<WorkflowJob, 'status' | 'conclusion'>): GraphNodeStatus {
  if (job.status !== 'completed') return job.status === 'in_progress' ? 'in_progress' : 'queued';
  switch (job.conclusion) {
    case 'success':
    case 'neutral':
      return 'success';
    case 'skipped':
      return 'skipped';
    case 'cancelled':
      return 'cancelled';
    case null:
    default:
      return 'failure';
  }
}

export function annotateJobGraph(
  spec: GraphSpec,
  durations: readonly JobDurations[],
  latestRunJobs: readonly WorkflowJob[],
  jobIdOf: (group: string) => string | undefined,
): GraphSpec {
  const detail = new Map<string, string>();
  for (const d of durations) {
    const id = jobIdOf(d.job);
    if (id !== undefined && !detail.has(id)) detail.set(id, durationLine({ ...d.summary, trend: undefined }));
  }
  const status = new Map<string, GraphNodeStatus>();
  for (const job of latestRunJobs) {
    const id = jobIdOf(splitMatrixName(job.name).group);
    if (id === undefined) continue;
    const next = jobStatus(job);
    const seen = status.get(id);
    if (seen === undefined || SEVERITY.indexOf(next) < SEVERITY.indexOf(seen)) status.set(id, next);
  }
  return {
    ...spec,
    nodes: spec.nodes.map((n) => {
      const d = detail.get(n.id);
      const s = status.get(n.id);
      return { ...n, ...(d === undefined ? {} : { detail: d }), ...(s === undefined ? {} : { status: s }) };
    }),
  };
}
