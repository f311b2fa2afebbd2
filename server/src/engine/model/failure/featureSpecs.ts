// Every feature the failure model reads, with the words an explanation uses for it. All are known when a run is created:
// history features read runs that had finished by then (FeatureContext), the rest read the run's own trigger (event,
// branch, actor, time, and what its commit changed when a local clone is at hand).
// Never: the run's duration, status, updated_at, or `total_builds` (the CSV counts it backwards from extraction time,
// so it encodes how many runs came AFTER this one). Nor what only the training CSV has: the extension scores a run that
// does not exist yet, so its commit time and the CSV's dependency count would always be missing there, and the CSV's
// workflow size is a per-repository constant (a repository's identity, not a fact about a change); a model that leans on
// them is scored on a different distribution than it was trained on (featureParity.test.ts holds this).
import type { FeatureContext } from './featureContext';
import type { RunHistory } from './runHistory';
import { Outcome } from './runHistory';

export interface FeatureSpec {
  readonly name: string;
  readonly value: (c: FeatureContext) => number;
  /** Plain words for this value, as a reason: "previous run of this workflow failed". */
  readonly describe: (value: number) => string;
}

/** Long-run failure rate of the data (19.6 % on the shipped runs); rates of short histories shrink towards it. */
const PRIOR = 0.2;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EVENTS = [
  'push',
  'pull_request',
  'schedule',
  'workflow_dispatch',
  'dynamic',
  'issue_comment',
  'issues',
  'pull_request_target',
  'merge_group',
  'release',
  'workflow_run',
];

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const hours = (v: number): string =>
  v < 1 ? `${Math.round(v * 60)} min` : v < 48 ? `${v.toFixed(1)} h` : `${Math.round(v / 24)} days`;
const flag = (v: boolean): number => (v ? 1 : 0);
/** Run counts only ever grow, so beyond "plenty" they would describe the calendar, not the workflow: cap them. */
const COUNT_CAP = 50;
const capped = (n: number): number => Math.min(n, COUNT_CAP);
const countWords = (v: number): string => (v >= COUNT_CAP ? `${COUNT_CAP}+` : String(v));

function previous(h: RunHistory, k: number): number {
  const e = h.nthLabelled(k);
  return e === undefined ? Number.NaN : flag(e.outcome === Outcome.Failure);
}

function outcomeWords(v: number, what: string): string {
  return Number.isNaN(v) ? `no finished earlier run of ${what}` : `${what} ${v === 1 ? 'failed' : 'succeeded'}`;
}

const since = (c: FeatureContext, at: number | undefined): number =>
  at === undefined ? Number.NaN : (c.run.createdAt - at) / HOUR;

function nameHas(words: RegExp, label: string): FeatureSpec {
  return {
    name: `workflow_name_${label}`,
    value: (c) => flag(words.test(c.run.workflowName)),
    describe: (v) => (v === 1 ? `workflow name mentions ${label}` : `workflow name does not mention ${label}`),
  };
}

function changeTouches(part: 'workflow' | 'dependencies' | 'tests', words: string): FeatureSpec {
  return {
    name: `change_touches_${part}`,
    value: (c) => (c.run.changes === undefined ? Number.NaN : flag(c.run.changes[part])),
    describe: (v) =>
      Number.isNaN(v)
        ? `unknown whether the commit touches ${words}`
        : v === 1
          ? `the commit touches ${words}`
          : `the commit does not touch ${words}`,
  };
}

