// What the language server and its retraining worker (retrainWorker.ts) pass each other. Everything is plain data, so it
// crosses the thread boundary by structured clone (typed arrays in the trees included).
import type { EvidenceMinimums } from './adoptionEvidence';
import type { FailureModel } from './failureModel';
import type { RetrainOutcome } from './repoRetraining';
import type { RunRecord } from '../runs/runRecord';

export interface RetrainWorkerInput {
  readonly runs: readonly RunRecord[];
  readonly defaultModel: FailureModel;
  /** ISO 8601: the trained model's `trainedAt`. */
  readonly now: string;
  /** What a retrained model must be judged on before it replaces one (the user's settings). */
  readonly evidence: EvidenceMinimums;
}

/** Trees grown so far in the boosting rounds (early stopping ends them before `maxTrees` as a rule), per model: the
 * workflow-level model first, then the job-level one. */
export interface TreesGrown {
  readonly model: 'runs' | 'jobs';
  readonly tree: number;
  readonly maxTrees: number;
}

/** The workflow-level outcome, and the job-level one (trained against whichever workflow model will be in use). */
export interface RetrainResults {
  readonly runs: RetrainOutcome;
  readonly jobs: RetrainOutcome;
}

export type RetrainWorkerMessage =
  | { readonly type: 'progress'; readonly progress: TreesGrown }
  | { readonly type: 'done'; readonly outcome: RetrainResults };
