// One call from run history (and optionally the workflow file) to every insight: durations, critical path,
// regressions, runner minutes, cache use and suggestions. Used by the CLI and the benchmark; pure and synchronous.
import type { WorkflowJob, WorkflowRun } from '../../../../shared/githubApi';
import { cacheUse, type CacheStepUse } from './cacheUse';
import { criticalPathSummary, type CriticalPathSummary, type JobGraphLink } from './criticalPath';
import { jobDurations, type DurationOptions, type JobDurations } from './durations';
import { detectRegressions, type Regression, type RegressionOptions } from './regressions';
import { buildRunHistory, splitMatrixName, type RunHistory } from '../history/runHistory';
import { runnerMinutes, type RunnerMinutesReport, type RunnerRateOptions } from './runnerMinutes';
import { suggestImprovements, type Suggestion, type SuggestionOptions } from './suggestions';
import { runsOfWorkflow, type WorkflowContext } from './workflowContext';

export interface InsightsInput {
  readonly runs: readonly WorkflowRun[];
  readonly jobs: readonly WorkflowJob[];
  readonly workflow?: WorkflowContext | undefined;
}

export interface InsightsOptions extends RunnerRateOptions {
  readonly durations?: DurationOptions;
  readonly regressions?: RegressionOptions;
  readonly suggestions?: SuggestionOptions;
}

export interface InsightsReport {
  readonly runs: number;
  readonly jobs: number;
  readonly durations: readonly JobDurations[];
  /** Undefined when no run has jobs with times. */
  readonly criticalPath: CriticalPathSummary | undefined;
  /** False when no workflow was given: jobs are then taken as independent and the path is the longest single job. */
  readonly jobGraphKnown: boolean;
  readonly regressions: readonly Regression[];
  readonly runnerMinutes: RunnerMinutesReport;
  readonly cache: readonly CacheStepUse[];
  readonly suggestions: readonly Suggestion[];
}

/** The history the insights read: every run, or the workflow's runs and their jobs when a workflow is given. */
export function insightsHistory(input: InsightsInput): RunHistory {
  const ctx = input.workflow;
  const runs = ctx ? runsOfWorkflow(input.runs, ctx.path) : input.runs;
  const runIds = new Set(runs.map((r) => r.id));
  const jobs = ctx && runs.length !== input.runs.length ? input.jobs.filter((j) => runIds.has(j.run_id)) : input.jobs;
  return buildRunHistory(runs, jobs);
}

export function computeInsights(
  input: InsightsInput,
  options: InsightsOptions = {},
  history: RunHistory = insightsHistory(input),
): InsightsReport {
  const ctx = input.workflow;
  const link: JobGraphLink | undefined = ctx ? { needs: ctx.needs, jobIdOf: ctx.jobIdOf } : undefined;
  const labelsOf = ctx ? (group: string) => ctx.jobs.find((j) => j.id === ctx.jobIdOf(group))?.runsOn : undefined;
  return {
    runs: history.runs.length,
    jobs: history.jobs.length,
    durations: jobDurations(history, options.durations),
    criticalPath: criticalPathSummary(history, link, (name) => splitMatrixName(name).group),
    jobGraphKnown: link !== undefined,
    regressions: detectRegressions(history, options.regressions),
    runnerMinutes: runnerMinutes(history, { ...options, ...(labelsOf ? { labelsOf } : {}) }),
    cache: cacheUse(history),
    suggestions: suggestImprovements(history, ctx, { ...options, ...options.suggestions }),
  };
}
