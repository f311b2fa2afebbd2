// Binary-classification metrics for failure prediction (label 1 = failure). Ties in scores are handled exactly: ROC-AUC
// counts a tied positive/negative pair as one half (the Mann-Whitney statistic), and the PR curve steps once per
// distinct score, as scikit-learn's average_precision_score does.

export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export function confusion(labels: ArrayLike<number>, predicted: ArrayLike<boolean>): ConfusionCounts {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] === 1;
    const p = predicted[i] === true;
    if (p && y) tp++;
    else if (p) fp++;
    else if (y) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

export function precision(c: ConfusionCounts): number {
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}

export function recall(c: ConfusionCounts): number {
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}

export function f1(c: ConfusionCounts): number {
  return 2 * c.tp + c.fp + c.fn === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

/** Indices sorted by descending score. */
function byScoreDescending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
}

export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDescending(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  // Walk groups of tied scores; each negative scores below the positives seen in earlier groups, and half of its group's.
  let posAbove = 0;
  let pairs = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i] ?? 0];
    let p = 0;
    let n = 0;
    let j = i;
    for (; j < order.length && scores[order[j] ?? 0] === s; j++) {
      if (labels[order[j] ?? 0] === 1) p++;
      else n++;
    }
    pairs += n * (posAbove + p / 2);
    posAbove += p;
    i = j;
  }
  return pairs / (positives * negatives);
}

/** Average precision: sum over distinct thresholds of (recall step) x precision at that threshold. */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDescending(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i] ?? 0];
    let stepTp = 0;
    let j = i;
    for (; j < order.length && scores[order[j] ?? 0] === s; j++) if (labels[order[j] ?? 0] === 1) stepTp++;
    seen += j - i;
    tp += stepTp;
    ap += (stepTp / positives) * (tp / seen);
    i = j;
  }
  return ap;
}

export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += ((probabilities[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return labels.length === 0 ? Number.NaN : sum / labels.length;
}

export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  /** Observed failure rate in the bin. */
  readonly observed: number;
}

/** Equal-width probability bins [k/n, (k+1)/n); the last bin includes 1. Empty bins are listed with count 0. */
export function calibrationBins(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  binCount = 10,
): CalibrationBin[] {
  const count = new Float64Array(binCount);
  const sumP = new Float64Array(binCount);
  const sumY = new Float64Array(binCount);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] ?? 0;
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    count[b] = (count[b] ?? 0) + 1;
    sumP[b] = (sumP[b] ?? 0) + p;
    sumY[b] = (sumY[b] ?? 0) + (labels[i] ?? 0);
  }
  return Array.from({ length: binCount }, (_, b) => {
    const n = count[b] ?? 0;
    return {
      from: b / binCount,
      to: (b + 1) / binCount,
      count: n,
      meanPredicted: n === 0 ? 0 : (sumP[b] ?? 0) / n,
      observed: n === 0 ? 0 : (sumY[b] ?? 0) / n,
    };
  });
}

/** Expected calibration error over equal-width bins: the count-weighted mean |observed − predicted|. */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  binCount = 10,
): number {
  if (labels.length === 0) return Number.NaN;
  let sum = 0;
  for (const bin of calibrationBins(labels, probabilities, binCount))
    sum += bin.count * Math.abs(bin.observed - bin.meanPredicted);
  return sum / labels.length;
}

export interface ClassificationReport {
  readonly count: number;
  readonly failures: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly accuracy: number;
  readonly brier: number;
  readonly ece: number;
  readonly threshold: number;
  readonly calibration: readonly CalibrationBin[];
}

export function classificationReport(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): ClassificationReport {
  const predicted = Array.from({ length: labels.length }, (_, i) => (probabilities[i] ?? 0) >= threshold);
  return decisionReport(labels, probabilities, predicted, threshold);
}

/** As `classificationReport`, for decisions made per row (e.g. each by the threshold of the model in use at the time);
 * `threshold` is only recorded. */
export function decisionReport(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  predicted: ArrayLike<boolean>,
  threshold: number,
): ClassificationReport {
  const c = confusion(labels, predicted);
  return {
    count: labels.length,
    failures: c.tp + c.fn,
    rocAuc: rocAuc(labels, probabilities),
    prAuc: prAuc(labels, probabilities),
    f1: f1(c),
    precision: precision(c),
    recall: recall(c),
    accuracy: labels.length === 0 ? Number.NaN : (c.tp + c.tn) / labels.length,
    brier: brierScore(labels, probabilities),
    ece: expectedCalibrationError(labels, probabilities),
    threshold,
    calibration: calibrationBins(labels, probabilities),
  };
}

/** The threshold with the highest F1 on these (validation) rows; ties keep the higher threshold (fewer alarms). */
export function maxF1Threshold(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const order = byScoreDescending(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  let tp = 0;
  let predictedPos = 0;
  let best = -1;
  let bestThreshold = 0.5;
  for (let i = 0; i < order.length;) {
    const s = probabilities[order[i] ?? 0] ?? 0;
    let j = i;
    for (; j < order.length && probabilities[order[j] ?? 0] === s; j++) if (labels[order[j] ?? 0] === 1) tp++;
    predictedPos += j - i;
    const score = (2 * tp) / (predictedPos + positives);
    if (score > best) {
      best = score;
      bestThreshold = s;
    }
    i = j;
  }
  return bestThreshold;
}

/**
 * The threshold whose F1 averaged over its neighbours (±`halfWidth` on a 0.01 grid) is highest: the single best point of
 * a few hundred validation failures sits on noise, and a flat stretch of the curve carries over to later runs better.
 */
export function smoothedMaxF1Threshold(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  halfWidth = 0.05,
): number {
  const grid = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
  const scores = grid.map((t) =>
    f1(
      confusion(
        labels,
        Array.from({ length: labels.length }, (_, i) => (probabilities[i] ?? 0) >= t),
      ),
    ),
  );
  const w = Math.round(halfWidth * 100);
  let best = -1;
  let bestThreshold = 0.5;
  grid.forEach((t, k) => {
    const window = scores.slice(Math.max(0, k - w), k + w + 1);
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    if (mean > best) {
      best = mean;
      bestThreshold = t;
    }
  });
  return bestThreshold;
}
