// A repository whose CI fails the way the default failure model does not expect: a failure is usually followed by a
// success and a success by a failure (a flaky shared resource that one run breaks and the next one resets), with 10 %
// of runs breaking the pattern. The default model learned from public repositories that failures persist, so on the
// newest 20 % of this history it does worse than a model trained on the repository itself. Runs finish ten minutes
// after they start, three hours apart; the newest one failed, so the two models disagree about the next run. Its lint
// job never fails: a model trained on runs, applied to lint's all-green history, expects the failure that follows a
// success, so a job-level model beats it on the jobs.
import { seededRandom } from '../seededRandom';
import type { ActionsStandIn } from './actionsStandIn';

export const FLAKY_OWNER = 'preflight-dev';
export const FLAKY_REPO = 'flaky-pipeline';
/** Every run the training history reads (10 pages of 100). */
export const FLAKY_RUNS = 1000;
const JOBS = [
  { name: 'test', steps: ['Set up job', 'Checkout', 'Run pytest', 'Complete job'] },
  { name: 'lint', steps: ['Set up job', 'Checkout', 'Run ruff', 'Complete job'] },
];

/**
 * Adds the repository and its history to a stand-in whose clock is `clock.at` (the scenario moves it to give each run
 * its times, then leaves it at `endAt`). Returns each run's outcome, oldest first (true: failed).
 */
export function addFlakyHistory(standIn: ActionsStandIn, clock: { at: number }, endAt: number, seed = 7): boolean[] {
  const state = standIn.state;
  state.addRepo(FLAKY_OWNER, FLAKY_REPO);
  const ci = state.addWorkflow(FLAKY_OWNER, FLAKY_REPO, 'CI', '.github/workflows/ci.yml');
  const random = seededRandom(seed);
  const outcomes: boolean[] = [];
  let failed = false;
  for (let i = 0; i < FLAKY_RUNS; i++) {
    failed = i === FLAKY_RUNS - 1 ? true : random() < 0.1 ? failed : !failed;
    clock.at = endAt - (FLAKY_RUNS - i) * 3 * 3_600_000;
    const run = state.addRun({ workflowId: ci.id, branch: 'main', title: `Change ${i + 1}`, jobs: JOBS });
    clock.at += 10 * 60_000;
    state.completeRun(run.id, failed ? ['test'] : []);
    outcomes.push(failed);
  }
  clock.at = endAt;
  return outcomes;
}
