// Order statistics and rank tests for run durations. Durations of CI jobs are skewed and carry outliers (a cold cache, a
// slow runner), so everything here is rank- or median-based: one freak run moves none of these figures much.

/** Values sorted ascending (a copy); a typed array sorts numbers natively, without a comparator call per step. */
export function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The q-quantile (0..1) by linear interpolation between closest ranks (numpy's default, "type 7"), so medians of even
 * samples are the mean of the middle two, as people expect. NaN for an empty sample.
 */
export function quantileSorted(ascending: ArrayLike<number>, q: number): number {
  const n = ascending.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = ascending[low] ?? Number.NaN;
  const b = ascending[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(sorted(values), q);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Theil–Sen slope of y against x: the median of the slopes between all pairs with distinct x. Robust to up to ~29% of
 * outliers, unlike least squares. O(n²) pairs, so callers pass a bounded window (the last N runs).
 */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  const slopes: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[j] ?? 0) - (xs[i] ?? 0);
      if (dx !== 0) slopes.push(((ys[j] ?? 0) - (ys[i] ?? 0)) / dx);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (a, b) with a > b, ties counting one half. */
  readonly u: number;
  /** One-sided p-value for "the first sample tends to be larger" (normal approximation, tie and continuity corrected). */
  readonly pGreater: number;
}

/** Ranks (1-based) with ties given their average rank, plus Σ(t³ − t) over tie groups for the variance correction. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  let tieTerm = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]?.i ?? 0] = rank;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** Upper tail of the standard normal distribution, by the complementary error function (Numerical Recipes erfc). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const upper = erfc / 2;
  return z >= 0 ? upper : 1 - upper;
}

/**
 * Mann–Whitney U test of `a` against `b`, one-sided (a larger). The normal approximation is what scipy's
 * `mannwhitneyu(a, b, alternative='greater', method='asymptotic')` computes; it is adequate from about 5 per sample,
 * which is the minimum callers require anyway.
 */
export function mannWhitneyGreater(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, pGreater: Number.NaN };
  const { ranks, tieTerm } = averageRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i] ?? 0;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pGreater: 1 };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { u, pGreater: normalUpperTail(z) };
}
