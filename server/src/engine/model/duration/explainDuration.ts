// "Why is this job slow": a predicted duration split by exact TreeSHAP into one contribution per feature. SHAP is exact in
// the trees' space (log-duration relative to the job's recent median); each value is turned into seconds along the
// secant from the base to this prediction (as the risk explanation does for probabilities), so the contributions still
// add up: base seconds (the recent median, shifted by the model's average correction) + Σ contributions = prediction.
import { predictMargin } from '../scoreTreeEnsemble';
import { treeShap } from '../shap/treeShap';
import type { TreeEnsemble } from '../treeEnsemble';
import { DURATION_FEATURES } from './durationFeatures';
import { secondsOfMargin } from './trainDurationModel';

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
  readonly margin: number;
  /** All features, largest |seconds| first. */
  readonly factors: readonly DurationFactor[];
  /** |base + Σ shap − margin| in the trees' space: TreeSHAP's local accuracy, ~1e-12 when exact. */
  readonly localAccuracyError: number;
}

export function explainDuration(
  ensemble: TreeEnsemble,
  row: ArrayLike<number>,
  baselineSeconds: number,
): DurationExplanation {
  const margin = predictMargin(ensemble, row);
  const { base, values } = treeShap(ensemble, row);
  let sum = 0;
  for (const v of values) sum += v;
  const predictedSeconds = secondsOfMargin(margin, baselineSeconds);
  const baseSeconds = secondsOfMargin(base, baselineSeconds);
  const delta = margin - base;
  // Seconds per unit of log-duration; at a near-zero change the local slope (1 + seconds) stands in.
  const slope = Math.abs(delta) > 1e-6 ? (predictedSeconds - baseSeconds) / delta : 1 + predictedSeconds;
  const factors = Array.from(values, (shap, j) => {
    const value = row[j] ?? Number.NaN;
    return {
      feature: DURATION_FEATURES[j]?.name ?? `feature ${j}`,
      value,
      reason: DURATION_FEATURES[j]?.describe(value) ?? '',
      seconds: shap * slope,
    };
  }).sort((a, b) => Math.abs(b.seconds) - Math.abs(a.seconds));
  return { predictedSeconds, baseSeconds, margin, factors, localAccuracyError: Math.abs(base + sum - margin) };
}
