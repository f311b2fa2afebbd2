// Run history for failure risk, added to the demo scenario's repository: past runs of CI on feature branches (so the
// panel's list of the main branch stays as the demo has it), every three hours by default, with the `test` job failing
// now and then and in the last two runs, so the next run's risk is raised for reasons the explanation can name.
import type { ActionsStandIn } from './actionsStandIn';
import { DEMO_OWNER, DEMO_REPO } from './demoScenario';

export const HISTORY_RUNS = 36;
const FAILING = new Set([4, 5, 11, 17, 18, 19, 26, 34, 35]);
const CI_JOBS = [
  { name: 'lint', steps: ['Set up job', 'Checkout', 'Run preflight check', 'Complete job'] },
  {
    name: 'test',
    steps: ['Set up job', 'Checkout', 'Set up Python', 'Install dependencies', 'Run pytest', 'Complete job'],
  },
];

export interface RiskHistoryOptions {
  /** The stand-in's clock. */
  readonly now?: number;
  /** Hours between two runs (the demo spreads the history over two weeks). */
  readonly spacingHours?: number;
  /** Runs (0-based, oldest first) whose `test` job fails, then passes when re-run: a flaky job. */
  readonly flaky?: readonly number[];
  /** How many runs (default HISTORY_RUNS); longer histories repeat the same failure pattern. */
  readonly runs?: number;
}

/** Adds the history. Returns the ids of the runs added, oldest first. */
export function addRiskHistory(standIn: ActionsStandIn, options: RiskHistoryOptions = {}): number[] {
  const { now = Date.now(), spacingHours = 3, flaky = [], runs = HISTORY_RUNS } = options;
  const state = standIn.state;
  const ci = [...state.workflows.values()].find(
    (w) => w.repoKey === `${DEMO_OWNER}/${DEMO_REPO}` && w.path === '.github/workflows/ci.yml',
  );
  if (!ci) throw new Error('start the demo scenario first: it adds the CI workflow');
  const ids: number[] = [];
  for (let i = 0; i < runs; i++) {
    const createdAt = new Date(now - (runs - i) * spacingHours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const run = state.addRun({
      workflowId: ci.id,
      branch: `feature/data-${i % 4}`,
      actor: i % 5 === 0 ? 'dependabot[bot]' : 'octocat',
      title: `Change ${i + 1}`,
      createdAt,
      jobs: CI_JOBS,
    });
    const flakes = flaky.includes(i);
    // The pattern repeats and ends where the history ends: the test job fails in the last two runs whatever their number.
    const inPattern = (((i + HISTORY_RUNS - runs) % HISTORY_RUNS) + HISTORY_RUNS) % HISTORY_RUNS;
    state.completeRun(run.id, FAILING.has(inPattern) || flakes ? ['test'] : []);
    if (flakes) {
      state.rerun(run.id, (job) => job.conclusion === 'failure');
      state.completeRun(run.id);
    }
    ids.push(run.id);
  }
  return ids;
}
