// Group fairness of a binary classifier's decisions on a data set, per value of a sensitive column, with Fairlearn's
// definitions so the figures match `fairlearn.metrics`: per group the selection rate, true positive rate TP/(TP+FN),
// false positive rate FP/(FP+TN) and accuracy; each difference is the largest minus the smallest group value
// (Fairlearn's method 'between_groups'); the equalized odds difference is the larger of the true and false positive
// rate differences (Fairlearn's agg 'worst_case').
//
// A group with no positive labels has no true positive rate (none with negative labels, no false positive rate).
// Fairlearn takes these rates from scikit-learn's row-normalised confusion matrix, which turns 0/0 into 0, so its
// differences count such a group as 0. We report that same figure, so numbers match, but a gap that rests on a rate
// never measured says nothing about fairness: the metric is marked undefined, naming the groups that lack the labels,
// and a limit on it is a violation (the gate fails) rather than a pass on a convention. Likewise with fewer than two
// groups, where Fairlearn's difference is 0 because there is nothing to compare.

export type GapMetricId =
  | 'demographic_parity_difference'
  | 'equal_opportunity_difference'
  | 'equalized_odds_difference'
  | 'accuracy_difference';

export const GAP_METRICS: readonly GapMetricId[] = [
  'demographic_parity_difference',
  'equal_opportunity_difference',
  'equalized_odds_difference',
  'accuracy_difference',
];

export interface FairnessThresholds {
  readonly maxDemographicParityDifference?: number;
  readonly maxEqualOpportunityDifference?: number;
  readonly maxEqualizedOddsDifference?: number;
  readonly maxAccuracyDifference?: number;
  /** Every group's accuracy must be at least this. */
  readonly minGroupAccuracy?: number;
}

/** The threshold that limits each gap metric. */
export const LIMIT_OF: Readonly<Record<GapMetricId, keyof FairnessThresholds>> = {
  demographic_parity_difference: 'maxDemographicParityDifference',
  equal_opportunity_difference: 'maxEqualOpportunityDifference',
  equalized_odds_difference: 'maxEqualizedOddsDifference',
  accuracy_difference: 'maxAccuracyDifference',
};

export interface FairnessInput {
  /** Scores or 0/1 decisions, one per row, in the space of `decisionThreshold`. */
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
  readonly negatives: number;
  readonly selectionRate: number;
  /** NaN when the group has no positive labels (Fairlearn: 0). */
  readonly truePositiveRate: number;
  /** NaN when the group has no negative labels (Fairlearn: 0). */
  readonly falsePositiveRate: number;
  readonly accuracy: number;
}

export interface GapMetric {
  readonly metric: GapMetricId;
  /** Fairlearn's figure (see the header); NaN only when no row has a group. */
  readonly value: number;
  /** Why the figure is not a measurement, in words; absent when it is one. */
  readonly undefinedBecause?: string;
  /** With `undefinedBecause`: what would make it measurable. */
  readonly remedy?: string;
  /** What the figure compares, for messages: e.g. "true positive rate 68.2% for 'a' vs 0.0% for 'b'". */
  readonly detail: string;
}

