// What the language server and its retraining worker (retrainWorker.ts) pass each other. Everything is plain data, so it
// crosses the thread boundary by structured clone (typed arrays in the trees included).
import type { FailureModel } from './failureModel';
import type { RetrainOutcome } from './repoRetraining';
import type { RunRecord } from '../runs/runRecord';

export interface RetrainWorkerInput {
  readonly runs: readonly RunRecord[];
  readonly defaultModel: FailureModel;
  /** ISO 8601: the trained model's `trainedAt`. */
  readonly now: string;
}

/** Trees grown so far in the boosting rounds (early stopping ends them before `maxTrees` as a rule). */
export interface TreesGrown {
  readonly tree: number;
  readonly maxTrees: number;
}

export type RetrainWorkerMessage =
  | { readonly type: 'progress'; readonly progress: TreesGrown }
  | { readonly type: 'done'; readonly outcome: RetrainOutcome };
