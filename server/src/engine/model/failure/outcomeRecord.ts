// The rule "the previous run failed", made into an honest estimate: the repository's own record of how often a finished
// run (or job result) failed when the previous one of the same workflow (or job) had failed, and when it had succeeded.
// As a risk it is the subject's own rate after its latest outcome, shrunk toward the repository's rate after that outcome
// while the subject has few such results; the repository's rate is in turn shrunk toward its overall failure rate. Where
// failures come in long streaks (a workflow broken for weeks) the record says so after a few runs, where a model trained
// elsewhere takes much longer to learn it.

export interface OutcomeTally {
  readonly results: number;
  readonly failures: number;
}

export interface OutcomeRecord {
  readonly afterSuccess: OutcomeTally;
  readonly afterFailure: OutcomeTally;
}

/** The record of a repository and of each of its subjects, and how the risk in use weighs it against the model. */
export interface RepositoryRecord {
  readonly overall: OutcomeRecord;
  /** By subject (subjectOf: a workflow, or a job of one). */
  readonly subjects: ReadonlyMap<string, OutcomeRecord>;
  readonly blend: RecordBlend;
}

/**
 * The evidence the weights rest on: the model as used and the record, each as it would have been predicted when the
 * result's run was created, scored on the same finished results the model never learned from.
 */
export interface RecordBlend {
  readonly results: number;
  readonly failures: number;
  readonly modelBrier: number;
  readonly recordBrier: number;
  /** The model's share of the risk; the record has the rest. */
  readonly modelWeight: number;
}

export const EMPTY_RECORD: OutcomeRecord = {
  afterSuccess: { results: 0, failures: 0 },
  afterFailure: { results: 0, failures: 0 },
};

/** Pseudo-results of the repository's overall rate in its rate after a failure (or after a success). */
const REPOSITORY_PRIOR = 2;
/** Pseudo-results of the repository's rate after the same outcome in a subject's own rate (as riskInUse's thin history). */
const SUBJECT_PRIOR = 5;
/** Pseudo-results of the model's training failure rate in the repository's overall rate while it has few results. */
const OVERALL_PRIOR = 20;

/** The record with one more result: `failed` after a previous outcome that failed (`previousFailed` 1) or not. */
export function withResult(record: OutcomeRecord, previousFailed: number, failed: number): OutcomeRecord {
  const add = (t: OutcomeTally): OutcomeTally => ({
    results: t.results + 1,
    failures: t.failures + (failed === 1 ? 1 : 0),
  });
  return previousFailed === 1
    ? { ...record, afterFailure: add(record.afterFailure) }
    : { ...record, afterSuccess: add(record.afterSuccess) };
}

/** The tally that applies after the given previous outcome. */
export function tallyAfter(record: OutcomeRecord, previousFailed: number): OutcomeTally {
  return previousFailed === 1 ? record.afterFailure : record.afterSuccess;
}

/** The repository's failure rate over its record, leaning on the training rate while results are few. */
export function overallRate(repository: OutcomeRecord, trainingFailureRate: number): number {
  const { afterSuccess: s, afterFailure: f } = repository;
  return (s.failures + f.failures + OVERALL_PRIOR * trainingFailureRate) / (s.results + f.results + OVERALL_PRIOR);
}

/**
 * The record's risk for a subject whose previous finished result failed (`previousFailed` 1) or not: its own rate after
 * that outcome, shrunk toward the repository's (`subject` undefined: no result of its own yet).
 */
export function recordRisk(
  repository: OutcomeRecord,
  subject: OutcomeRecord | undefined,
  previousFailed: number,
  trainingFailureRate: number,
): number {
  const own = tallyAfter(repository, previousFailed);
  const repositoryRate =
    (own.failures + REPOSITORY_PRIOR * overallRate(repository, trainingFailureRate)) / (own.results + REPOSITORY_PRIOR);
  const mine = tallyAfter(subject ?? EMPTY_RECORD, previousFailed);
  return (mine.failures + SUBJECT_PRIOR * repositoryRate) / (mine.results + SUBJECT_PRIOR);
}
