// "Why is this job slow": a predicted duration split by exact TreeSHAP into one contribution per feature, in seconds,
// which add up: expected duration over the training jobs + Σ contributions = prediction.
import { predictMargin } from '../scoreTreeEnsemble';
import { treeShap } from '../shap/treeShap';
import type { TreeEnsemble } from '../treeEnsemble';
import { DURATION_FEATURES } from './durationFeatures';

export interface DurationFactor {
  readonly feature: string;
  readonly value: number;
  /** Plain words, e.g. "p90 of the last 10 runs is 4m 10s". */
  readonly reason: string;
  /** Seconds this feature adds to (or, negative, takes off) the prediction. */
  readonly seconds: number;
}

export interface DurationExplanation {
  readonly predictedSeconds: number;
  /** The model's expected duration before anything about this job is known. */
  readonly baseSeconds: number;
  /** All features, largest |seconds| first. */
  readonly factors: readonly DurationFactor[];
  readonly localAccuracyError: number;
}

export function explainDuration(ensemble: TreeEnsemble, row: ArrayLike<number>): DurationExplanation {
  const margin = predictMargin(ensemble, row);
  const { base, values } = treeShap(ensemble, row);
  let sum = 0;
  for (const v of values) sum += v;
  const factors = Array.from(values, (seconds, j) => {
    const value = row[j] ?? Number.NaN;
    return { feature: DURATION_FEATURES[j]?.name ?? `feature ${j}`, value, reason: DURATION_FEATURES[j]?.describe(value) ?? '', seconds };
  }).sort((a, b) => Math.abs(b.seconds) - Math.abs(a.seconds));
  return { predictedSeconds: Math.max(0, margin), baseSeconds: base, factors, localAccuracyError: Math.abs(base + sum - margin) };
}
