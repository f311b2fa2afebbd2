// Training rows for the job-level failure model. Each row is one job of one past run, with its features computed exactly
// as a job's risk is computed for the CodeLens (workflowRisk.ts: jobHistory): the workflow's runs are replaced by runs
// of that job, the repository's other runs stay, and the ordinary features are read. Training and scoring then see
// the same kind of row, so a model learned here can score a job's next run.
//
// Without the workflow file at hand, a job is named by its API name with the matrix values dropped ("test (3.11,
// ubuntu)" → "test"): every leg of a matrix job is one job, failing if any leg failed, as on the CodeLens.
import { sortByCreation, type RunRecord } from '../runs/runRecord';
import { buildFeatureTable, type FeatureTable } from './features';
import { FEATURES } from './featureSpecs';
import { jobHistory } from './workflowRisk';

/** A job's name without its matrix values: GitHub names matrix legs "name (value, value…)". */
export function jobBaseName(apiJobName: string): string {
  return apiJobName.replace(/\s+\([^()]*\)$/, '');
}

/** The (workflow file, job) pairs the history has jobs for. Runs without a workflow path cannot be grouped. */
export function jobsByWorkflow(history: readonly RunRecord[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const run of history) {
    if (run.workflowPath === undefined || !run.jobs?.length) continue;
    const names = found.get(run.workflowPath) ?? new Set<string>();
    for (const job of run.jobs) names.add(jobBaseName(job.name));
    found.set(run.workflowPath, names);
  }
  return found;
}

/** One feature row per (run, job) with a known job outcome, in creation order (the time split relies on it). */
export function jobTrainingTable(history: readonly RunRecord[]): FeatureTable {
  const rows: { run: RunRecord; values: Float32Array }[] = [];
  const featureCount = FEATURES.length;
  for (const [workflowPath, jobs] of jobsByWorkflow(history)) {
    for (const job of jobs) {
      const own = jobHistory(history, workflowPath, job, (name) => jobBaseName(name) === job);
      const table = buildFeatureTable(own.history);
      const ownIds = new Set(own.own.map((r) => r.id));
      table.runs.forEach((run, i) => {
        if (ownIds.has(run.id))
          rows.push({ run, values: table.values.subarray(i * table.featureCount, (i + 1) * table.featureCount) });
      });
    }
  }
  const valuesOf = new Map(rows.map((r) => [r.run, r.values]));
  const runs = sortByCreation(rows.map((r) => r.run));
  const values = new Float32Array(runs.length * featureCount);
  runs.forEach((run, i) => {
    values.set(valuesOf.get(run) ?? new Float32Array(featureCount), i * featureCount);
  });
  return { runs, values, featureCount };
}