export const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'workflow_prev_failed',
    value: (c) => previous(c.workflow, 1),
    describe: (v) => outcomeWords(v, 'previous run of this workflow'),
  },
  {
    name: 'workflow_prev2_failed',
    value: (c) => previous(c.workflow, 2),
    describe: (v) => outcomeWords(v, 'second-to-last run of this workflow'),
  },
  {
    name: 'workflow_prev_cancelled',
    value: (c) => {
      const e = c.workflow.latest();
      return e === undefined ? Number.NaN : flag(e.outcome === Outcome.Other);
    },
    describe: (v) =>
      v === 1 ? 'latest run of this workflow was cancelled or skipped' : 'latest run of this workflow completed',
  },
  {
    name: 'workflow_failure_streak',
    value: (c) => c.workflow.failureStreak(),
    describe: (v) =>
      v === 0
        ? 'the latest finished run of this workflow did not fail'
        : `this workflow has failed ${v} time${v === 1 ? '' : 's'} in a row`,
  },
  {
    name: 'workflow_failure_rate_5',
    value: (c) => c.workflow.recentFailureRate(5, PRIOR),
    describe: (v) => `about ${pct(v)} of this workflow's last 5 runs failed`,
  },
  {
    name: 'workflow_failure_rate_20',
    value: (c) => c.workflow.recentFailureRate(20, PRIOR),
    describe: (v) => `about ${pct(v)} of this workflow's last 20 runs failed`,
  },
  {
    name: 'workflow_failure_rate_all',
    value: (c) => c.workflow.overallFailureRate(PRIOR),
    describe: (v) => `about ${pct(v)} of all runs of this workflow failed`,
  },
  {
    name: 'workflow_failure_rate_24h',
    value: (c) => c.workflow.failureRateSince(c.run.createdAt - DAY, PRIOR),
    describe: (v) => `about ${pct(v)} of this workflow's runs in the last 24 h failed`,
  },
  {
    name: 'workflow_run_count',
    value: (c) => capped(c.workflow.labelledCount),
    describe: (v) => `this workflow has ${countWords(v)} finished runs`,
  },
  {
    name: 'workflow_hours_since_last_run',
    value: (c) => since(c, c.workflow.latest()?.createdAt),
    describe: (v) =>
      Number.isNaN(v) ? 'first run of this workflow' : `last run of this workflow was ${hours(v)} earlier`,
  },
  {
    name: 'workflow_hours_since_success',
    value: (c) => since(c, c.workflow.lastSuccessAt()),
    describe: (v) =>
      Number.isNaN(v) ? 'this workflow never succeeded before' : `this workflow last succeeded ${hours(v)} earlier`,
  },
  {
    name: 'workflow_runs_in_progress',
    value: (c) => c.workflow.running,
    describe: (v) => `${v} other run${v === 1 ? '' : 's'} of this workflow still in progress`,
  },
  {
    name: 'branch_workflow_prev_failed',
    value: (c) => previous(c.workflowBranch, 1),
    describe: (v) => outcomeWords(v, 'previous run of this workflow on this branch'),
  },
  {
    name: 'branch_workflow_prev_same_commit',
    value: (c) => {
      const e = c.workflowBranch.latest();
      return e === undefined ? Number.NaN : flag(e.sha === c.run.sha);
    },
    describe: (v) =>
      v === 1 ? 'a re-run of the same commit on this branch' : 'a new commit since the last run on this branch',
  },
  {
    name: 'branch_workflow_failure_streak',
    value: (c) => c.workflowBranch.failureStreak(),
    describe: (v) =>
      v === 0
        ? 'no failure streak of this workflow on this branch'
        : `this workflow has failed ${v} time${v === 1 ? '' : 's'} in a row on this branch`,
  },
  {
    name: 'branch_workflow_failure_rate_10',
    value: (c) => c.workflowBranch.recentFailureRate(10, PRIOR),
    describe: (v) => `about ${pct(v)} of this workflow's last runs on this branch failed`,
  },
  {
    name: 'branch_workflow_run_count',
    value: (c) => capped(c.workflowBranch.labelledCount),
    describe: (v) => `${countWords(v)} finished runs of this workflow on this branch`,
  },
  {
    name: 'branch_workflow_hours_since_last_run',
    value: (c) => since(c, c.workflowBranch.latest()?.createdAt),
    describe: (v) =>
      Number.isNaN(v) ? 'first run of this workflow on this branch' : `last run on this branch was ${hours(v)} earlier`,
  },
  {
    name: 'branch_workflow_runs_in_progress',
    value: (c) => c.workflowBranch.running,
    describe: (v) => `${v} other run${v === 1 ? '' : 's'} of this workflow on this branch still in progress`,
  },
  {
    name: 'commit_run_count',
    value: (c) => c.commit.labelledCount,
    describe: (v) => `${v} finished runs on this commit`,
  },
  {
    name: 'commit_failures',
    value: (c) => c.commit.failureCount,
    describe: (v) => `${v} run${v === 1 ? '' : 's'} on this commit already failed`,
  },
  {
    name: 'commit_workflow_attempts',
    value: (c) => c.workflowCommit.labelledCount,
    describe: (v) =>
      v === 0
        ? 'first run of this workflow on this commit'
        : `${v} earlier attempt${v === 1 ? '' : 's'} of this workflow on this commit`,
  },
  {
    name: 'commit_workflow_failures',
    value: (c) => c.workflowCommit.failureCount,
    describe: (v) => `${v} earlier attempt${v === 1 ? '' : 's'} of this workflow on this commit failed`,
  },
  {
    name: 'commit_runs_in_progress',
    value: (c) => c.commit.running,
    describe: (v) => `${v} other run${v === 1 ? '' : 's'} on this commit still in progress`,
  },
  {
    name: 'actor_failure_rate_30',
    value: (c) => c.actor.recentFailureRate(30, PRIOR),
    describe: (v) => `about ${pct(v)} of this actor's recent runs failed`,
  },
  {
    name: 'actor_failure_rate_5',
    value: (c) => c.actor.recentFailureRate(5, PRIOR),
    describe: (v) => `about ${pct(v)} of this actor's last 5 runs failed`,
  },
  {
    name: 'actor_prev_failed',
    value: (c) => previous(c.actor, 1),
    describe: (v) => outcomeWords(v, "this actor's previous run"),
  },
  {
    name: 'actor_run_count',
    value: (c) => capped(c.actor.labelledCount),
    describe: (v) => `this actor has ${countWords(v)} finished runs`,
  },
  {
    name: 'actor_workflow_prev_failed',
    value: (c) => previous(c.actorWorkflow, 1),
    describe: (v) => outcomeWords(v, "this actor's previous run of this workflow"),
  },
  {
    name: 'actor_workflow_failure_rate_10',
    value: (c) => c.actorWorkflow.recentFailureRate(10, PRIOR),
    describe: (v) => `about ${pct(v)} of this actor's recent runs of this workflow failed`,
  },
  {
    name: 'repo_runs_in_progress',
    value: (c) => c.repo.running,
    describe: (v) => `${v} run${v === 1 ? '' : 's'} of the repository in progress`,
  },
  {
    name: 'actor_is_bot',
    value: (c) => flag(c.run.actorIsBot),
    describe: (v) => (v === 1 ? 'triggered by a bot' : 'triggered by a person'),
  },
  {
    name: 'branch_prev_failed',
    value: (c) => previous(c.branch, 1),
    describe: (v) => outcomeWords(v, 'previous run on this branch'),
  },
  {
    name: 'branch_failure_rate_20',
    value: (c) => c.branch.recentFailureRate(20, PRIOR),
    describe: (v) => `about ${pct(v)} of recent runs on this branch failed`,
  },
  {
    name: 'branch_run_count',
    value: (c) => capped(c.branch.labelledCount),
    describe: (v) => `${countWords(v)} finished runs on this branch`,
  },
  {
    name: 'branch_is_default',
    value: (c) => flag(c.run.branch === 'main' || c.run.branch === 'master'),
    describe: (v) => (v === 1 ? 'on the main branch' : 'not on the main branch'),
  },
  {
    name: 'repo_failure_rate_50',
    value: (c) => c.repo.recentFailureRate(50, PRIOR),
    describe: (v) => `about ${pct(v)} of the repository's last 50 runs failed`,
  },
  {
    name: 'event',
    value: (c) => {
      const i = EVENTS.indexOf(c.run.event);
      return i === -1 ? EVENTS.length : i;
    },
    describe: (v) => `triggered by ${EVENTS[v] ?? 'another event'}`,
  },
  {
    name: 'hour_utc',
    value: (c) => new Date(c.run.createdAt).getUTCHours(),
    describe: (v) => `started at ${v}:00 UTC`,
  },
  {
    name: 'weekday_utc',
    value: (c) => new Date(c.run.createdAt).getUTCDay(),
    describe: (v) =>
      `started on a ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][v] ?? 'day'}`,
  },
  {
    name: 'change_files',
    value: (c) => c.run.changes?.files ?? Number.NaN,
    describe: (v) =>
      Number.isNaN(v) ? 'files changed unknown (no local clone)' : `the commit changes ${v} file${v === 1 ? '' : 's'}`,
  },
  {
    name: 'change_lines',
    value: (c) => c.run.changes?.lines ?? Number.NaN,
    describe: (v) =>
      Number.isNaN(v) ? 'size of change unknown (no local clone)' : `the commit changes ${v} line${v === 1 ? '' : 's'}`,
  },
  changeTouches('workflow', 'a workflow file'),
  changeTouches('dependencies', 'dependency manifests'),
  changeTouches('tests', 'tests'),
  nameHas(/test/i, 'tests'),
  nameHas(/lint|format|style/i, 'lint'),
  nameHas(/build|compile/i, 'build'),
  nameHas(/deploy|publish|release|pages/i, 'deploy'),
  nameHas(/update|bump|upgrade|npm_and_yarn|pip|cargo/i, 'dependency updates'),
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);
