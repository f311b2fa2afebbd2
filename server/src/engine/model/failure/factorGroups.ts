// Factors grouped the way people think about why a run may fail. Fifty SHAP values in a list read as noise ("started on a
// Monday", "0 other runs in progress"); their sums per group say something one can act on: the job has been failing,
// this commit changes risky things, the workflow is flaky, who or what triggered it, or when and how busy it is.
import type { RiskFactor } from './explainRisk';
import { FEATURE_NAMES } from './featureSpecs';

export type FactorGroup = 'recent' | 'flaky' | 'change' | 'trigger' | 'timing';

/** The group's words; `{subject}` is "workflow" or "job". Listed in the order groups are introduced to a reader. */
export const GROUP_LABELS: Readonly<Record<FactorGroup, string>> = {
  recent: 'recent results of this {subject}',
  flaky: 'how often it fails (flakiness)',
  change: 'what this commit changes',
  trigger: 'who or what started it',
  timing: 'timing and load',
};

const GROUP_OF: Readonly<Record<string, FactorGroup>> = {
  workflow_prev_failed: 'recent',
  workflow_prev2_failed: 'recent',
  workflow_prev_cancelled: 'recent',
  workflow_failure_streak: 'recent',
  workflow_failure_rate_5: 'recent',
  workflow_failure_rate_24h: 'recent',
  branch_workflow_prev_failed: 'recent',
  branch_workflow_failure_streak: 'recent',
  workflow_failure_rate_20: 'flaky',
  workflow_failure_rate_all: 'flaky',
  branch_workflow_failure_rate_10: 'flaky',
  branch_prev_failed: 'flaky',
  branch_failure_rate_20: 'flaky',
  repo_failure_rate_50: 'flaky',
  branch_workflow_prev_same_commit: 'change',
  commit_run_count: 'change',
  commit_failures: 'change',
  commit_workflow_attempts: 'change',
  commit_workflow_failures: 'change',
  change_files: 'change',
  change_lines: 'change',
  change_touches_workflow: 'change',
  change_touches_dependencies: 'change',
  change_touches_tests: 'change',
  actor_failure_rate_30: 'trigger',
  actor_failure_rate_5: 'trigger',
  actor_prev_failed: 'trigger',
  actor_run_count: 'trigger',
  actor_workflow_prev_failed: 'trigger',
  actor_workflow_failure_rate_10: 'trigger',
  actor_is_bot: 'trigger',
  branch_is_default: 'trigger',
  event: 'trigger',
  workflow_name_tests: 'trigger',
  workflow_name_lint: 'trigger',
  workflow_name_build: 'trigger',
  workflow_name_deploy: 'trigger',
  'workflow_name_dependency updates': 'trigger',
  workflow_run_count: 'timing',
  workflow_hours_since_last_run: 'timing',
  workflow_hours_since_success: 'timing',
  workflow_runs_in_progress: 'timing',
  branch_workflow_run_count: 'timing',
  branch_workflow_hours_since_last_run: 'timing',
  branch_workflow_runs_in_progress: 'timing',
  commit_runs_in_progress: 'timing',
  branch_run_count: 'timing',
  repo_runs_in_progress: 'timing',
  hour_utc: 'timing',
  weekday_utc: 'timing',
};

/** Every feature's group; a feature missing here is a programming error that featureGroups.test.ts catches. */
export function groupOf(feature: string): FactorGroup {
  return GROUP_OF[feature] ?? 'timing';
}

/** The features without a group: empty unless a feature was added without one. */
export function ungroupedFeatures(): string[] {
  return FEATURE_NAMES.filter((name) => !(name in GROUP_OF));
}

export interface FactorGroupSum {
  readonly group: FactorGroup;
  readonly label: string;
  readonly points: number;
  /** Largest |points| first. */
  readonly factors: readonly RiskFactor[];
}

/** The factors summed per group, largest |points| first; groups whose factors moved nothing are left out. */
export function groupFactors(factors: readonly RiskFactor[], subject: 'workflow' | 'job'): FactorGroupSum[] {
  const sums = new Map<FactorGroup, RiskFactor[]>();
  for (const f of factors) {
    const group = groupOf(f.feature);
    const list = sums.get(group) ?? [];
    list.push(f);
    sums.set(group, list);
  }
  return [...sums]
    .map(([group, list]) => ({
      group,
      label: GROUP_LABELS[group].replace('{subject}', subject),
      points: list.reduce((s, f) => s + f.points, 0),
      factors: [...list].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)),
    }))
    .filter((g) => g.factors.some((f) => f.points !== 0))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}
