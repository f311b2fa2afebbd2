// A model's probabilities made to mean what they say in one repository. The shipped model ranks runs well elsewhere but
// its probabilities do not transfer (its calibration is that of the runs it was trained on), so the extension refits a
// small map on the repository's own finished runs that the model never learned from:
//
//   q = σ(a · logit(p) + b + c · previousFailed)
//
// `a` and `b` correct over- or under-confidence and the repository's base rate; `c` lets a repository whose failures come
// in long streaks lean on the previous outcome more than the training data did (so the risk as used is never worse than
// the rule "the previous run failed"). The fit is a logistic regression with a Gaussian prior centred on the model as
// shipped (a = 1, b = c = 0): with few runs the map stays close to the shipped calibration, and it moves only as far as
// the repository's evidence carries it, so a new finished run moves it a little, never a lot.

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
): RepoCalibration {
  let failures = 0;
  for (const pt of points) failures += pt.failed === 1 ? 1 : 0;
  if (points.length === 0) return SHIPPED_CALIBRATION;
  const rows = points.map((pt) => ({
    x: [logit(pt.p), 1, pt.previousFailed === 1 ? 1 : 0] as const,
    y: pt.failed === 1 ? 1 : 0,
  }));
  const prior = [1, 0, 0] as const;
  const margin = (theta: readonly number[], x: readonly number[]): number =>
    (theta[0] ?? 0) * (x[0] ?? 0) + (theta[1] ?? 0) * (x[1] ?? 0) + (theta[2] ?? 0) * (x[2] ?? 0);
  /** Negative penalised log-likelihood. */
  const objective = (theta: readonly number[]): number => {
    let v = 0;
    for (let k = 0; k < 3; k++)
      v += 0.5 * priorPrecision[k as 0 | 1 | 2] * ((theta[k] ?? 0) - prior[k as 0 | 1 | 2]) ** 2;
    for (const { x, y } of rows) {
      const m = margin(theta, x);
      // log(1 + e^m) − y·m, computed without overflow.
      v += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - y * m;
    }
    return v;
  };
  let theta = [1, 0, 0];
  let current = objective(theta);
  for (let iteration = 0; iteration < 100; iteration++) {
    const gradient = theta.map((t, k) => priorPrecision[k as 0 | 1 | 2] * (t - prior[k as 0 | 1 | 2]));
    const hessian = [0, 1, 2].map((r) => [0, 1, 2].map((col) => (r === col ? priorPrecision[r as 0 | 1 | 2] : 0)));
    for (const { x, y } of rows) {
      const q = sigmoid(margin(theta, x));
      const w = q * (1 - q);
      for (let r = 0; r < 3; r++) {
        gradient[r] = (gradient[r] ?? 0) + (q - y) * (x[r] ?? 0);
        const row = hessian[r] as number[];
        for (let col = 0; col < 3; col++) row[col] = (row[col] ?? 0) + w * (x[r] ?? 0) * (x[col] ?? 0);
      }
    }
    const step = solve3(hessian, gradient);
    let scale = 1;
    let next = theta.map((t, k) => t - (step[k] ?? 0));
    let value = objective(next);
    while (value > current && scale > 1e-6) {
      scale /= 2;
      next = theta.map((t, k) => t - scale * (step[k] ?? 0));
      value = objective(next);
    }
    const largest = Math.max(...step.map((d) => Math.abs(scale * d)));
    if (value > current) break;
    theta = next;
    current = value;
    if (largest < 1e-9) break;
  }
  return { a: theta[0] ?? 1, b: theta[1] ?? 0, c: theta[2] ?? 0, results: points.length, failures };
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
