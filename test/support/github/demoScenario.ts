// The scenario the demo and the E2E suite start: a repository with two workflows, a finished failed run (so "Re-run
// failed jobs" has something to do), a green run, and a run that is in progress and completes a few seconds later.
import type { ActionsStandIn } from './actionsStandIn';

export const DEMO_OWNER = 'preflight-dev';
export const DEMO_REPO = 'ml-demo';
export const DEMO_BRANCH = 'main';

export interface DemoScenario {
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
  const green = state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: 'Add params for the learning rate', jobs: ciJobs });
  state.completeRun(green.id);
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
