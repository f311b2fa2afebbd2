// The histories one run's features are read from, all as of the run's creation time (see runHistory.ts).
import type { RunRecord } from '../runs/runRecord';
import type { RunCounts, RunHistory } from './runHistory';

export interface FeatureContext {
  readonly run: RunRecord;
  /** Same repository and workflow. */
  readonly workflow: RunHistory;
  /** Same workflow and branch. */
  readonly workflowBranch: RunHistory;
  /** Same commit, any workflow of the repository. */
  readonly commit: RunCounts;
  /** Same commit and workflow: earlier attempts of exactly this run. */
  readonly workflowCommit: RunCounts;
  readonly actor: RunHistory;
  /** Same actor and workflow. */
  readonly actorWorkflow: RunHistory;
  /** Same branch, any workflow. */
  readonly branch: RunHistory;
  readonly repo: RunHistory;
}
