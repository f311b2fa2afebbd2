// Retraining on a repository's history, from reading it to deciding what is used: the history is read with its
// progress, the models grow in a worker thread (the server keeps answering, and Cancel stops it at once), and
// settleRetraining.ts adopts a model only on evidence. The caller shows the progress and says the message.
import type { EvidenceMinimums } from '../model/failure/adoptionEvidence';
import type { FailureRiskStore, ModelInUse } from '../model/failure/failureRiskStore';
import { retrainInWorker, type RetrainJob } from '../model/failure/retrainInWorker';
import { settleRetraining, type SettledRetraining } from '../model/failure/settleRetraining';
import { leftOutNote, TRAINING_HISTORY, type RepoRunHistory } from '../model/runs/repoRunHistory';

/** Long work as the front end shows it: a percentage with a message, and the user's Cancel. */
export interface WorkProgress {
  report(percent: number, message: string): void;
  /** True once the user cancelled (or the work no longer matters). */
  cancelled(): boolean;
  /** Called at once when the user cancels. */
  onCancel(listener: () => void): { dispose(): void };
}

export type RetrainingResult =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'settled'; readonly settled: SettledRetraining; readonly message: string };

export interface RetrainInput {
  readonly history: RepoRunHistory;
  readonly defaultModel: ModelInUse;
  readonly evidence: EvidenceMinimums;
  readonly now: number;
  readonly store: FailureRiskStore;
  readonly progress: WorkProgress;
  /** The worker in flight, so that a change of repository can cancel it too. */
  readonly onTraining?: (job: RetrainJob | undefined) => void;
}

/** Reads the training history (0–60 %), trains both models (65–95 %) and settles which are used. */
export async function retrainOnRepository(input: RetrainInput): Promise<RetrainingResult> {
  const { history, progress } = input;
  const fetched = await history.fetch(
    TRAINING_HISTORY,
    (p) => {
      progress.report(Math.round((60 * p.done) / Math.max(1, p.total)), p.message);
    },
    () => progress.cancelled(),
  );
  if (!fetched || progress.cancelled()) return { kind: 'cancelled' };
  const runs = fetched.runs;
  progress.report(65, `training on ${runs.length} runs`);
  const job = retrainInWorker(
    {
      runs,
      defaultModel: input.defaultModel.model,
      now: new Date(input.now).toISOString(),
      evidence: input.evidence,
    },
    (p) => {
      // The workflow model's trees fill 65–85 %, the job model's 85–95 %.
      const [from, span, what] = p.model === 'runs' ? [65, 20, `${runs.length} runs`] : [85, 10, 'their jobs'];
      progress.report(
        from + Math.round((span * p.tree) / Math.max(1, p.maxTrees)),
        `training on ${what}: ${p.tree} trees grown`,
      );
    },
  );
  input.onTraining?.(job);
  const onCancel = progress.onCancel(() => {
    job.cancel();
  });
  const trained = await job.result.finally(() => {
    onCancel.dispose();
    input.onTraining?.(undefined);
  });
  if (trained.kind === 'cancelled' || progress.cancelled()) return { kind: 'cancelled' };
  progress.report(95, 'saving');
  const settled = await settleRetraining(trained.outcome, history.name, input.defaultModel, input.store);
  return { kind: 'settled', settled, message: settled.message + leftOutNote(fetched) };
}
