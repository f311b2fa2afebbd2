// Quantile bins per feature, the basis of histogram split finding. Cut points are float32 values (ONNX compares float32
// inputs against float32 thresholds), and a split between bins b-1 and b is exactly the ONNX rule `x < cuts[b-1]`, so
// the trees we train and the ONNX graph we write route every float32 input the same way.
import type { FeatureValues } from '../featureValues';

/** Bin index of a missing value (NaN); real bins are 0..cuts.length (at most 254). */
export const MISSING_BIN = 255;

export interface FeatureBins {
  /** Per feature, ascending float32-exact cut points; bin(x) = number of cuts <= x. */
  readonly cuts: readonly Float64Array[];
  /** Column-major bin indices: feature j of row i at j * rowCount + i. */
  readonly bins: Uint8Array;
  readonly rowCount: number;
}

/** Picks up to `maxBins` bins per feature from the distinct float32 values of `rows` (row-major, `featureCount` wide). */
export function computeCuts(
  values: FeatureValues,
  rowCount: number,
  featureCount: number,
  maxBins: number,
): Float64Array[] {
  const limit = Math.min(Math.max(2, maxBins), 255);
  const cuts: Float64Array[] = [];
  const column = new Float64Array(rowCount);
  for (let j = 0; j < featureCount; j++) {
    let n = 0;
    for (let i = 0; i < rowCount; i++) {
      const v = values[i * featureCount + j] ?? Number.NaN;
      if (!Number.isNaN(v)) column[n++] = Math.fround(v);
    }
    const sorted = column.subarray(0, n).slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] ?? 0);
    let chosen: number[];
    if (distinct.length <= limit) chosen = distinct.slice(1);
    else {
      // Cut at the value found at each quantile of the (repeated) sample, so heavy values get their own bin.
      const set = new Set<number>();
      for (let q = 1; q < limit; q++) set.add(sorted[Math.floor((q * n) / limit)] ?? 0);
      set.delete(distinct[0] ?? 0);
      chosen = [...set].sort((a, b) => a - b);
    }
    cuts.push(Float64Array.from(chosen));
  }
  return cuts;
}

/** Number of cuts <= x (binary search), or MISSING_BIN for NaN. */
export function binOf(cuts: Float64Array, x: number): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  const v = Math.fround(x);
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function binRows(values: FeatureValues, rowCount: number, cuts: readonly Float64Array[]): FeatureBins {
  const featureCount = cuts.length;
  const bins = new Uint8Array(rowCount * featureCount);
  for (let j = 0; j < featureCount; j++) {
    const c = cuts[j] ?? new Float64Array(0);
    for (let i = 0; i < rowCount; i++) bins[j * rowCount + i] = binOf(c, values[i * featureCount + j] ?? Number.NaN);
  }
  return { cuts, bins, rowCount };
}
