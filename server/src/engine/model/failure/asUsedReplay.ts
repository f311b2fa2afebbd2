// The model's figures as the extension would have shown them on this history. Replayed in time order, each run's risk
// is computed by the functions the editor calls, from the history the editor would have held when the run was created:
// the newest CALIBRATION_HISTORY_RUNS runs of its repository created before it, with only the outcomes that had
// FINISHED by then. The risk in use is fitted on that history (fitRiskInUse.ts: the repository calibration, the
// repository's own record and their weights) and applied as riskInUse.ts does. As the extension does, a model is retrained on the repository's
// history every `retrainEveryMs` (the newest runs retraining reads, outcomes known by then) and used in place of the
// default only when the evidence rule says it is better (repoRetraining.ts, adoptionEvidence.ts); a retrained model that
// is not sends the replay back to the default, as settleRetraining.ts does. Nothing is fitted on a run before it is
// predicted. Also counts how often the editor would have shown a band instead of a percentage.
//
// The history's features are computed once over the whole file rather than over each window (the editor computes them
// on what it fetched): counts over more than the window can differ, the outcomes known never do.
import { classificationReport, type ClassificationReport } from '../metrics';
import type { RunRecord } from '../runs/runRecord';
import { TRAINING_HISTORY } from '../runs/repoRunHistory';
import type { EvidenceMinimums } from './adoptionEvidence';
import { previousFailedOf } from './baselines';
import { finishedResultOf, learnedUntil } from './calibrationPoints';
import type { FailureModel } from './failureModel';
import type { FeatureTable } from './features';
import { fitRiskInUse, subjectOf, type FinishedResult } from './fitRiskInUse';
import { retrainComparisonText, retrainOnRepoHistory } from './repoRetraining';
import { CALIBRATION_HISTORY_RUNS } from './repositoryCalibrations';
import { riskAsUsed, riskShown, type RiskUse } from './riskInUse';
import { calibratedProbabilities } from './scoreRows';
import { selectRows } from './timeSplit';

/** One retraining during the replay: of which repository, when, and what the evidence rule decided. */
export interface ReplayedRetraining {
  readonly repo: string;
  readonly at: string;
  readonly adopted: boolean;
  /** What was compared and the interval, or why no model was trained. */
  readonly text: string;
}

export interface AsUsedReport {
  /** Each evaluated run's risk as the editor would have shown it, in the order of `rows`. */
  readonly probabilities: Float64Array;
  /** Quality of those risks over every evaluated run. */
  readonly report: ClassificationReport;
  /** The runs predicted once at least `warmUp` of their repository's evaluated runs had finished. */
  readonly afterWarmUp: {
    readonly warmUp: number;
    readonly report: ClassificationReport | undefined;
    /** Which of the evaluated runs (indices into `rows`) these are, to score a baseline on the same runs. */
    readonly runs: readonly number[];
  };
  /** Share of predictions the editor would have shown as a band (calibration or workflow history too thin). */
  readonly bandShare: number;
  /** The model's share of the risk (against the repository's record), averaged over the evaluated runs. */
  readonly modelWeight: number;
  /** Runs of history each prediction was fitted on, at most. */
  readonly historyRuns: number;
  /** Times the risk in use was fitted (once per distinct history). */
  readonly fits: number;
  readonly retrainings: readonly ReplayedRetraining[];
  /** Share of the evaluated runs scored by a model retrained on the repository. */
  readonly retrainedShare: number;
}

