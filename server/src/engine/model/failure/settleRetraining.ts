// What a finished retraining changes, and how it is said: the workflow model trained on the repository replaces the
// default only when the evidence says it is better on the newest runs (adoptionEvidence.ts; one that is not sends the
// extension back to the default and is forgotten: the newest runs are the better judge); the job model is used only when
// the evidence says it beats the workflow model on the newest job results (otherwise it is forgotten, with any stored
// earlier). The message says what was compared, on how many results, and the interval. Adopted models are stored for
// the next session.
import type { RetrainResults } from './retrainWorkerMessages';
import { retrainComparisonText, type RetrainOutcome } from './repoRetraining';
import { trainingRowsText } from './trainingRows';
import type { FailureRiskStore, ModelInUse } from './failureRiskStore';

/** How a job model's comparison names its rows and models. */
const JOB_WORDS = { rows: 'job results', candidate: 'job model', incumbent: 'workflow model' } as const;

/** Why a retrained model was not adopted, in words: too little evidence, or not clearly better. */
function notAdopted(outcome: Extract<RetrainOutcome, { ok: true }>, what: string): string {
  return outcome.comparison.paired.verdict === 'too-little-evidence'
    ? `${what} cannot be judged yet`
    : `${what} is not clearly better`;
}

export interface SettledRetraining {
  readonly ok: boolean;
  /** One notification's worth: the workflow model's outcome, then the job model's. */
  readonly message: string;
  /** The workflow model to use from now on; undefined keeps the one in use (the training did not get that far). */
  readonly model: ModelInUse | undefined;
  /** The job model to use from now on; undefined: jobs use the workflow model. */
  readonly jobModel: ModelInUse | undefined;
}

export async function settleRetraining(
  results: RetrainResults,
  repo: string,
  defaultModel: ModelInUse,
  store: FailureRiskStore,
): Promise<SettledRetraining> {
  const { runs, jobs } = results;
  let model: ModelInUse | undefined;
  let workflowMessage: string;
  if (!runs.ok) workflowMessage = `Not retrained on ${repo}: ${runs.error}.`;
  else if (runs.beatsIncumbent) {
    const compared = retrainComparisonText(runs.comparison);
    model = await store.saveRepoModel(repo, runs.model, compared);
    workflowMessage = `Now using the model trained on ${repo}: it is better than the default ${compared}. ${trainingRowsText(runs.report.rows)}`;
  } else {
    await store.removeRepoModel(repo, 'runs');
    model = defaultModel;
    workflowMessage = `Kept the default model: ${notAdopted(runs, `the one trained on ${repo}`)} (${retrainComparisonText(runs.comparison)}). ${trainingRowsText(runs.report.rows)}`;
  }
  let jobModel: ModelInUse | undefined;
  let jobMessage: string;
  if (jobs.ok && jobs.beatsIncumbent) {
    const compared = retrainComparisonText(jobs.comparison, JOB_WORDS);
    jobModel = await store.saveRepoModel(repo, jobs.model, compared, 'jobs');
    jobMessage = `Jobs now use the job model trained on ${repo}: it is better than the workflow model on jobs ${compared}.`;
  } else {
    await store.removeRepoModel(repo, 'jobs');
    jobMessage = jobs.ok
      ? `Jobs keep the workflow model: ${notAdopted(jobs, 'the job model')} (${retrainComparisonText(jobs.comparison, JOB_WORDS)}).`
      : `No job model: ${jobs.error}.`;
  }
  return { ok: runs.ok, message: `${workflowMessage} ${jobMessage}`, model, jobModel };
}
