// Failure risk of the NEXT run of a workflow (or of one of its jobs) on a branch, from the repository's run history as
// the run watcher fetched it. A job's risk reuses the workflow-level model on the job's own history: each past run of the
// workflow becomes one "run" of the job with the job's outcome, so every history feature reads the job's record.
import type { RunJob, RunRecord } from '../runs/runRecord';
import { isLabelled } from '../runs/runRecord';
import { explainRisk, type RiskExplanation } from './explainRisk';
import type { FailureModel } from './failureModel';
import { buildFeatureTable } from './features';
import { nextRunOf } from './nextRun';
import { previousFailedOf } from './baselines';
import { subjectOf } from './fitRiskInUse';
import { recordPart, riskAsUsed, riskShown, type RiskShown, type RiskUse } from './riskInUse';

export interface RiskPrediction {
  readonly explanation: RiskExplanation;
  /** The feature row as scored (float32 values), for the prediction log and drift. */
  readonly features: readonly number[];
  /** The run the prediction is for, as features saw it (branch, actor, event). */
  readonly next: RunRecord;
  /** Finished success/failure runs (of the workflow, or of the job) the prediction read. */
  readonly finishedRuns: number;
  /** The workflow's name as GitHub last reported it. */
  readonly workflowName: string;
  /** A percentage, or a band with the reason (riskInUse.ts). */
  readonly shown: RiskShown;
}

export interface NextRunTarget {
  /** The branch the next run is for (the checked-out branch). */
  readonly branch: string;
  /** Creation time of the next run; never earlier than just after the history. */
  readonly now: number;
}

/** Runs of a workflow file (repository-relative path, `@ref` already dropped). */
export function runsOfWorkflow(history: readonly RunRecord[], workflowPath: string): RunRecord[] {
  return history.filter((r) => r.workflowPath === workflowPath);
}

function predict(
  model: FailureModel,
  history: readonly RunRecord[],
  own: readonly RunRecord[],
  target: NextRunTarget,
  subject: 'workflow' | 'job',
  use: RiskUse | undefined,
  originalName?: (latest: RunRecord) => string,
): RiskPrediction | undefined {
  const finishedRuns = own.filter(isLabelled).length;
  if (finishedRuns === 0) return undefined;
  const latest = own.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  let end = 0;
  for (const r of history) end = Math.max(end, r.createdAt, r.completedAt ?? 0);
  const next = nextRunOf(history, latest, { branch: target.branch, at: Math.max(target.now, end + 1000) });
  const table = buildFeatureTable([...history, next]);
  const index = table.runs.indexOf(next);
  const row = table.values.subarray(index * table.featureCount, (index + 1) * table.featureCount);
  const previousFailed = previousFailedOf(row);
  const subjectKey = subjectOf(latest);
  const record = use ? recordPart(use, previousFailed, subjectKey) : undefined;
  const explained = use
    ? explainRisk(model, row, (p) => riskAsUsed(use, p, previousFailed, finishedRuns, subjectKey))
    : explainRisk(model, row);
  const explanation = record ? { ...explained, record } : explained;
  return {
    explanation,
    features: Array.from(row),
    next,
    finishedRuns,
    workflowName: originalName?.(latest) ?? latest.workflowName,
    shown: use ? riskShown(use, explanation.probability, finishedRuns, subject) : { kind: 'percent' },
  };
}

/**
 * Risk of the next run of a workflow on the target branch; undefined without a finished run of it to learn from. With
 * `use` (the editor's), the risk is the one shown: calibrated on the repository, shrunk on a thin history.
 */
export function predictWorkflowRisk(
  model: FailureModel,
  history: readonly RunRecord[],
  workflowPath: string,
  target: NextRunTarget,
  use?: RiskUse,
): RiskPrediction | undefined {
  return predict(model, history, runsOfWorkflow(history, workflowPath), target, 'workflow', use);
}

/** A job's outcome in one run: failure if any of its API jobs (matrix legs) failed, success if all succeeded. */
export function jobOutcome(jobs: readonly RunJob[]): { conclusion: string; completedAt: number | undefined } {
  if (jobs.some((j) => j.conclusion === '')) return { conclusion: '', completedAt: undefined };
  const completedAt = Math.max(...jobs.map((j) => j.completedAt ?? 0));
  const conclusion = jobs.some((j) => j.conclusion === 'failure' || j.conclusion === 'timed_out')
    ? 'failure'
    : jobs.every((j) => j.conclusion === 'success')
      ? 'success'
      : (jobs[0]?.conclusion ?? '');
  return { conclusion, completedAt: completedAt > 0 ? completedAt : undefined };
}

/**
 * The history with the workflow's runs replaced by runs of one job (`isJob` tells which API job names belong to it).
 * Runs whose jobs were not fetched are left out: their job outcome is unknown.
 */
export function jobHistory(
  history: readonly RunRecord[],
  workflowPath: string,
  jobKey: string,
  isJob: (apiJobName: string) => boolean,
): { history: RunRecord[]; own: RunRecord[]; names: Map<RunRecord, string> } {
  const names = new Map<RunRecord, string>();
  const others: RunRecord[] = [];
  const own: RunRecord[] = [];
  for (const run of history) {
    if (run.workflowPath !== workflowPath) {
      others.push(run);
      continue;
    }
    const jobs = run.jobs?.filter((j) => isJob(j.name)) ?? [];
    if (jobs.length === 0) continue;
    const { conclusion, completedAt } = jobOutcome(jobs);
    const jobRun: RunRecord = {
      ...run,
      id: `${run.id}:${jobKey}`,
      workflowId: `${run.workflowId}:job:${jobKey}`,
      workflowName: `${run.workflowName} ${jobKey}`,
      conclusion,
      completedAt: completedAt === undefined ? undefined : Math.max(run.createdAt, completedAt),
      jobs: undefined,
    };
    names.set(jobRun, run.workflowName);
    own.push(jobRun);
  }
  return { history: [...others, ...own], own, names };
}

/** Risk of a job in the next run of its workflow, from the job's own history; undefined without a finished run of it. */
export function predictJobRisk(
  model: FailureModel,
  history: readonly RunRecord[],
  workflowPath: string,
  jobKey: string,
  isJob: (apiJobName: string) => boolean,
  target: NextRunTarget,
  use?: RiskUse,
): RiskPrediction | undefined {
  const jobRuns = jobHistory(history, workflowPath, jobKey, isJob);
  return predict(
    model,
    jobRuns.history,
    jobRuns.own,
    target,
    'job',
    use,
    (latest) => jobRuns.names.get(latest) ?? latest.workflowName,
  );
}
