// A model's probabilities made to mean what they say in one repository. The shipped model ranks runs well elsewhere but
// its probabilities do not transfer (its calibration is that of the runs it was trained on), so the extension refits a
// small map on the repository's own finished runs that the model never learned from:
//
//   q = σ(a · logit(p) + b + c · previousFailed)
//
// `a` and `b` correct over- or under-confidence and the repository's base rate; `c` lets a repository whose failures come
// in long streaks lean on the previous outcome more than the training data did (one map for the whole repository learns
// that slowly; the repository's own record, weighed against the map's figures, does it faster: fitRiskInUse.ts). The fit is a logistic regression with a Gaussian prior centred on the model as
// shipped (a = 1, b = c = 0): with few runs the map stays close to the shipped calibration, and it moves only as far as
// the repository's evidence carries it, so a new finished run moves it a little, never a lot.

import type { RepositoryRecord } from './outcomeRecord';

export interface CalibrationPoint {
  /** The model's probability (its own calibration applied). */
  readonly p: number;
  /** 1 when the previous finished run of the same workflow (or job) failed, else 0. */
  readonly previousFailed: number;
  /** 1 when the run failed. */
  readonly failed: number;
}

export interface RepoCalibration {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Finished runs (or job results) fitted, and failures among them. */
  readonly results: number;
  readonly failures: number;
  /**
   * The repository's own record after a failure and after a success, and the weight the risk in use gives it against
   * the model (fitRiskInUse.ts); absent, the risk is the model's alone.
   */
  readonly record?: RepositoryRecord;
}

/** The model as shipped: nothing fitted yet. */
export const SHIPPED_CALIBRATION: RepoCalibration = { a: 1, b: 0, c: 0, results: 0, failures: 0 };

/**
 * Strength of the prior on (a, b, c), in the units of the log-likelihood: about the information of a dozen runs for the
 * slope and the base rate, and of a few runs for the previous-outcome weight, which a repository whose failures come in
 * streaks needs early (on psf/requests, with a model trained on another repository, a prior of 10 on it left the risk
 * worse than "the previous run failed" for its first few hundred runs; 1 fixed most of that). Chosen on six public
 * histories with a model trained on a seventh (docs/model-card.md).
 */
export const PRIOR_PRECISION: readonly [number, number, number] = [5, 5, 1];

const P_MIN = 1e-4;
const logit = (p: number): number => {
  const q = Math.min(1 - P_MIN, Math.max(P_MIN, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function applyRepoCalibration(calibration: RepoCalibration, p: number, previousFailed: number): number {
  const { a, b, c } = calibration;
  return sigmoid(a * logit(p) + b + c * (previousFailed === 1 ? 1 : 0));
}

/**
 * Penalised maximum likelihood by Newton's method with step halving: the problem is strictly convex (the prior makes it
 * so), but when the previous outcome predicts the next almost perfectly (a job that alternates) a full Newton step from
 * the start overshoots, so a step is halved until it lowers the objective.
 */
export function fitRepoCalibration(
  points: readonly CalibrationPoint[],
  priorPrecision: readonly [number, number, number] = PRIOR_PRECISION,
  start: Pick<RepoCalibration, 'a' | 'b' | 'c'> = SHIPPED_CALIBRATION,
): RepoCalibration {
  const n = points.length;
  if (n === 0) return SHIPPED_CALIBRATION;
  // x = (logit p, 1, previous failed); flat arrays: a replay fits thousands of times.
  const lp = new Float64Array(n);
  const prev = new Float64Array(n);
  const y = new Float64Array(n);
  let failures = 0;
  points.forEach((pt, i) => {
    lp[i] = logit(pt.p);
    prev[i] = pt.previousFailed === 1 ? 1 : 0;
    y[i] = pt.failed === 1 ? 1 : 0;
    failures += y[i] ?? 0;
  });
  const [pa, pb, pc] = priorPrecision;
  /** Negative penalised log-likelihood. */
  const objective = (a: number, b: number, c: number): number => {
    let v = 0.5 * (pa * (a - 1) ** 2 + pb * b ** 2 + pc * c ** 2);
    for (let i = 0; i < n; i++) {
      const m = a * (lp[i] ?? 0) + b + c * (prev[i] ?? 0);
      // log(1 + e^m) − y·m, computed without overflow.
      v += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - (y[i] ?? 0) * m;
    }
    return v;
  };
  // The optimum is unique, so where Newton starts changes only how soon it gets there: a refit on a few more points
  // starts from the previous fit.
  let [a, b, c] = [start.a, start.b, start.c];
  let current = objective(a, b, c);
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the objective: the prior's, plus each point's (x = (logit p, 1, previous failed)).
    let [g0, g1, g2, h00, h01, h02, h11, h12, h22] = [pa * (a - 1), pb * b, pc * c, pa, 0, 0, pb, 0, pc];
    for (let i = 0; i < n; i++) {
      const x0 = lp[i] ?? 0;
      const x2 = prev[i] ?? 0;
      const q = sigmoid(a * x0 + b + c * x2);
      const r = q - (y[i] ?? 0);
      const w = q * (1 - q);
      g0 += r * x0;
      g1 += r;
      g2 += r * x2;
      h00 += w * x0 * x0;
      h01 += w * x0;
      h02 += w * x0 * x2;
      h11 += w;
      h12 += w * x2;
      h22 += w * x2 * x2;
    }
    const gradient = [g0, g1, g2];
    const hessian = [
      [h00, h01, h02],
      [h01, h11, h12],
      [h02, h12, h22],
    ];
    const step = solve3(hessian, gradient);
    const [d0, d1, d2] = [step[0] ?? 0, step[1] ?? 0, step[2] ?? 0];
    // At the optimum a Newton step is rounding noise, and so is the objective's change: stop before halving it.
    if (Math.max(Math.abs(d0), Math.abs(d1), Math.abs(d2)) < 1e-9) break;
    let scale = 1;
    let value = objective(a - d0, b - d1, c - d2);
    while (value > current && scale > 1e-6) {
      scale /= 2;
      value = objective(a - scale * d0, b - scale * d1, c - scale * d2);
    }
    if (value > current) break;
    [a, b, c] = [a - scale * d0, b - scale * d1, c - scale * d2];
    current = value;
    if (Math.max(Math.abs(d0), Math.abs(d1), Math.abs(d2)) * scale < 1e-7) break;
  }
  return { a, b, c, results: n, failures };
}

/** Solves H x = g for a symmetric positive definite 3×3 H (Gaussian elimination; the prior keeps H well conditioned). */
function solve3(h: number[][], g: number[]): number[] {
  const m = h.map((row, r) => [...row, g[r] ?? 0]);
  for (let col = 0; col < 3; col++) {
    const pivot = m[col] as number[];
    for (let r = col + 1; r < 3; r++) {
      const row = m[r] as number[];
      const f = (row[col] ?? 0) / (pivot[col] ?? 1);
      for (let k = col; k < 4; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0);
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[3] ?? 0;
    for (let k = r + 1; k < 3; k++) s -= (row[k] ?? 0) * (x[k] ?? 0);
    x[r] = s / (row[r] ?? 1);
  }
  return x;
}

/** Whether the map rests on enough of the repository's own results to show a percentage (else a band is shown). */
export function isCalibratedOnRepository(
  calibration: RepoCalibration,
  minimums: { readonly results: number; readonly failures: number },
): boolean {
  return calibration.results >= minimums.results && calibration.failures >= minimums.failures;
}
