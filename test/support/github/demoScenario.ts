// The scenario the demo and the E2E suite start: a repository with two workflows, a week of finished CI runs (so the
// duration lenses and the job graph have history), a finished failed run (so "Re-run failed jobs" has something to
// do, with a log that shows a real-looking failure), a green run, and a run that is in progress and completes a few
// seconds later.
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

/**
 * What the failed run's `train` job printed: a real-looking Python failure at its 4th step ("Train"). A re-run fails the
 * same way (the bug is in the code, not the runner).
 */
const TRAIN_FAILURE = {
  job: 'train',
  step: 4,
  output: {
    'Set up Python': [
      'Successfully set up CPython (3.11.9)',
      'Installing dependencies from requirements.txt',
      'Successfully installed numpy-1.26.4 scikit-learn-1.5.1 skl2onnx-1.17.0 pyyaml-6.0.1',
    ],
    Train: [
      'python src/train.py',
      'shell: /usr/bin/bash -e {0}',
      'Loading data/features/train.npz: 12408 rows, 4 features',
      'Traceback (most recent call last):',
      '  File "/home/runner/work/ml-demo/ml-demo/src/train.py", line 13, in <module>',
      '    parser.add_argument("--learning-rate", type=float, default=params["learning_rate"])',
      '                                                                ~~~~~~^^^^^^^^^^^^^^^^^',
      "KeyError: 'learning_rate'",
    ],
  },
} as const;

export interface DemoScenario {
  /** The past CI runs, oldest first. */
  readonly historyRunIds: readonly number[];
  readonly failedRunId: number;
  readonly greenRunId: number;
  readonly liveRunId: number;
  /** Moves the live run forward one step; returns false once it has completed. */
  step(): boolean;
  /** Runs the jobs a re-run queued, to the end: the failed run's `train` job fails again at the same step. */
  completeRerun(runId: number): void;
}

export function startDemoScenario(standIn: ActionsStandIn): DemoScenario {
  const state = standIn.state;
  state.addRepo(DEMO_OWNER, DEMO_REPO, DEMO_BRANCH);
  const ci = state.addWorkflow(DEMO_OWNER, DEMO_REPO, 'CI', '.github/workflows/ci.yml');
  const train = state.addWorkflow(DEMO_OWNER, DEMO_REPO, 'Train model', '.github/workflows/train.yml');
  const ciJobs = [
    { name: 'lint', steps: ['Set up job', 'Checkout', 'Run preflight check', 'Complete job'] },
    {
      name: 'test',
      steps: ['Set up job', 'Checkout', 'Set up Python', 'Install dependencies', 'Run pytest', 'Complete job'],
    },
  ];
  const now = Date.now();
  const historyRunIds = CI_HISTORY.map(({ hoursAgo, lint, test }, i) => {
    const start = now - hoursAgo * 3_600_000;
    const run = state.at(start, () =>
      state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: `Tune the features (${i + 1})`, jobs: ciJobs }),
    );
    state.at(start, () => {
      state.startRun(run.id);
    });
    state.at(start + lint * 1000, () => {
      state.finishJob(run.id, 'lint');
    });
    state.at(start + test * 1000, () => {
      state.finishJob(run.id, 'test');
    });
    return run.id;
  });
  const greenStart = now - 4 * 3_600_000;
  const green = state.at(greenStart, () =>
    state.addRun({ workflowId: ci.id, branch: DEMO_BRANCH, title: 'Add params for the learning rate', jobs: ciJobs }),
  );
  state.at(greenStart, () => {
    state.startRun(green.id);
  });
  state.at(greenStart + 41_000, () => {
    state.finishJob(green.id, 'lint');
  });
  state.at(greenStart + 195_000, () => {
    state.finishJob(green.id, 'test');
  });
  // Pushed 25 minutes ago; data prepared in a minute, training failed five minutes later.
  const failedStart = now - 25 * 60_000;
  const failed = state.at(failedStart, () =>
    state.addRun({
      workflowId: train.id,
      branch: DEMO_BRANCH,
      title: 'Train with the new features',
      jobs: [
        { name: 'prepare data', steps: ['Set up job', 'Checkout', 'dvc pull', 'Complete job'] },
        { name: 'train', steps: ['Set up job', 'Checkout', 'Set up Python', 'Train', 'Evaluate', 'Complete job'] },
      ],
    }),
  );
  state.at(failedStart, () => {
    state.startRun(failed.id);
  });
  state.at(failedStart + 60_000, () => {
    state.finishJob(failed.id, 'prepare data');
  });
  state.at(failedStart + 6 * 60_000, () => {
    state.finishJob(failed.id, TRAIN_FAILURE.job, TRAIN_FAILURE.step, TRAIN_FAILURE.output);
  });
  const live = state.addRun({
    workflowId: ci.id,
    branch: DEMO_BRANCH,
    title: 'Use <b>bold</b> & "quotes" in the title',
    jobs: ciJobs,
  });
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
    completeRerun(runId: number): void {
      const run = state.run(runId);
      if (run.status === 'queued') state.startRun(runId);
      for (const job of state.latestJobs(run).filter((j) => j.status !== 'completed')) {
        if (runId === failed.id && job.name === TRAIN_FAILURE.job)
          state.finishJob(runId, job.name, TRAIN_FAILURE.step, TRAIN_FAILURE.output);
        else state.finishJob(runId, job.name);
      }
    },
  };
}
