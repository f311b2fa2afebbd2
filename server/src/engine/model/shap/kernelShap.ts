// KernelSHAP (Lundberg & Lee 2017) for models with too many features to enumerate: coalitions are sampled from the
// Shapley kernel (size s with probability ∝ (M-1)/(s(M-s)), then a uniform subset, each paired with its complement,
// which cancels much of the variance), and the values solve the least-squares fit of v(S) - v(∅) ≈ Σ_{i∈S} φ_i under
// the efficiency constraint Σ φ = v(all) - v(∅), so local accuracy holds exactly. Sampling from the kernel makes every
// regression weight equal. The standard error of each value comes from batch means: the samples are split into
// groups, each group is fitted alone, and the spread of the group estimates gives the error of the full fit.
import {
  DEFAULT_BATCH_ROWS,
  throwIfCancelled,
  type ExplainedFunction,
  type ModelShapResult,
  type ShapRunOptions,
} from './modelShapTypes';

export interface KernelShapOptions extends ShapRunOptions {
  /** Sampled coalitions per row (rounded up to an even number: pairs). Default 2048 + 2M. */
  readonly samples?: number;
  readonly seed?: number;
  /** Groups for the batch-means standard error. Default 8. */
  readonly groups?: number;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paired coalition masks (count × m, 1 = feature from the explained row), drawn from the Shapley kernel. */
export function sampleCoalitions(m: number, pairs: number, random: () => number): Uint8Array {
  const sizeWeight = Array.from({ length: m }, (_, s) => (s === 0 ? 0 : (m - 1) / (s * (m - s))));
  const totalWeight = sizeWeight.reduce((a, b) => a + b, 0);
  const masks = new Uint8Array(pairs * 2 * m);
  const order = Array.from({ length: m }, (_, i) => i);
  for (let p = 0; p < pairs; p++) {
    let u = random() * totalWeight;
    let size = 1;
    while (size < m - 1 && u >= (sizeWeight[size] ?? 0)) u -= sizeWeight[size++] ?? 0;
    // A partial Fisher-Yates shuffle picks `size` distinct features.
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (m - i));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    const at = p * 2 * m;
    for (let f = 0; f < m; f++) masks[at + m + f] = 1;
    for (let i = 0; i < size; i++) {
      masks[at + (order[i] ?? 0)] = 1;
      masks[at + m + (order[i] ?? 0)] = 0;
    }
  }
  return masks;
}

/** Solves A x = b (n × n, row-major) by Gaussian elimination with partial pivoting; A and b are overwritten. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c] ?? 0) > Math.abs(a[pivot * n + c] ?? 0)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) {
        const t = a[c * n + k] ?? 0;
        a[c * n + k] = a[pivot * n + k] ?? 0;
        a[pivot * n + k] = t;
      }
      const t = b[c] ?? 0;
      b[c] = b[pivot] ?? 0;
      b[pivot] = t;
    }
    const d = a[c * n + c] ?? 0;
    if (d === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const factor = (a[r * n + c] ?? 0) / d;
      if (factor === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] = (a[r * n + k] ?? 0) - factor * (a[c * n + k] ?? 0);
      b[r] = (b[r] ?? 0) - factor * (b[c] ?? 0);
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r] ?? 0;
    for (let k = r + 1; k < n; k++) s -= (a[r * n + k] ?? 0) * (x[k] ?? 0);
    const d = a[r * n + r] ?? 0;
    x[r] = d === 0 ? 0 : s / d;
  }
  return x;
}

/** The constrained fit over samples [from, to): eliminates φ_M with the efficiency constraint, then least squares. */
function fit(
  masks: Uint8Array,
  v: Float64Array,
  from: number,
  to: number,
  m: number,
  v0: number,
  delta: number,
  out: Float64Array,
): void {
  const n = m - 1;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const x = new Float64Array(n);
  for (let k = from; k < to; k++) {
    const last = masks[k * m + n] ?? 0;
    const y = (v[k] ?? 0) - v0 - last * delta;
    for (let i = 0; i < n; i++) x[i] = (masks[k * m + i] ?? 0) - last;
    for (let i = 0; i < n; i++) {
      const xi = x[i] ?? 0;
      if (xi === 0) continue;
      b[i] = (b[i] ?? 0) + xi * y;
      for (let j = 0; j < n; j++) a[i * n + j] = (a[i * n + j] ?? 0) + xi * (x[j] ?? 0);
    }
  }
  // A whisper of ridge keeps the system solvable when a group's samples never separate two features.
  for (let i = 0; i < n; i++) a[i * n + i] = (a[i * n + i] ?? 0) + 1e-10;
  const phi = solve(a, b, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = phi[i] ?? 0;
    sum += phi[i] ?? 0;
  }
  out[n] = delta - sum;
}

