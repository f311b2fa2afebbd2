// The log of every risk prediction made for the editor, joined to the run it predicted once that run exists and to its
// outcome once it finishes. A prediction is for the NEXT run of a workflow on a branch, so the run it is about is the
// first run of that workflow and branch created after the prediction; until then, a newer prediction for the same
// workflow and branch replaces the older (what the user saw last before the run started is what gets judged). A job's
// prediction (made by a job model) is judged by that job's outcome in the run: failure if any of its legs failed.
import { calibrationBins } from '../metrics';
import { featureDrift, groupErrors, retrainVerdict, rollingQuality, type PredictionLogRecord } from '../monitoring';
import { isLabelled, type RunRecord } from '../runs/runRecord';
import type { FailureModel } from './failureModel';
import { FEATURE_NAMES } from './featureSpecs';
import { jobBaseName } from './jobTrainingTable';
import { jobOutcome, type RiskPrediction } from './workflowRisk';

export interface LoggedPrediction extends PredictionLogRecord {
  readonly workflowPath: string;
  readonly branch: string;
  /** Runs of this workflow and branch already in the history when predicting, created in the prediction's second:
   * the join's whole-second rule would otherwise take one of them for the run predicted. */
  readonly knownRunIds?: readonly string[];
  /** A job's prediction: the job's name without matrix values (jobBaseName); absent for the workflow's. */
  readonly job?: string;
}

/** Logs are kept bounded: the newest predictions matter for rolling quality and drift. */
const MAX_RECORDS = 2000;
/** PSI over fewer logged rows than this is noise, not drift. */
const MIN_ROWS_FOR_DRIFT = 30;

/** `history`: the runs the prediction was made from (their same-second runs are remembered as known). `job`: the job a
 * job model's prediction is for. */
export function loggedPrediction(
  prediction: RiskPrediction,
  workflowPath: string,
  modelId: string,
  predictedAt: number,
  history: readonly RunRecord[] = [],
  job?: string,
): LoggedPrediction {
  const next = prediction.next;
  const second = Math.floor(predictedAt / 1000) * 1000;
  const knownRunIds = history
    .filter((r) => r.workflowPath === workflowPath && r.branch === next.branch && r.createdAt >= second)
    .map((r) => r.id);
  return {
    ...(knownRunIds.length > 0 ? { knownRunIds } : {}),
    ...(job === undefined ? {} : { job }),
    runId: '',
    repo: next.repo,
    workflow: next.workflowName,
    workflowPath,
    branch: next.branch,
    predictedAt: new Date(predictedAt).toISOString(),
    probability: prediction.explanation.probability,
    predictedFailure: prediction.explanation.predictedFailure,
    modelId,
    features: prediction.features,
    groups: {
      actorType: next.actorIsBot ? 'bot' : 'human',
      branchType: next.branch === 'main' || next.branch === 'master' ? 'default' : 'other',
      event: next.event,
    },
  };
}

export class PredictionLog {
  private entries: LoggedPrediction[];

  constructor(records: readonly LoggedPrediction[] = []) {
    this.entries = records.slice(-MAX_RECORDS);
  }

  get records(): readonly LoggedPrediction[] {
    return this.entries;
  }

  /** Logs a prediction shown; true when the log changed. A repeat of the same pending prediction changes nothing. */
  note(record: LoggedPrediction): boolean {
    const pending = this.entries.findIndex(
      (r) =>
        r.runId === '' &&
        r.repo === record.repo &&
        r.workflowPath === record.workflowPath &&
        r.branch === record.branch &&
        r.job === record.job,
    );
    if (pending >= 0) {
      const old = this.entries[pending];
      if (old && old.modelId === record.modelId && old.probability === record.probability) return false;
      this.entries.splice(pending, 1);
    }
    this.entries.push(record);
    if (this.entries.length > MAX_RECORDS) this.entries = this.entries.slice(-MAX_RECORDS);
    return true;
  }

