// When a retrained model may replace the one in use: only on evidence. Both models score the same held-out results
// (the newest ones, which neither was fitted or calibrated on); each result gives a paired difference of Brier scores
// (a proper scoring rule: it rewards honest probabilities, where F1 on a handful of results rewards luck). The candidate
// is adopted when there are enough results and failures to measure, and the 95 % confidence interval of its mean
// improvement lies above zero. Results are in time order and neighbours are correlated (a broken main fails several runs
// in a row), so the interval uses a Newey–West (HAC) variance, as the Diebold–Mariano test of forecast accuracy does.

import { DEFAULT_RISK_EVIDENCE, type RiskEvidenceMinimums } from '../../../../../protocol/settings';

/** How many held-out results (and failures among them) a comparison needs before it can decide anything. */
export type EvidenceMinimums = RiskEvidenceMinimums;

/** `preflight.risk.evidence.minResults` / `minFailures` (the settings' defaults). */
export const DEFAULT_EVIDENCE_MINIMUMS: EvidenceMinimums = DEFAULT_RISK_EVIDENCE;

export type AdoptionVerdict = 'adopt' | 'too-little-evidence' | 'not-better';

export interface PairedComparison {
  readonly results: number;
  readonly failures: number;
  readonly candidateBrier: number;
  readonly incumbentBrier: number;
  /** Mean of incumbent − candidate Brier per result: positive when the candidate is better. */
  readonly improvement: number;
  /** 95 % confidence interval of `improvement`. */
  readonly interval: readonly [number, number];
  readonly verdict: AdoptionVerdict;
}

const Z95 = 1.959964;

/** Compares two models' probabilities for the same results (labels 1 = failure), in time order. */
export function comparePaired(
  labels: ArrayLike<number>,
  candidate: ArrayLike<number>,
  incumbent: ArrayLike<number>,
  minimums: EvidenceMinimums = DEFAULT_EVIDENCE_MINIMUMS,
): PairedComparison {
  const n = labels.length;
  const d = new Float64Array(n);
  let failures = 0;
  let candidateSum = 0;
  let incumbentSum = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i] ?? 0;
    failures += y;
    const c = ((candidate[i] ?? 0) - y) ** 2;
    const b = ((incumbent[i] ?? 0) - y) ** 2;
    candidateSum += c;
    incumbentSum += b;
    d[i] = b - c;
  }
  const improvement = n > 0 ? (incumbentSum - candidateSum) / n : 0;
  const half = n > 1 ? Z95 * Math.sqrt(neweyWestVariance(d, improvement) / n) : Number.POSITIVE_INFINITY;
  const interval: [number, number] = [improvement - half, improvement + half];
  const verdict: AdoptionVerdict =
    n < minimums.results || failures < minimums.failures
      ? 'too-little-evidence'
      : interval[0] > 0
        ? 'adopt'
        : 'not-better';
  return {
    results: n,
    failures,
    candidateBrier: n > 0 ? candidateSum / n : Number.NaN,
    incumbentBrier: n > 0 ? incumbentSum / n : Number.NaN,
    improvement,
    interval,
    verdict,
  };
}

/** Long-run variance of the series' mean: autocovariances up to a lag that grows slowly with n, Bartlett-weighted. */
function neweyWestVariance(d: Float64Array, mean: number): number {
  const n = d.length;
  const lags = Math.min(n - 1, Math.floor(4 * (n / 100) ** (2 / 9)));
  const autocovariance = (lag: number): number => {
    let s = 0;
    for (let i = lag; i < n; i++) s += ((d[i] ?? 0) - mean) * ((d[i - lag] ?? 0) - mean);
    return s / n;
  };
  let variance = autocovariance(0);
  for (let lag = 1; lag <= lags; lag++) variance += 2 * (1 - lag / (lags + 1)) * autocovariance(lag);
  return Math.max(variance, 0);
}

export interface ComparisonWords {
  /** "finished runs" or "job results". */
  readonly rows: string;
  readonly candidate: string;
  readonly incumbent: string;
}

/**
 * What was compared, on how many results, and the interval: "on the newest 412 finished runs (53 failures): Brier 0.132
 * for the repository model, 0.151 for the default model; better by 0.019 (95 % interval 0.006 to 0.032)".
 */
export function comparisonText(c: PairedComparison, words: ComparisonWords, minimums: EvidenceMinimums): string {
  const counted = `the newest ${c.results} ${words.rows} (${c.failures} failure${c.failures === 1 ? '' : 's'})`;
  if (c.verdict === 'too-little-evidence')
    return `too little evidence to compare: ${counted}, where at least ${minimums.results} results with ${minimums.failures} failures are needed`;
  const by = c.improvement >= 0 ? `better by ${c.improvement.toFixed(3)}` : `worse by ${(-c.improvement).toFixed(3)}`;
  return (
    `on ${counted}: Brier ${c.candidateBrier.toFixed(3)} for the ${words.candidate}, ${c.incumbentBrier.toFixed(3)} ` +
    `for the ${words.incumbent}; ${by} (95 % interval ${c.interval[0].toFixed(3)} to ${c.interval[1].toFixed(3)})`
  );
}
