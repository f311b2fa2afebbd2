// Watching a deployed failure model: drift of each feature against its training distribution (population stability
// index over bins stored with the model), rolling precision/recall on runs whose outcomes are now known, error rates per
// group so unfair or stale behaviour shows, and a verdict on whether to retrain.
import type { GroupErrorView } from '../../../../protocol/failureRisk';
import { confusion, precision, recall } from './metrics';

/** Per feature: bin edges (bin k holds edges[k-1] <= x < edges[k]), and training shares per bin, the last being NaN. */
export interface DriftReference {
  readonly edges: readonly (readonly number[])[];
  readonly shares: readonly (readonly number[])[];
}

/** A logged prediction and, once the run finished, its outcome. */
export interface PredictionLogRecord {
  readonly runId: string;
  readonly repo: string;
  readonly workflow: string;
  readonly predictedAt: string;
  readonly probability: number;
  readonly predictedFailure: boolean;
  readonly modelId: string;
  /** Feature values as scored, for drift. */
  readonly features: readonly number[];
  readonly groups: {
    readonly actorType: 'bot' | 'human';
    readonly branchType: 'default' | 'other';
    readonly event: string;
  };
  /** Filled in when the run completes; absent while unknown. */
  readonly outcome?: 'success' | 'failure';
}

const DRIFT_BINS = 10;

function binIndex(edges: readonly number[], x: number): number {
  if (Number.isNaN(x)) return edges.length + 1;
  let k = 0;
  while (k < edges.length && (edges[k] ?? 0) <= x) k++;
  return k;
}

/** Decile edges of each training feature, and the share of training rows per bin (missing values in a bin of their own). */
export function driftReference(values: ArrayLike<number>, rowCount: number, featureCount: number): DriftReference {
  const edges: number[][] = [];
  const shares: number[][] = [];
  for (let j = 0; j < featureCount; j++) {
    const column: number[] = [];
    for (let i = 0; i < rowCount; i++) {
      const v = values[i * featureCount + j] ?? Number.NaN;
      if (!Number.isNaN(v)) column.push(v);
    }
    column.sort((a, b) => a - b);
    const e = [
      ...new Set(
        Array.from(
          { length: DRIFT_BINS - 1 },
          (_, q) => column[Math.floor(((q + 1) * column.length) / DRIFT_BINS)] ?? 0,
        ),
      ),
    ].filter((x) => x > (column[0] ?? 0));
    edges.push(e);
    shares.push(binShares(e, values, rowCount, featureCount, j));
  }
  return { edges, shares };
}

function binShares(
  edges: readonly number[],
  values: ArrayLike<number>,
  rowCount: number,
  featureCount: number,
  j: number,
): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < rowCount; i++) {
    const k = binIndex(edges, values[i * featureCount + j] ?? Number.NaN);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts.map((c) => (rowCount === 0 ? 0 : c / rowCount));
}

/** PSI = Σ (a − e) ln(a / e) over bins; shares are floored at 1e-4 so empty bins count without dividing by zero. */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  let psi = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k] ?? 0, 1e-4);
    const a = Math.max(actual[k] ?? 0, 1e-4);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

export function featureDrift(
  reference: DriftReference,
  values: ArrayLike<number>,
  rowCount: number,
  featureCount: number,
): number[] {
  return reference.edges.map((edges, j) =>
    populationStabilityIndex(reference.shares[j] ?? [], binShares(edges, values, rowCount, featureCount, j)),
  );
}

export interface RollingQuality {
  readonly count: number;
  readonly precision: number;
  readonly recall: number;
  readonly errorRate: number;
}

/** Precision, recall and error rate over the last `window` predictions with a known outcome. */
export function rollingQuality(log: readonly PredictionLogRecord[], window = 200): RollingQuality {
  const known = log.filter((r) => r.outcome !== undefined).slice(-window);
  const labels = known.map((r) => (r.outcome === 'failure' ? 1 : 0));
  const c = confusion(
    labels,
    known.map((r) => r.predictedFailure),
  );
  return {
    count: known.length,
    precision: precision(c),
    recall: recall(c),
    errorRate: known.length === 0 ? 0 : (c.fp + c.fn) / known.length,
  };
}

/** One group's error rates: the shape the panel's Model section shows, declared once in protocol/. */
export type GroupErrors = GroupErrorView;

/** Error rates per actor type, branch type and event, over predictions with known outcomes. */
export function groupErrors(log: readonly PredictionLogRecord[]): GroupErrors[] {
  const known = log.filter((r) => r.outcome !== undefined);
  const out: GroupErrors[] = [];
  for (const group of ['actorType', 'branchType', 'event'] as const) {
    const values = [...new Set(known.map((r) => r.groups[group]))].sort();
    for (const value of values) {
      const rows = known.filter((r) => r.groups[group] === value);
      const c = confusion(
        rows.map((r) => (r.outcome === 'failure' ? 1 : 0)),
        rows.map((r) => r.predictedFailure),
      );
      out.push({
        group,
        value,
        count: rows.length,
        errorRate: (c.fp + c.fn) / rows.length,
        falsePositiveRate: c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn),
        falseNegativeRate: c.tp + c.fn === 0 ? 0 : c.fn / (c.tp + c.fn),
      });
    }
  }
  return out;
}

export interface RetrainThresholds {
  /** PSI above this on any feature is a significant shift (the usual rule of thumb: 0.1 moderate, 0.25 significant). */
  readonly maxPsi: number;
  /** Recall on failures below this, over the rolling window, means failures are being missed. */
  readonly minRecall: number;
  readonly minPrecision: number;
  /** Fewer known outcomes than this: too early to judge quality. */
  readonly minOutcomes: number;
}

export const DEFAULT_RETRAIN_THRESHOLDS: RetrainThresholds = {
  maxPsi: 0.25,
  minRecall: 0.4,
  minPrecision: 0.35,
  minOutcomes: 50,
};

export interface RetrainVerdict {
  readonly retrain: boolean;
  readonly reasons: readonly string[];
}

export function retrainVerdict(
  drift: readonly number[],
  featureNames: readonly string[],
  quality: RollingQuality,
  thresholds = DEFAULT_RETRAIN_THRESHOLDS,
): RetrainVerdict {
  const reasons: string[] = [];
  drift.forEach((psi, j) => {
    if (psi > thresholds.maxPsi)
      reasons.push(`${featureNames[j] ?? `feature ${j}`} drifted (PSI ${psi.toFixed(2)} > ${thresholds.maxPsi})`);
  });
  if (quality.count >= thresholds.minOutcomes) {
    if (quality.recall < thresholds.minRecall)
      reasons.push(
        `recall on failures ${quality.recall.toFixed(2)} < ${thresholds.minRecall} over the last ${quality.count} runs`,
      );
    if (quality.precision < thresholds.minPrecision)
      reasons.push(
        `precision ${quality.precision.toFixed(2)} < ${thresholds.minPrecision} over the last ${quality.count} runs`,
      );
  }
  return { retrain: reasons.length > 0, reasons };
}
