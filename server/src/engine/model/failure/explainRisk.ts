// One prediction explained: the calibrated failure probability and each feature's exact TreeSHAP contribution, turned
// from margin (log-odds) into percentage points so the factors add up to the shown risk: base risk + points = risk.
// `asUsed` maps the model's probability to the one shown (the repository calibration and shrinkage of riskInUse.ts);
// the points follow it, so they add up to the risk the user sees.
import { pointsText } from '../../../../../protocol/numberText';
import { applyCalibration } from '../calibration';
import { predictMargin } from '../scoreTreeEnsemble';
import { treeShap } from '../shap/treeShap';
import type { FailureModel } from './failureModel';
import { FEATURES } from './featureSpecs';
import type { RecordPart } from './riskInUse';

export interface RiskFactor {
  readonly feature: string;
  readonly value: number;
  /** Plain words, e.g. "previous run of this workflow failed". */
  readonly reason: string;
  /** Margin-space SHAP value. */
  readonly shap: number;
  /** Contribution in percentage points of calibrated risk. */
  readonly points: number;
}

export interface RiskExplanation {
  readonly probability: number;
  readonly baseProbability: number;
  readonly predictedFailure: boolean;
  readonly margin: number;
  /** All features, largest |points| first. */
  readonly factors: readonly RiskFactor[];
  /** |base + Σ shap − margin|: TreeSHAP's local accuracy, ~1e-12 when exact. */
  readonly localAccuracyError: number;
  /**
   * The repository's record the risk in use is weighed against (riskInUse.ts), when it is: its share is in the base
   * risk (it does not move with the features), so base + Σ points = risk still holds.
   */
  readonly record?: RecordPart;
}

const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));

export function calibratedRisk(model: FailureModel, margin: number): number {
  return applyCalibration(model.calibration, sigmoid(margin));
}

export function explainRisk(
  model: FailureModel,
  row: ArrayLike<number>,
  asUsed: (p: number) => number = (p) => p,
): RiskExplanation {
  const margin = predictMargin(model.ensemble, row);
  const { base, values } = treeShap(model.ensemble, row);
  let sum = 0;
  for (const v of values) sum += v;
  const risk = (m: number): number => asUsed(calibratedRisk(model, m));
  const probability = risk(margin);
  const baseProbability = risk(base);
  // Points per unit of margin: the secant from base to this row, so points sum to the risk change; near a zero change
  // in margin the secant is ill-defined and the local slope stands in.
  const delta = margin - base;
  const slope =
    Math.abs(delta) > 0.05
      ? (probability - baseProbability) / delta
      : (risk(margin + 0.05) - risk(margin - 0.05)) / 0.1;
  const factors = Array.from(values, (shap, j) => {
    const value = row[j] ?? Number.NaN;
    return {
      feature: FEATURES[j]?.name ?? `feature ${j}`,
      value,
      reason: FEATURES[j]?.describe(value) ?? '',
      shap,
      points: shap * slope * 100,
    };
  }).sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return {
    probability,
    baseProbability,
    predictedFailure: probability >= model.threshold,
    margin,
    factors,
    localAccuracyError: Math.abs(base + sum - margin),
  };
}

/** "previous run of this workflow failed: +18.2 pts". */
export function describeFactor(f: RiskFactor): string {
  return `${f.reason}: ${pointsText(f.points)}`;
}
