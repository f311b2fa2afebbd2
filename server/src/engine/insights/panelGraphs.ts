// The panel's Graph tab, computed from parsed files: a workflow's job graph annotated with the watched runs (typical
// durations, the latest outcome, the usual critical path) and a dvc.yaml's stage graph. Pure: the caller passes the
// parse (the server's cached one for open documents) and the runs it holds.
import path from 'node:path';
import type { GraphMessage } from '../../../../protocol/graphView';
import type { PipelineRun } from '../../../../protocol/pipelineRuns';
import { dvcProjectOf } from '../dvc/dvcFiles';
import { dvcPipelineModel } from '../dvc/dvcModel';
import { workflowModel } from '../github/workflowModel';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { criticalPathSummary } from './criticalPath';
import { jobDurations } from './durations';
import { annotateJobGraph } from './jobGraphRunData';
import { dvcGraphSpec, graphMessage, jobGraphSpec, type GraphSpec } from './pipelineGraphs';
import { buildRunHistory, splitMatrixName } from '../history/runHistory';
import { snapshotHistory } from '../history/snapshotHistory';
import { jobIdResolver, workflowJobsOf } from './workflowJobs';

export interface WorkflowGraphInput {
  readonly yaml: ParsedYaml;
  readonly uri: string;
  /** Shown above the graph: the workspace-relative path. */
  readonly title: string;
  /** Repository-relative path the runs name (`.github/workflows/ci.yml`); undefined outside a workspace folder. */
  readonly workflowPath: string | undefined;
  /** Newest first, as the watcher reports them. */
  readonly runs: readonly PipelineRun[];
}

/** Undefined when the text is no workflow with jobs (the tab then keeps its previous graph). */
export function workflowGraph(input: WorkflowGraphInput): GraphMessage | undefined {
  const model = workflowModel(input.yaml);
  if (!model || model.jobs.length === 0) return undefined;
  const jobs = workflowJobsOf(model, input.yaml.lines);
  let spec: GraphSpec = jobGraphSpec(jobs, input.uri, input.title);
  if (input.workflowPath !== undefined) {
    const { runs, jobs: apiJobs } = snapshotHistory(input.runs, input.workflowPath);
    if (runs.length > 0) {
      const jobIdOf = jobIdResolver(jobs);
      const history = buildRunHistory(runs, apiJobs);
      const newest = history.runs.at(-1);
      const latest = apiJobs.filter((j) => j.run_id === newest?.id);
      spec = annotateJobGraph(spec, jobDurations(history), latest, jobIdOf);
      const critical = criticalPathSummary(
        history,
        { needs: new Map(jobs.map((j) => [j.id, j.needs])), jobIdOf },
        (name) => splitMatrixName(name).group,
      );
      const onPath = new Set((critical?.usualPath ?? []).map(jobIdOf).filter((id): id is string => id !== undefined));
      if (onPath.size > 1)
        spec = { ...spec, nodes: spec.nodes.map((n) => (onPath.has(n.id) ? { ...n, critical: true } : n)) };
    }
  }
  return graphMessage(spec);
}

/** `file` is the dvc.yaml's path on disk: its folder resolves stage paths, its DVC project supplies params and vars. */
export function dvcGraph(yaml: ParsedYaml, file: string, uri: string, title: string): GraphMessage | undefined {
  const model = dvcPipelineModel(yaml);
  if (!model || model.stages.length === 0) return undefined;
  return graphMessage(dvcGraphSpec(model, yaml.lines, path.dirname(file), dvcProjectOf(file), uri, title));
}
