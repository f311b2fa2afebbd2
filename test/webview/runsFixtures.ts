// Run snapshots for the webview tests: a running CI run, a failed and re-run training run, and a finished docs run, at
// times relative to a pinned NOW so durations and "ago" texts have known values.
import type { JobView, RunsMessage, RunView, StepView } from '../../protocol/runsView';

export const NOW = Date.parse('2026-11-20T12:00:00Z');

export function at(secondsBeforeNow: number): string {
  return new Date(NOW - secondsBeforeNow * 1000).toISOString();
}

export function step(
  number: number,
  name: string,
  status: StepView['status'],
  conclusion: StepView['conclusion'],
  startedAgo: number | null,
  completedAgo: number | null,
): StepView {
  return {
    number,
    name,
    status,
    conclusion,
    startedAt: startedAgo === null ? null : at(startedAgo),
    completedAt: completedAgo === null ? null : at(completedAgo),
  };
}

export const LINT_JOB: JobView = {
  id: 501,
  name: 'lint',
  status: 'completed',
  conclusion: 'success',
  startedAt: at(300),
  completedAt: at(250),
  steps: [
    step(1, 'Set up job', 'completed', 'success', 300, 298),
    step(2, 'Run ruff', 'completed', 'success', 298, 252),
    step(3, 'Complete job', 'completed', 'success', 252, 250),
  ],
};

export const TEST_JOB: JobView = {
  id: 502,
  name: 'test (3.11, ubuntu-latest)',
  status: 'in_progress',
  conclusion: null,
  startedAt: at(200),
  completedAt: null,
  steps: [
    step(1, 'Set up job', 'completed', 'success', 200, 198),
    step(2, 'Install', 'completed', 'success', 198, 125),
    step(3, 'Run tests', 'in_progress', null, 125, null),
    step(4, 'Complete job', 'queued', null, null, null),
  ],
};

export const CI_RUN: RunView = {
  id: 9003,
  workflowName: 'CI',
  title: 'Speed up the data loader',
  headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  runNumber: 42,
  attempt: 1,
  event: 'push',
  actor: 'octocat',
  status: 'in_progress',
  conclusion: null,
  createdAt: at(310),
  startedAt: at(305),
  updatedAt: at(5),
  jobs: [LINT_JOB, TEST_JOB],
};

export const BUILD_JOB: JobView = {
  id: 401,
  name: 'build',
  status: 'completed',
  conclusion: 'success',
  startedAt: at(4000),
  completedAt: at(3900),
  steps: [
    step(1, 'Set up job', 'completed', 'success', 4000, 3999),
    step(2, 'Build wheel', 'completed', 'success', 3999, 3901),
    step(3, 'Complete job', 'completed', 'success', 3901, 3900),
  ],
};

export const TRAIN_JOB: JobView = {
  id: 402,
  name: 'train (gpu)',
  status: 'completed',
  conclusion: 'failure',
  startedAt: at(3890),
  completedAt: at(3600),
  steps: [
    step(1, 'Set up job', 'completed', 'success', 3890, 3888),
    step(2, 'Checkout', 'completed', 'success', 3888, 3885),
    step(3, 'Run training', 'completed', 'failure', 3885, 3602),
    step(4, 'Upload model', 'completed', 'skipped', null, null),
    step(5, 'Complete job', 'completed', 'success', 3601, 3600),
  ],
};

export const TRAIN_RUN: RunView = {
  id: 9002,
  workflowName: 'Train',
  title: 'Bump learning rate',
  headSha: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
  runNumber: 41,
  attempt: 2,
  event: 'workflow_dispatch',
  actor: 'mona',
  status: 'completed',
  conclusion: 'failure',
  createdAt: at(4100),
  startedAt: at(4010),
  updatedAt: at(3600),
  jobs: [BUILD_JOB, TRAIN_JOB],
};

export const DOCS_RUN: RunView = {
  id: 9001,
  workflowName: 'Docs',
  title: 'Fix typo in README',
  headSha: 'c3d4e5f60718293a4b5c6d7e8f90123456789012',
  runNumber: 40,
  attempt: 1,
  event: 'pull_request',
  actor: 'dependabot[bot]',
  status: 'completed',
  conclusion: 'success',
  createdAt: at(2 * 86400),
  startedAt: at(2 * 86400 - 10),
  updatedAt: at(2 * 86400 - 70),
  jobs: null,
};

export function runsMessage(
  runs: readonly RunView[] = [CI_RUN, TRAIN_RUN, DOCS_RUN],
  patch: Partial<Omit<RunsMessage, 'type'>> = {},
): RunsMessage {
  return {
    type: 'runs',
    state: { kind: 'ok' },
    repository: 'preflight-dev/ml-repo',
    branch: 'main',
    runs,
    updatedAt: at(12),
    ...patch,
  };
}