export interface AsUsedOptions {
  readonly minimums: EvidenceMinimums;
  /** Evaluated runs finished before a run's figures count as "after warm-up" (default 300: a few hundred). */
  readonly warmUp?: number;
  /** Runs of history the editor fits the risk in use on (default CALIBRATION_HISTORY_RUNS). */
  readonly historyRuns?: number;
  /** Time between retrainings on the repository (default 7 days, as a repository model is kept); 0: never. */
  readonly retrainEveryMs?: number;
  /** Called before each retraining (the slow part). */
  readonly onRetraining?: (p: {
    readonly repo: string;
    readonly at: string;
    readonly done: number;
    readonly total: number;
  }) => void;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The newest `limit` of the runs `among` (table rows of one repository, in creation order) created before `time`, as
 * the editor would have fetched them then: outcomes not finished by then hidden.
 */
export function historyAsOf(table: FeatureTable, among: readonly number[], time: number, limit: number): RunRecord[] {
  let end = 0;
  while (end < among.length && (table.runs[among[end] ?? 0]?.createdAt ?? 0) < time) end++;
  return among.slice(Math.max(0, end - limit), end).map((i) => {
    const run = table.runs[i] as RunRecord;
    return run.completedAt !== undefined && run.completedAt < time
      ? run
      : { ...run, conclusion: '', completedAt: undefined, jobs: undefined };
  });
}

/** The models in use on one repository over time: the default, then whatever each retraining left in use. */
function modelsOverTime(
  model: FailureModel,
  table: FeatureTable,
  among: readonly number[],
  [from, to]: readonly [number, number],
  options: AsUsedOptions,
): { changes: { from: number; model: FailureModel }[]; retrainings: ReplayedRetraining[] } {
  const changes = [{ from: Number.NEGATIVE_INFINITY, model }];
  const retrainings: ReplayedRetraining[] = [];
  const every = options.retrainEveryMs ?? WEEK_MS;
  const repo = table.runs[among[0] ?? 0]?.repo ?? '';
  if (every <= 0) return { changes, retrainings };
  const total = Math.floor((to - from) / every) + 1;
  for (let t = from, done = 0; t <= to; t += every, done++) {
    const at = new Date(t).toISOString();
    options.onRetraining?.({ repo, at, done, total });
    const history = historyAsOf(table, among, t, TRAINING_HISTORY.maxPages * 100);
    const outcome = retrainOnRepoHistory(history, model, { now: new Date(t), evidence: options.minimums });
    if (!outcome.ok) {
      retrainings.push({ repo, at, adopted: false, text: outcome.error });
      continue;
    }
    retrainings.push({ repo, at, adopted: outcome.beatsIncumbent, text: retrainComparisonText(outcome.comparison) });
    // As settleRetraining.ts: the winner is used; a retrained model that is not sends the extension back to the default.
    const inUse = outcome.beatsIncumbent ? outcome.model : model;
    if (inUse !== changes[changes.length - 1]?.model) changes.push({ from: t, model: inUse });
  }
  return { changes, retrainings };
}

/**
 * `rows`: table rows to evaluate, in time order; `probabilities`: the model's own (calibrated) probability for each.
 */
export function replayAsUsed(
  model: FailureModel,
  table: FeatureTable,
  rows: Int32Array,
  probabilities: ArrayLike<number>,
  options: AsUsedOptions,
): AsUsedReport {
  const warmUp = options.warmUp ?? 300;
  const historyRuns = options.historyRuns ?? CALIBRATION_HISTORY_RUNS;
  const f = table.featureCount;
  const timeOf = (k: number): number => table.runs[rows[k] ?? 0]?.createdAt ?? 0;
  // Each model's probabilities for the evaluated runs, and its finished results by table row (scored where the model
  // never learned from them).
  const scoredBy = new Map<FailureModel, { p: ArrayLike<number>; results: (FinishedResult | undefined)[] }>();
  const evaluated = selectRows(table, rows);
  const scored = (m: FailureModel): { p: ArrayLike<number>; results: (FinishedResult | undefined)[] } => {
    const found = scoredBy.get(m);
    if (found) return found;
    const p = m === model ? probabilities : calibratedProbabilities(m, evaluated.values, evaluated.rowCount);
    const after = learnedUntil(m);
    const pOf = new Map<number, number>();
    rows.forEach((r, k) => {
      if ((table.runs[r]?.createdAt ?? 0) > after) pOf.set(r, p[k] ?? 0);
    });
    const results = table.runs.map((run, i) =>
      run.completedAt === undefined ? undefined : finishedResultOf(table, i, pOf.get(i)),
    );
    scoredBy.set(m, { p, results });
    return { p, results };
  };
  // The editor holds one repository's history: each repository is replayed on its own runs (table rows, in creation
  // order), with its own retrainings.
  const groupBy = (keys: Iterable<number>, repoOf: (key: number) => string): Map<string, number[]> => {
    const groups = new Map<string, number[]>();
    for (const key of keys) {
      const repo = repoOf(key);
      const group = groups.get(repo);
      if (group) group.push(key);
      else groups.set(repo, [key]);
    }
    return groups;
  };
  const runsOf = groupBy(table.runs.keys(), (i) => table.runs[i]?.repo ?? '');
  const evaluatedOf = groupBy(rows.keys(), (k) => table.runs[rows[k] ?? 0]?.repo ?? '');
  let fits = 0;
  let bands = 0;
  let weights = 0;
  let retrained = 0;
  const retrainings: ReplayedRetraining[] = [];
  const labels = new Uint8Array(rows.length);
  const asUsed = new Float64Array(rows.length);
  const warm: number[] = [];
  for (const [repo, ks] of evaluatedOf) {
    const among = runsOf.get(repo) ?? [];
    const position = new Map(among.map((i, j) => [i, j]));
    const span = [timeOf(ks[0] ?? 0), timeOf(ks[ks.length - 1] ?? 0)] as const;
    const over = modelsOverTime(model, table, among, span, options);
    retrainings.push(...over.retrainings);
    // When each evaluated run's outcome became known, for the warm-up count.
    const completions = ks
      .map((k) => table.runs[rows[k] ?? 0]?.completedAt ?? Number.POSITIVE_INFINITY)
      .sort((a, b) => a - b);
    let known = 0;
    let cached: { key: string; use: RiskUse } | undefined;
    for (const k of ks) {
      const r = rows[k] ?? 0;
      const run = table.runs[r] as RunRecord;
      const time = run.createdAt;
      let inUse = model;
      for (const c of over.changes) if (c.from <= time) inUse = c.model;
      const { p: scores, results: all } = scored(inUse);
      const end = position.get(r) ?? 0;
      const start = Math.max(0, end - historyRuns);
      const finished: FinishedResult[] = [];
      for (let j = start; j < end; j++) {
        const result = all[among[j] ?? 0];
        if (result && result.completedAt < time) finished.push(result);
      }
      // The same history (the window only grows by finished outcomes while its start stays) gives the same fit.
      const key = `${over.changes.findIndex((c) => c.model === inUse)}|${start}|${finished.length}`;
      if (cached?.key !== key) {
        const calibration = fitRiskInUse(finished, inUse.training.failureRate);
        const { failureRate } = inUse.training;
        cached = {
          key,
          use: { calibration, minimums: options.minimums, repository: repo, trainingFailureRate: failureRate },
        };
        fits++;
      }
      const { use } = cached;
      const subject = subjectOf(run);
      const own = use.calibration.record?.subjects.get(subject);
      const subjectRuns = own ? own.afterSuccess.results + own.afterFailure.results : 0;
      const previousFailed = previousFailedOf(table.values.subarray(r * f, (r + 1) * f));
      const q = riskAsUsed(use, scores[k] ?? 0, previousFailed, subjectRuns, subject);
      asUsed[k] = q;
      labels[k] = run.conclusion === 'failure' ? 1 : 0;
      weights += use.calibration.record?.blend.modelWeight ?? 1;
      if (inUse !== model) retrained++;
      if (riskShown(use, q, subjectRuns, 'workflow').kind === 'band') bands++;
      while (known < completions.length && (completions[known] ?? 0) < time) known++;
      if (known >= warmUp) warm.push(k);
    }
  }
  warm.sort((a, b) => a - b);
  const report = classificationReport(labels, asUsed, model.threshold);
  const warmReport =
    warm.length > 0
      ? classificationReport(
          warm.map((k) => labels[k] ?? 0),
          warm.map((k) => asUsed[k] ?? 0),
          model.threshold,
        )
      : undefined;
  const n = Math.max(1, rows.length);
  return {
    probabilities: asUsed,
    report,
    afterWarmUp: { warmUp, report: warmReport, runs: warm },
    bandShare: bands / n,
    modelWeight: weights / n,
    historyRuns,
    fits,
    retrainings,
    retrainedShare: retrained / n,
  };
}