  /** Attaches runs to pending predictions and outcomes to predicted runs that finished; true when anything changed. */
  join(runs: readonly RunRecord[]): boolean {
    let changed = false;
    // A run is predicted once as a workflow and once per job: what is claimed is the pair.
    const claim = (runId: string, job: string | undefined): string => `${runId}\u0000${job ?? ''}`;
    const claimed = new Set(this.entries.filter((r) => r.runId !== '').map((r) => claim(r.runId, r.job)));
    const byId = new Map(runs.map((r) => [r.id, r]));
    const ordered = [...runs].sort((a, b) => a.createdAt - b.createdAt);
    this.entries = this.entries.map((record) => {
      let current = record;
      if (current.runId === '') {
        // GitHub gives creation times in whole seconds: a run created in the second of the prediction counts as after it.
        const at = Math.floor(Date.parse(current.predictedAt) / 1000) * 1000;
        const known = new Set(current.knownRunIds);
        const job = current.job;
        const run = ordered.find(
          (r) =>
            !claimed.has(claim(r.id, job)) &&
            !known.has(r.id) &&
            r.repo === current.repo &&
            r.workflowPath === current.workflowPath &&
            r.branch === current.branch &&
            r.createdAt >= at,
        );
        if (!run) return current;
        claimed.add(claim(run.id, job));
        current = { ...current, runId: run.id };
        changed = true;
      }
      if (current.outcome !== undefined) return current;
      const run = byId.get(current.runId);
      const outcome =
        run === undefined ? undefined : current.job === undefined ? runOutcome(run) : jobOutcomeIn(run, current.job);
      if (outcome === undefined) return current;
      changed = true;
      return { ...current, outcome };
    });
    return changed;
  }
}

function runOutcome(run: RunRecord): 'failure' | 'success' | undefined {
  return isLabelled(run) ? (run.conclusion === 'failure' ? 'failure' : 'success') : undefined;
}

/** The job's outcome once the run finished and its jobs were read; undefined while unknown or neither (skipped…). */
function jobOutcomeIn(run: RunRecord, job: string): 'failure' | 'success' | undefined {
  if (run.completedAt === undefined) return undefined;
  const legs = run.jobs?.filter((j) => jobBaseName(j.name) === job) ?? [];
  if (legs.length === 0) return undefined;
  const { conclusion } = jobOutcome(legs);
  return conclusion === 'failure' || conclusion === 'success' ? conclusion : undefined;
}

export interface MonitoringSummary {
  readonly logged: number;
  readonly withOutcome: number;
  readonly calibration: ReturnType<typeof calibrationBins>;
  readonly rolling: ReturnType<typeof rollingQuality>;
  readonly drift: readonly { readonly feature: string; readonly psi: number }[];
  readonly groups: ReturnType<typeof groupErrors>;
  readonly retrainSuggested: boolean;
  readonly reasons: readonly string[];
}

/** How the model in use is doing on the predictions it made here: calibration, rolling quality, drift, per-group errors. */
export function monitoringSummary(
  log: readonly LoggedPrediction[],
  model: FailureModel,
  modelId: string,
  driftShown = 5,
): MonitoringSummary {
  const mine = log.filter((r) => r.modelId === modelId);
  const known = mine.filter((r) => r.outcome !== undefined);
  const rolling = rollingQuality(mine);
  const featureCount = FEATURE_NAMES.length;
  let drift: number[] = [];
  if (mine.length >= MIN_ROWS_FOR_DRIFT) {
    const values = new Float64Array(mine.length * featureCount);
    mine.forEach((r, i) => {
      values.set(r.features.slice(0, featureCount), i * featureCount);
    });
    drift = featureDrift(model.drift, values, mine.length, featureCount);
  }
  const verdict = retrainVerdict(drift, FEATURE_NAMES, rolling);
  return {
    logged: mine.length,
    withOutcome: known.length,
    calibration: calibrationBins(
      known.map((r) => (r.outcome === 'failure' ? 1 : 0)),
      known.map((r) => r.probability),
      5,
    ),
    rolling,
    drift: drift
      .map((psi, j) => ({ feature: FEATURE_NAMES[j] ?? `feature ${j}`, psi }))
      .sort((a, b) => b.psi - a.psi)
      .slice(0, driftShown),
    groups: groupErrors(mine),
    retrainSuggested: verdict.retrain,
    reasons: verdict.reasons,
  };
}
