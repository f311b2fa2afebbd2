// Group fairness of a binary classifier's decisions on a data set, per value of a sensitive column: selection rate,
// true positive rate and accuracy per group, and the gaps fairlearn reports (demographic parity difference = largest
// minus smallest selection rate; equal opportunity difference = largest minus smallest true positive rate). Thresholds
// turn gaps into violations, which the CLI and the editor report as findings.

export interface FairnessThresholds {
  readonly maxDemographicParityDifference?: number;
  readonly maxEqualOpportunityDifference?: number;
  readonly maxAccuracyDifference?: number;
  readonly minGroupAccuracy?: number;
}

export interface FairnessInput {
  /** Scores (probabilities) or 0/1 decisions, one per row. */
  readonly predictions: ArrayLike<number>;
  /** True labels, 0/1. */
  readonly labels: ArrayLike<number>;
  /** The sensitive attribute per row; NaN, null and undefined rows are left out (and counted). */
  readonly sensitive: ArrayLike<number | string | null | undefined>;
  /** A row is selected (predicted positive) when its prediction is >= this. Default 0.5. */
  readonly decisionThreshold?: number;
}

export interface GroupMetrics {
  readonly group: string;
  readonly count: number;
  readonly positives: number;
  readonly selectionRate: number;
  /** NaN when the group has no positive labels. */
  readonly truePositiveRate: number;
  readonly accuracy: number;
}

export interface FairnessViolation {
  readonly metric:
    'demographic_parity_difference' | 'equal_opportunity_difference' | 'accuracy_difference' | 'group_accuracy';
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

export interface FairnessReport {
  readonly groups: readonly GroupMetrics[];
  readonly skippedRows: number;
  readonly demographicParityDifference: number;
  /** NaN when fewer than two groups have positive labels. */
  readonly equalOpportunityDifference: number;
  readonly accuracyDifference: number;
  readonly violations: readonly FairnessViolation[];
}

function spread(values: readonly number[]): { gap: number; low?: number; high?: number } {
  const finite = values.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v));
  // A gap needs two groups to compare; with fewer it is undefined (NaN), never a reassuring 0.
  if (finite.length < 2) return { gap: Number.NaN };
  let low = finite[0] ?? [0, 0];
  let high = low;
  for (const e of finite) {
    if (e[0] < low[0]) low = e;
    if (e[0] > high[0]) high = e;
  }
  return { gap: high[0] - low[0], low: low[1], high: high[1] };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export function assessFairness(input: FairnessInput, thresholds: FairnessThresholds = {}): FairnessReport {
  const cut = input.decisionThreshold ?? 0.5;
  const tallies = new Map<
    string,
    { count: number; selected: number; positives: number; truePositives: number; correct: number }
  >();
  let skippedRows = 0;
  for (let i = 0; i < input.predictions.length; i++) {
    const s = input.sensitive[i];
    const label = input.labels[i];
    const p = input.predictions[i];
    if (
      s === null ||
      s === undefined ||
      (typeof s === 'number' && Number.isNaN(s)) ||
      label === undefined ||
      p === undefined ||
      Number.isNaN(label) ||
      Number.isNaN(p)
    ) {
      skippedRows++;
      continue;
    }
    const key = String(s);
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { count: 0, selected: 0, positives: 0, truePositives: 0, correct: 0 }));
    const selected = p >= cut;
    const positive = label >= 0.5;
    t.count++;
    if (selected) t.selected++;
    if (positive) t.positives++;
    if (selected && positive) t.truePositives++;
    if (selected === positive) t.correct++;
  }
  const groups: GroupMetrics[] = [...tallies]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([group, t]) => ({
      group,
      count: t.count,
      positives: t.positives,
      selectionRate: t.selected / t.count,
      truePositiveRate: t.positives > 0 ? t.truePositives / t.positives : Number.NaN,
      accuracy: t.correct / t.count,
    }));
  const name = (i: number | undefined): string => `'${groups[i ?? 0]?.group ?? '?'}'`;
  const dp = spread(groups.map((g) => g.selectionRate));
  const eo = spread(groups.map((g) => g.truePositiveRate));
  const acc = spread(groups.map((g) => g.accuracy));
  const violations: FairnessViolation[] = [];
  const check = (
    metric: FairnessViolation['metric'],
    value: number,
    threshold: number | undefined,
    message: string,
  ): void => {
    if (threshold !== undefined && value > threshold) violations.push({ metric, value, threshold, message });
  };
  check(
    'demographic_parity_difference',
    dp.gap,
    thresholds.maxDemographicParityDifference,
    `demographic parity difference ${dp.gap.toFixed(3)} exceeds ${thresholds.maxDemographicParityDifference}: selection rate ${pct(groups[dp.high ?? 0]?.selectionRate ?? 0)} for ${name(dp.high)} vs ${pct(groups[dp.low ?? 0]?.selectionRate ?? 0)} for ${name(dp.low)}`,
  );
  check(
    'equal_opportunity_difference',
    eo.gap,
    thresholds.maxEqualOpportunityDifference,
    `equal opportunity difference ${eo.gap.toFixed(3)} exceeds ${thresholds.maxEqualOpportunityDifference}: true positive rate ${pct(groups[eo.high ?? 0]?.truePositiveRate ?? 0)} for ${name(eo.high)} vs ${pct(groups[eo.low ?? 0]?.truePositiveRate ?? 0)} for ${name(eo.low)}`,
  );
  check(
    'accuracy_difference',
    acc.gap,
    thresholds.maxAccuracyDifference,
    `accuracy difference ${acc.gap.toFixed(3)} exceeds ${thresholds.maxAccuracyDifference}: ${pct(groups[acc.high ?? 0]?.accuracy ?? 0)} for ${name(acc.high)} vs ${pct(groups[acc.low ?? 0]?.accuracy ?? 0)} for ${name(acc.low)}`,
  );
  if (thresholds.minGroupAccuracy !== undefined) {
    for (const g of groups) {
      if (g.accuracy < thresholds.minGroupAccuracy) {
        violations.push({
          metric: 'group_accuracy',
          value: g.accuracy,
          threshold: thresholds.minGroupAccuracy,
          message: `accuracy ${pct(g.accuracy)} for group '${g.group}' (${g.count} rows) is below ${pct(thresholds.minGroupAccuracy)}`,
        });
      }
    }
  }
  return {
    groups,
    skippedRows,
    demographicParityDifference: dp.gap,
    equalOpportunityDifference: eo.gap,
    accuracyDifference: acc.gap,
    violations,
  };
}
