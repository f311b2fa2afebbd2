// The scenario the demo and the E2E suite start: a repository with two workflows, a week of finished CI runs (so the
// duration lenses and the job graph have history), a finished failed run (so "Re-run failed jobs" has something to
// do), a green run, and a run that is in progress and completes a few seconds later.
import type { ActionsStandIn } from './actionsStandIn';

export const DEMO_OWNER = 'preflight-dev';
export const DEMO_REPO = 'ml-demo';
export const DEMO_BRANCH = 'main';

/** Past CI runs: hours ago, and how long lint and test took (seconds). */
const CI_HISTORY: readonly { readonly hoursAgo: number; readonly lint: number; readonly test: number }[] = [
  { hoursAgo: 100, lint: 38, test: 170 },
  { hoursAgo: 76, lint: 42, test: 185 },
  { hoursAgo: 52, lint: 40, test: 240 },
  { hoursAgo: 28, lint: 45, test: 200 },
];

export interface DemoScenario {
  /** The past CI runs, oldest first. */
  readonly historyRunIds: readonly number[];
  readonly failedRunId: number;
  readonly greenRunId: number;
  readonly liveRunId: number;
  /** Moves the live run forward one step; returns false once it has completed. */
  step(): boolean;
}

export function startDemoScenario(standIn: ActionsStandIn): DemoScenario {
  const state = standIn.state;
  state.addRepo(DEMO_OWNER, DEMO_REPO, DEMO_BRANCH);
  const ci = state.addWorkflow(DEMO_OWNER, DEMO_REPO, 'CI', '.github/workflows/ci.yml');
  const train = state.addWorkflow(DEMO_OWNER, DEMO_REPO, 'Train model', '.github/workflows/train.yml');
  const ciJobs = [
    { name: 'lint', steps: ['Set up job', 'Checkout', 'Run preflight check', 'Complete job'] },
    { name: 'test', steps: ['Set up job', 'Checkout', 'Set up Python', 'Install dependencies', 'Run pytest', 'Complete job'] },
  ];
  const now = Date.now();
  const historyRunIds = CI_HISTORY.map(({ hoursAgo, lint, test }, i) => {
    const start = now - hoursAgo * 3_600_000;
    const run = state.at(start, () => state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: `Tune the features (${i + 1})`, jobs: ciJobs }));
    state.at(start, () => { state.startRun(run.id); });
    state.at(start + lint * 1000, () => { state.finishJob(run.id, 'lint'); });
    state.at(start + test * 1000, () => { state.finishJob(run.id, 'test'); });
    return run.id;
  });
  const greenStart = now - 4 * 3_600_000;
  const green = state.at(greenStart, () => state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: 'Add params for the learning rate', jobs: ciJobs }));
  state.at(greenStart, () => { state.startRun(green.id); });
  state.at(greenStart + 41_000, () => { state.finishJob(green.id, 'lint'); });
  state.at(greenStart + 195_000, () => { state.finishJob(green.id, 'test'); });
  const failed = state.addRun({ workflowId: train.id, branch: DEMO_BRANCH, title: 'Train with the new features', jobs: [
    { name: 'prepare data', steps: ['Set up job', 'Checkout', 'dvc pull', 'Complete job'] },
    { name: 'train', steps: ['Set up job', 'Checkout', 'Set up Python', 'Train', 'Evaluate', 'Complete job'] },
  ] });
  state.startRun(failed.id);
  state.finishJob(failed.id, 'prepare data');
  state.finishJob(failed.id, 'train', 4);
  const live = state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: 'Use <b>bold</b> & "quotes" in the title', jobs: ciJobs });
  let ticks = 0;
  return {
    historyRunIds,
    failedRunId: failed.id,
    greenRunId: green.id,
    liveRunId: live.id,
    step(): boolean {
      ticks++;
      const run = state.run(live.id);
      if (run.status === 'completed') return false;
      if (run.status === 'queued') state.startRun(live.id);
      else if (ticks < 5) {
        state.advanceStep(live.id, 'lint');
        state.advanceStep(live.id, 'test');
      } else state.completeRun(live.id);
      return true;
    },
  };
}
