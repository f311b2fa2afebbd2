// Trains the job-duration model on run history, like the failure model: rows in time order, the last 20 % held out as
// the test set and the last 20 % of the rest for early stopping. The trees learn how far a run will land from the
// baseline, the median of the job's last 10 runs, in log(1 + seconds): durations are skewed and carry outliers (a re-run
// updated days later, a hung job) that squared error on raw seconds would chase, and starting from the baseline means
// early stopping on validation falls back to it wherever the features tell nothing. When the trees still do worse than
// the baseline on the validation rows, the model IS the baseline (no trees). The test set is looked at once, to report
// mean absolute error in seconds against that baseline on the same rows.
import type { RunHistory } from '../../history/runHistory';
import { DEFAULT_GBDT_OPTIONS, trainGbdt, type GbdtOptions } from '../gbdt/trainGbdt';
import { predictMargin } from '../scoreTreeEnsemble';
import type { TreeEnsemble } from '../treeEnsemble';
import { DURATION_FEATURE_NAMES } from './durationFeatures';
import { buildDurationTable, type DurationTable } from './durationTable';

export interface DurationEvaluation {
  readonly rows: { readonly train: number; readonly valid: number; readonly test: number };
  /** Start times of the first and last held-out job. */
  readonly testFrom: string;
  readonly testTo: string;
  /** Mean absolute error in seconds on the test rows. */
  readonly modelMae: number;
  readonly baselineMae: number;
  readonly trees: number;
  /** The trees lost to the baseline on validation, so the model predicts the baseline. */
  readonly fallback: boolean;
  readonly trainSeconds: number;
}

/** The trees' margin is log(1 + seconds) − log(1 + baseline): this turns it into seconds. */
export function secondsOfMargin(margin: number, baselineSeconds: number): number {
  return Math.max(0, Math.expm1(margin + Math.log1p(Math.max(0, baselineSeconds))));
}

export interface DurationModel {
  /** Margin = log(1 + seconds) − log(1 + median of the last 10 runs); see secondsOfMargin. */
  readonly ensemble: TreeEnsemble;
  readonly evaluation: DurationEvaluation;
}

export type TrainDurationResult =
  { readonly ok: true; readonly value: DurationModel } | { readonly ok: false; readonly error: string };

/** Fewer rows than this teach a tree nothing a median does not already say. */
const MIN_ROWS = { train: 30, valid: 8, test: 8 };

/** Small, shallow and quick: the history of one repository is thousands of rows at most. */
export const DURATION_GBDT_OPTIONS: GbdtOptions = {
  ...DEFAULT_GBDT_OPTIONS,
  loss: 'squaredError',
  maxTrees: 200,
  maxDepth: 3,
  learningRate: 0.2,
  minChildWeight: 3,
  maxBins: 64,
  earlyStoppingRounds: 20,
};

function slice(
  table: DurationTable,
  from: number,
  to: number,
): { values: Float64Array; labels: Float64Array; rowCount: number } {
  const f = DURATION_FEATURE_NAMES.length;
  const labels = Float64Array.from(
    { length: to - from },
    (_, k) =>
      Math.log1p(Math.max(0, table.targets[from + k] ?? 0)) - Math.log1p(Math.max(0, table.baseline[from + k] ?? 0)),
  );
  return { values: table.values.subarray(from * f, to * f), labels, rowCount: to - from };
}

function meanAbsoluteError(
  predict: (i: number) => number,
  targets: ArrayLike<number>,
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.abs(predict(i) - (targets[i] ?? 0));
  return to > from ? sum / (to - from) : Number.NaN;
}

export function trainDurationModel(
  history: RunHistory,
  options: { readonly gbdt?: Partial<GbdtOptions> } = {},
): TrainDurationResult {
  const started = performance.now();
  const table = buildDurationTable(history);
  const n = table.rowCount;
  const testStart = Math.round(n * 0.8);
  const validStart = Math.round(testStart * 0.8);
  if (validStart < MIN_ROWS.train || testStart - validStart < MIN_ROWS.valid || n - testStart < MIN_ROWS.test) {
    return {
      ok: false,
      error: `too little job history to train a duration model (${n} job runs with earlier runs of the same job; need at least ${Math.ceil((MIN_ROWS.train + MIN_ROWS.valid + MIN_ROWS.test) / 0.64)})`,
    };
  }
  const gbdt = trainGbdt(slice(table, 0, validStart), slice(table, validStart, testStart), DURATION_FEATURE_NAMES, {
    ...DURATION_GBDT_OPTIONS,
    ...options.gbdt,
  });
  const f = DURATION_FEATURE_NAMES.length;
  const treesPredict = (i: number): number =>
    secondsOfMargin(predictMargin(gbdt.ensemble, table.values.subarray(i * f, (i + 1) * f)), table.baseline[i] ?? 0);
  const baselinePredict = (i: number): number => table.baseline[i] ?? 0;
  // Chosen on validation only, like early stopping.
  const fallback =
    meanAbsoluteError(treesPredict, table.targets, validStart, testStart) >=
    meanAbsoluteError(baselinePredict, table.targets, validStart, testStart);
  const ensemble: TreeEnsemble = fallback ? { ...gbdt.ensemble, trees: [], baseScore: 0 } : gbdt.ensemble;
  const predict = fallback ? baselinePredict : treesPredict;
  const iso = (i: number): string => new Date(table.jobs[i]?.startedMs ?? 0).toISOString();
  return {
    ok: true,
    value: {
      ensemble,
      evaluation: {
        rows: { train: validStart, valid: testStart - validStart, test: n - testStart },
        testFrom: iso(testStart),
        testTo: iso(n - 1),
        modelMae: meanAbsoluteError(predict, table.targets, testStart, n),
        baselineMae: meanAbsoluteError(baselinePredict, table.targets, testStart, n),
        trees: ensemble.trees.length,
        fallback,
        trainSeconds: (performance.now() - started) / 1000,
      },
    },
  };
}