export async function kernelShap(
  model: ExplainedFunction,
  featureCount: number,
  rows: Float32Array,
  rowCount: number,
  background: Float32Array,
  backgroundCount: number,
  options: KernelShapOptions = {},
): Promise<ModelShapResult> {
  const m = featureCount;
  const k = model.outputCount;
  const pairs = Math.max(4, Math.ceil((options.samples ?? 2048 + 2 * m) / 2));
  const groups = Math.max(2, Math.min(options.groups ?? 8, pairs));
  const masks = sampleCoalitions(m, pairs, seeded(options.seed ?? 1));
  const count = pairs * 2;
  // Per row: the sampled coalitions, then the empty and the full coalition, each over every background row.
  const perRow = (count + 2) * backgroundCount;
  const batchRows = Math.max(backgroundCount, Math.min(options.batchRows ?? DEFAULT_BATCH_ROWS, perRow));
  const buffer = new Float32Array(batchRows * m);
  const outputs = Array.from({ length: k }, () => ({
    base: Number.NaN,
    values: new Float64Array(rowCount * m),
    standardErrors: new Float64Array(rowCount * m),
    predictions: new Float64Array(rowCount),
  }));
  // v[o × (count + 2) + c]: output o's value of coalition c for the row being explained.
  const stride = count + 2;
  const v = new Float64Array(k * stride);
  const slot = new Int32Array(batchRows);
  const total = perRow * rowCount;
  let done = 0;
  for (let r = 0; r < rowCount; r++) {
    const row = rows.subarray(r * m, (r + 1) * m);
    v.fill(0);
    let filled = 0;
    const flush = async (): Promise<void> => {
      if (filled === 0) return;
      throwIfCancelled(options.signal);
      const out = await model.predict(buffer.subarray(0, filled * m), filled);
      for (let i = 0; i < filled; i++) {
        const c = slot[i] ?? 0;
        for (let o = 0; o < k; o++) v[o * stride + c] = (v[o * stride + c] ?? 0) + (out[i * k + o] ?? 0);
      }
      done += filled;
      filled = 0;
      options.onProgress?.(done, total);
    };
    for (let c = 0; c < stride; c++) {
      for (let z = 0; z < backgroundCount; z++) {
        const at = filled * m;
        for (let f = 0; f < m; f++) {
          const fromRow = c < count ? masks[c * m + f] === 1 : c === count + 1;
          buffer[at + f] = fromRow ? (row[f] ?? 0) : (background[z * m + f] ?? 0);
        }
        slot[filled++] = c;
        if (filled === batchRows) await flush();
      }
    }
    await flush();
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / backgroundCount;
    for (const [o, output] of outputs.entries()) {
      const vo = v.subarray(o * stride, (o + 1) * stride);
      const v0 = vo[count] ?? 0;
      const vAll = vo[count + 1] ?? 0;
      output.base = v0;
      output.predictions[r] = vAll;
      const phi = output.values.subarray(r * m, (r + 1) * m);
      if (m === 1) {
        phi[0] = vAll - v0;
        continue;
      }
      fit(masks, vo, 0, count, m, v0, vAll - v0, phi);
      // Batch means over groups of whole pairs.
      const groupPhi = new Float64Array(m);
      const sq = new Float64Array(m);
      for (let g = 0; g < groups; g++) {
        const from = Math.floor((g * pairs) / groups) * 2;
        const to = Math.floor(((g + 1) * pairs) / groups) * 2;
        fit(masks, vo, from, to, m, v0, vAll - v0, groupPhi);
        for (let f = 0; f < m; f++) sq[f] = (sq[f] ?? 0) + ((groupPhi[f] ?? 0) - (phi[f] ?? 0)) ** 2;
      }
      for (let f = 0; f < m; f++)
        output.standardErrors[r * m + f] = Math.sqrt((sq[f] ?? 0) / (groups - 1)) / Math.sqrt(groups);
    }
  }
  return { outputs };
}
