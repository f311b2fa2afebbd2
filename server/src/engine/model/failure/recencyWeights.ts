// Recency weights for training rows: runs drift (later months fail differently), so a run's say in the trees decays
// exponentially with its age at the end of the training period. Scaled to mean 1, so the trainer's regularisation (λ,
// minimum child hessian) keeps the scale it was tuned at.

const DAY_MS = 86_400_000;

/** Weight 2^(-age / half-life) per row, age = `reference` minus the row's creation time, then scaled to mean 1. */
export function recencyWeights(createdAt: ArrayLike<number>, reference: number, halfLifeDays: number): Float64Array {
  const weights = Float64Array.from(
    { length: createdAt.length },
    (_, i) => 2 ** (-Math.max(0, reference - (createdAt[i] ?? reference)) / (halfLifeDays * DAY_MS)),
  );
  const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
  return mean > 0 ? weights.map((w) => w / mean) : weights;
}
