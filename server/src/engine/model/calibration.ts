// Isotonic calibration (pool-adjacent-violators) fitted on the validation rows: a monotone map from the model's raw
// probability to an observed failure rate. Stored as knots in the model's metadata so every runtime applies the same map;
// between knots it interpolates linearly, beyond them it holds the end values.

export interface IsotonicCalibration {
  readonly kind: 'isotonic';
  /** Ascending raw probabilities (block means) and the calibrated value at each. */
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export function fitIsotonic(raw: ArrayLike<number>, labels: ArrayLike<number>): IsotonicCalibration {
  const order = Array.from({ length: raw.length }, (_, i) => i).sort((a, b) => (raw[a] ?? 0) - (raw[b] ?? 0));
  // Blocks of pooled rows: sum of raw scores, sum of labels, count. Equal raw scores start pooled, so ties get one value.
  const sx: number[] = [];
  const sy: number[] = [];
  const n: number[] = [];
  for (const i of order) {
    const x = raw[i] ?? 0;
    const y = labels[i] ?? 0;
    const last = n.length - 1;
    if (last >= 0 && (sx[last] ?? 0) / (n[last] ?? 1) === x) {
      sx[last] = (sx[last] ?? 0) + x;
      sy[last] = (sy[last] ?? 0) + y;
      n[last] = (n[last] ?? 0) + 1;
    } else {
      sx.push(x);
      sy.push(y);
      n.push(1);
    }
    // Merge backwards while the means decrease.
    while (n.length > 1) {
      const k = n.length - 1;
      if ((sy[k - 1] ?? 0) / (n[k - 1] ?? 1) <= (sy[k] ?? 0) / (n[k] ?? 1)) break;
      sx[k - 1] = (sx[k - 1] ?? 0) + (sx.pop() ?? 0);
      sy[k - 1] = (sy[k - 1] ?? 0) + (sy.pop() ?? 0);
      n[k - 1] = (n[k - 1] ?? 0) + (n.pop() ?? 0);
    }
  }
  return { kind: 'isotonic', x: sx.map((v, k) => v / (n[k] ?? 1)), y: sy.map((v, k) => v / (n[k] ?? 1)) };
}

/** A run is never certain to pass or fail: end blocks of a few validation runs can be all-success or all-failure, and a
 * shown 0 % or 100 % would claim more than that evidence supports. */
export const CALIBRATED_FLOOR = 0.005;

export function applyCalibration(calibration: IsotonicCalibration | undefined, p: number): number {
  if (!calibration || calibration.x.length === 0) return p;
  return Math.min(1 - CALIBRATED_FLOOR, Math.max(CALIBRATED_FLOOR, interpolate(calibration, p)));
}

function interpolate(calibration: IsotonicCalibration, p: number): number {
  const { x, y } = calibration;
  if (p <= (x[0] ?? 0)) return y[0] ?? p;
  const last = x.length - 1;
  if (p >= (x[last] ?? 1)) return y[last] ?? p;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] ?? 0) <= p) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] ?? 0;
  const x1 = x[hi] ?? 1;
  const y0 = y[lo] ?? 0;
  const y1 = y[hi] ?? 1;
  return x1 === x0 ? y0 : y0 + ((p - x0) / (x1 - x0)) * (y1 - y0);
}
