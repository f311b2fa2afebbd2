// Fairlearn's group metrics written out from their definitions, as the reference the fairness tests compare with
// (fairlearn.metrics, method 'between_groups'): per group, the selection rate and scikit-learn's confusion matrix
// normalised by true label, where a row with no samples becomes 0 (np.nan_to_num), so a group with no positive labels
// has true positive rate 0 and one with no negative labels false positive rate 0. Brute force over the rows of each
// group, sharing no code with the engine.

export interface ReferenceGroup {
  readonly selectionRate: number;
  readonly truePositiveRate: number;
  readonly falsePositiveRate: number;
  readonly accuracy: number;
  readonly positives: number;
  readonly negatives: number;
}

export interface ReferenceFigures {
  readonly groups: ReadonlyMap<string, ReferenceGroup>;
  readonly demographicParityDifference: number;
  readonly equalOpportunityDifference: number;
  readonly falsePositiveRateDifference: number;
  readonly equalizedOddsDifference: number;
  readonly accuracyDifference: number;
}

/** `yPred` are 0/1 decisions; rows whose group is null are left out (as a missing sensitive value is). */
export function fairlearnFigures(
  yTrue: readonly number[],
  yPred: readonly number[],
  sensitive: readonly (string | number | null)[],
): ReferenceFigures {
  const names = [...new Set(sensitive.filter((s): s is string | number => s !== null).map(String))];
  const groups = new Map<string, ReferenceGroup>();
  for (const name of names) {
    const rows = sensitive.map((s, i) => (s !== null && String(s) === name ? i : -1)).filter((i) => i >= 0);
    const count = (keep: (i: number) => boolean): number => rows.filter(keep).length;
    const tp = count((i) => yTrue[i] === 1 && yPred[i] === 1);
    const fn = count((i) => yTrue[i] === 1 && yPred[i] === 0);
    const fp = count((i) => yTrue[i] === 0 && yPred[i] === 1);
    const tn = count((i) => yTrue[i] === 0 && yPred[i] === 0);
    const rowNormalised = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
    groups.set(name, {
      selectionRate: (tp + fp) / rows.length,
      truePositiveRate: rowNormalised(tp, tp + fn),
      falsePositiveRate: rowNormalised(fp, fp + tn),
      accuracy: (tp + tn) / rows.length,
      positives: tp + fn,
      negatives: fp + tn,
    });
  }
  const difference = (of: (g: ReferenceGroup) => number): number => {
    const values = [...groups.values()].map(of);
    return Math.max(...values) - Math.min(...values);
  };
  const tpr = difference((g) => g.truePositiveRate);
  const fpr = difference((g) => g.falsePositiveRate);
  return {
    groups,
    demographicParityDifference: difference((g) => g.selectionRate),
    equalOpportunityDifference: tpr,
    falsePositiveRateDifference: fpr,
    equalizedOddsDifference: Math.max(tpr, fpr),
    accuracyDifference: difference((g) => g.accuracy),
  };
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
