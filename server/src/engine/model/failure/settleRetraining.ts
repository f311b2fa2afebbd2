// What a finished retraining changes, and how it is said: the workflow model trained on the repository replaces the
// default only when it beat it on the newest runs (one that lost sends the extension back to the default and is
// forgotten: the newest runs are the better judge); the job model is used only when it beat the workflow model on the
// newest job results (one that lost is forgotten, with any stored earlier). Models that win are stored for the next
// session.
import type { RetrainResults } from './retrainWorkerMessages';
import { comparisonText } from './repoRetraining';
import { trainingRowsText } from './trainingRows';
import type { FailureRiskStore, ModelInUse } from './failureRiskStore';

/** How a job model's comparison names its rows and models. */
const JOB_WORDS = { rows: 'job results', repo: 'job model', incumbent: 'workflow model' } as const;

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
    model = await store.saveRepoModel(repo, runs.model, comparisonText(runs.comparison));
    workflowMessage = `Now using the model trained on ${repo}: it beat the default ${comparisonText(runs.comparison)}. ${trainingRowsText(runs.report.rows)}`;
  } else {
    await store.removeRepoModel(repo, 'runs');
    model = defaultModel;
    workflowMessage = `Kept the default model: the one trained on ${repo} did not beat it ${comparisonText(runs.comparison)}. ${trainingRowsText(runs.report.rows)}`;
  }
  let jobModel: ModelInUse | undefined;
  let jobMessage: string;
  if (jobs.ok && jobs.beatsIncumbent) {
    jobModel = await store.saveRepoModel(repo, jobs.model, comparisonText(jobs.comparison, JOB_WORDS), 'jobs');
    jobMessage = `Jobs now use the job model trained on ${repo}: it beat the workflow model on jobs ${comparisonText(jobs.comparison, JOB_WORDS)}.`;
  } else {
    await store.removeRepoModel(repo, 'jobs');
    jobMessage = jobs.ok
      ? `Jobs keep the workflow model: the job model did not beat it ${comparisonText(jobs.comparison, JOB_WORDS)}.`
      : `No job model: ${jobs.error}.`;
  }
  return { ok: runs.ok, message: `${workflowMessage} ${jobMessage}`, model, jobModel };
}