export interface FairnessViolation {
  readonly metric: GapMetricId | 'group_accuracy';
  /** `exceeded`: the figure is over its limit; `undefined`: it could not be measured, so the limit cannot be shown met. */
  readonly kind: 'exceeded' | 'undefined';
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

export interface FairnessReport {
  readonly groups: readonly GroupMetrics[];
  readonly skippedRows: number;
  readonly metrics: Readonly<Record<GapMetricId, GapMetric>>;
  readonly violations: readonly FairnessViolation[];
}

/** A difference equal to its limit passes; float noise (0.8 − 0.7 = 0.10000000000000009) must not fail it. */
const LIMIT_TOLERANCE = 1e-12;

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

interface Rate {
  readonly name: string;
  readonly of: (g: GroupMetrics) => number;
  /** Why a group has no such rate: the labels it lacks. */
  readonly missing: string;
}

const SELECTION: Rate = { name: 'selection rate', of: (g) => g.selectionRate, missing: '' };
const TPR: Rate = { name: 'true positive rate', of: (g) => g.truePositiveRate, missing: 'positive labels' };
const FPR: Rate = { name: 'false positive rate', of: (g) => g.falsePositiveRate, missing: 'negative labels' };
const ACCURACY: Rate = { name: 'accuracy', of: (g) => g.accuracy, missing: '' };

interface Spread {
  /** Largest minus smallest, undefined rates counted as 0 (Fairlearn). */
  readonly value: number;
  readonly detail: string;
  /** Groups whose rate is undefined. */
  readonly lacking: readonly GroupMetrics[];
}

function spread(groups: readonly GroupMetrics[], rate: Rate): Spread {
  if (groups.length === 0) return { value: Number.NaN, detail: `no ${rate.name}s`, lacking: [] };
  const asFairlearn = (g: GroupMetrics): number => (Number.isNaN(rate.of(g)) ? 0 : rate.of(g));
  let low = groups[0] as GroupMetrics;
  let high = low;
  for (const g of groups) {
    if (asFairlearn(g) < asFairlearn(low)) low = g;
    if (asFairlearn(g) > asFairlearn(high)) high = g;
  }
  const shown = (g: GroupMetrics): string => (Number.isNaN(rate.of(g)) ? `undefined (counted as 0)` : pct(rate.of(g)));
  return {
    value: asFairlearn(high) - asFairlearn(low),
    detail:
      groups.length < 2
        ? `${rate.name} ${shown(high)} for '${high.group}'`
        : `${rate.name} ${shown(high)} for '${high.group}' vs ${shown(low)} for '${low.group}'`,
    lacking: groups.filter((g) => Number.isNaN(rate.of(g))),
  };
}

function lackingText(lacking: readonly GroupMetrics[], rate: Rate): string {
  const names = lacking.map((g) => `'${g.group}' (${g.count} rows)`);
  const list = names.length === 1 ? `group ${names[0]} has` : `groups ${names.join(', ')} have`;
  return `${list} no ${rate.missing}, so ${lacking.length === 1 ? 'its' : 'their'} ${rate.name} is undefined`;
}

/** A gap over `rates` (one, or two for equalized odds, where the larger counts). */
function gap(metric: GapMetricId, groups: readonly GroupMetrics[], rates: readonly Rate[]): GapMetric {
  const spreads = rates.map((r) => ({ rate: r, ...spread(groups, r) }));
  const worst = spreads.reduce((a, b) => (b.value > a.value ? b : a));
  const detail =
    spreads.length > 1
      ? `${worst.detail} (${spreads
          .filter((s) => s !== worst)
          .map((s) => `${s.rate.name} difference ${s.value.toFixed(3)}`)
          .join(', ')})`
      : worst.detail;
  const everyGroup = 'check that the data holds rows of every group';
  if (groups.length === 0)
    return {
      metric,
      value: Number.NaN,
      undefinedBecause: 'no row has a value in the sensitive column',
      remedy: everyGroup,
      detail,
    };
  if (groups.length < 2)
    return {
      metric,
      value: worst.value,
      undefinedBecause: `every row is in group '${groups[0]?.group ?? ''}', so there is no other group to compare with`,
      remedy: everyGroup,
      detail,
    };
  const reasons = spreads.filter((s) => s.lacking.length > 0).map((s) => lackingText(s.lacking, s.rate));
  if (reasons.length === 0) return { metric, value: worst.value, detail };
  return {
    metric,
    value: worst.value,
    undefinedBecause: reasons.join(', and '),
    remedy:
      'add rows with the missing labels for those groups to the data, or leave their sensitive value empty to exclude them',
    detail,
  };
}

const METRIC_NAMES: Readonly<Record<GapMetricId, string>> = {
  demographic_parity_difference: 'demographic parity difference',
  equal_opportunity_difference: 'equal opportunity difference',
  equalized_odds_difference: 'equalized odds difference',
  accuracy_difference: 'accuracy difference',
};

export function metricName(metric: GapMetricId): string {
  return METRIC_NAMES[metric];
}

function violationOf(m: GapMetric, threshold: number | undefined): FairnessViolation | undefined {
  if (threshold === undefined) return undefined;
  const name = metricName(m.metric);
  if (m.undefinedBecause !== undefined) {
    const figure = Number.isNaN(m.value)
      ? ''
      : ` Fairlearn's figure, which counts an undefined rate as 0, is ${m.value.toFixed(3)} (${m.detail}; limit ${threshold}).`;
    return {
      metric: m.metric,
      kind: 'undefined',
      value: m.value,
      threshold,
      message: `${name} cannot be measured: ${m.undefinedBecause}.${figure} The gate fails until it can be measured: ${m.remedy ?? ''}.`,
    };
  }
  if (m.value > threshold + LIMIT_TOLERANCE)
    return {
      metric: m.metric,
      kind: 'exceeded',
      value: m.value,
      threshold,
      message: `${name} ${m.value.toFixed(3)} exceeds ${threshold}: ${m.detail}`,
    };
  return undefined;
}

export function assessFairness(input: FairnessInput, thresholds: FairnessThresholds = {}): FairnessReport {
  const cut = input.decisionThreshold ?? 0.5;
  const tallies = new Map<
    string,
    {
      count: number;
      selected: number;
      positives: number;
      truePositives: number;
      falsePositives: number;
      correct: number;
    }
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
    if (!t)
      tallies.set(key, (t = { count: 0, selected: 0, positives: 0, truePositives: 0, falsePositives: 0, correct: 0 }));
    const selected = p >= cut;
    const positive = label >= 0.5;
    t.count++;
    if (selected) t.selected++;
    if (positive) t.positives++;
    if (selected && positive) t.truePositives++;
    if (selected && !positive) t.falsePositives++;
    if (selected === positive) t.correct++;
  }
  const groups: GroupMetrics[] = [...tallies]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([group, t]) => {
      const negatives = t.count - t.positives;
      return {
        group,
        count: t.count,
        positives: t.positives,
        negatives,
        selectionRate: t.selected / t.count,
        truePositiveRate: t.positives > 0 ? t.truePositives / t.positives : Number.NaN,
        falsePositiveRate: negatives > 0 ? t.falsePositives / negatives : Number.NaN,
        accuracy: t.correct / t.count,
      };
    });
  const metrics: Record<GapMetricId, GapMetric> = {
    demographic_parity_difference: gap('demographic_parity_difference', groups, [SELECTION]),
    equal_opportunity_difference: gap('equal_opportunity_difference', groups, [TPR]),
    equalized_odds_difference: gap('equalized_odds_difference', groups, [TPR, FPR]),
    accuracy_difference: gap('accuracy_difference', groups, [ACCURACY]),
  };
  const violations: FairnessViolation[] = [];
  for (const id of GAP_METRICS) {
    const v = violationOf(metrics[id], thresholds[LIMIT_OF[id]]);
    if (v) violations.push(v);
  }
  const minimum = thresholds.minGroupAccuracy;
  if (minimum !== undefined) {
    if (groups.length === 0)
      violations.push({
        metric: 'group_accuracy',
        kind: 'undefined',
        value: Number.NaN,
        threshold: minimum,
        message: 'group accuracy cannot be measured: no row has a value in the sensitive column',
      });
    for (const g of groups) {
      if (g.accuracy < minimum - LIMIT_TOLERANCE) {
        violations.push({
          metric: 'group_accuracy',
          kind: 'exceeded',
          value: g.accuracy,
          threshold: minimum,
          message: `accuracy ${pct(g.accuracy)} for group '${g.group}' (${g.count} rows) is below ${pct(minimum)}`,
        });
      }
    }
  }
  return { groups, skippedRows, metrics, violations };
}
