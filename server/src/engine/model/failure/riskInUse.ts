// What a risk figure becomes before anyone sees it, and how it is shown. The model's probability goes through the
// repository calibration (repoCalibration.ts), then is shrunk toward the repository's failure rate when the workflow or
// job has little history of its own: a model that has seen five runs of a job has no business saying ">99 %". That is
// the model's figure; the risk in use weighs it against the repository's own record after a failure or a success
// (outcomeRecord.ts), each by how well it predicted the repository's finished results (fitRiskInUse.ts). A percentage is
// shown only when the calibration rests on enough of the repository's own results and the subject has a history; until
// then the risk is shown as a band (low / elevated / high) with the reason.
import { riskLevel, type RiskLevel } from '../../../../../protocol/failureRisk';
import type { EvidenceMinimums } from './adoptionEvidence';
import { EMPTY_RECORD, recordRisk, tallyAfter, type OutcomeTally, type RecordBlend } from './outcomeRecord';
import { applyRepoCalibration, isCalibratedOnRepository, type RepoCalibration } from './repoCalibration';

export interface RiskUse {
  /** The repository calibration of the model in use (SHIPPED_CALIBRATION until fitted). */
  readonly calibration: RepoCalibration;
  /** How many results make a calibration trustworthy (the evidence settings). */
  readonly minimums: EvidenceMinimums;
  /** "acme/ml", for the reason a band gives. */
  readonly repository: string;
  /** The model's training failure rate: the prior for a repository with few results of its own. */
  readonly trainingFailureRate: number;
}

/** Finished runs of a workflow or job below which its risk is a band: too few to tell it from its neighbours. */
export const MIN_SUBJECT_RUNS = 10;
/** Pseudo-runs of the repository's failure rate a subject's risk is shrunk with (5 runs of history: halfway). */
const SHRINK_RUNS = 5;
/** Pseudo-results of the training failure rate in the repository's rate while it has few results. */
const RATE_PRIOR_RESULTS = 20;

export type RiskShown =
  { readonly kind: 'percent' } | { readonly kind: 'band'; readonly level: RiskLevel; readonly reason: string };

/** The repository's failure rate as the calibration saw it, leaning on the training rate while results are few. */
export function repositoryFailureRate(use: Pick<RiskUse, 'calibration' | 'trainingFailureRate'>): number {
  const { results, failures } = use.calibration;
  return (failures + RATE_PRIOR_RESULTS * use.trainingFailureRate) / (results + RATE_PRIOR_RESULTS);
}

/** The model's figure: its probability `p` calibrated on the repository, and shrunk when the subject's history is thin. */
export function modelRiskAsUsed(
  use: Pick<RiskUse, 'calibration' | 'trainingFailureRate'>,
  p: number,
  previousFailed: number,
  subjectRuns: number,
): number {
  const calibrated = applyRepoCalibration(use.calibration, p, previousFailed);
  const n = Math.max(0, subjectRuns);
  return (n * calibrated + SHRINK_RUNS * repositoryFailureRate(use)) / (n + SHRINK_RUNS);
}

/** The record's part of a risk in use, for the words that explain it. */
export interface RecordPart {
  /** The record's figure (recordRisk). */
  readonly risk: number;
  /** The subject's own results after its latest outcome, and how many of them failed; and the repository's. */
  readonly tally: OutcomeTally;
  readonly repositoryTally: OutcomeTally;
  readonly previousFailed: number;
  /** The weights and the evidence they rest on. */
  readonly blend: RecordBlend;
}

/** The record's part for a subject (subjectOf its runs) whose latest outcome was `previousFailed`; none without one. */
export function recordPart(use: RiskUse, previousFailed: number, subject: string): RecordPart | undefined {
  const record = use.calibration.record;
  if (!record) return undefined;
  const own = record.subjects.get(subject);
  return {
    risk: recordRisk(record.overall, own, previousFailed, use.trainingFailureRate),
    tally: tallyAfter(own ?? EMPTY_RECORD, previousFailed),
    repositoryTally: tallyAfter(record.overall, previousFailed),
    previousFailed,
    blend: record.blend,
  };
}

/**
 * The risk in use for the model's probability `p`: the model's figure, weighed against the record of the subject
 * (`subject`: subjectOf its runs) when the calibration carries one.
 */
export function riskAsUsed(
  use: RiskUse,
  p: number,
  previousFailed: number,
  subjectRuns: number,
  subject: string,
): number {
  const model = modelRiskAsUsed(use, p, previousFailed, subjectRuns);
  const record = recordPart(use, previousFailed, subject);
  if (!record) return model;
  const w = record.blend.modelWeight;
  return w * model + (1 - w) * record.risk;
}

/** A percentage, or a band with the reason there is no percentage yet. */
export function riskShown(
  use: RiskUse,
  probability: number,
  subjectRuns: number,
  subject: 'workflow' | 'job',
): RiskShown {
  const { calibration, minimums } = use;
  if (!isCalibratedOnRepository(calibration, minimums)) {
    const short =
      calibration.results < minimums.results
        ? `${calibration.results} of the ${minimums.results} finished results it needs`
        : `${calibration.failures} of the ${minimums.failures} failures it needs`;
    return {
      kind: 'band',
      level: riskLevel(probability),
      reason: `not calibrated on ${use.repository} yet (${short})`,
    };
  }
  if (subjectRuns < MIN_SUBJECT_RUNS)
    return {
      kind: 'band',
      level: riskLevel(probability),
      reason: `only ${subjectRuns} finished run${subjectRuns === 1 ? '' : 's'} of this ${subject} to go on`,
    };
  return { kind: 'percent' };
}
