// Exact interventional Shapley values for any model, by enumeration: every coalition S of the M features is scored on
// every background row z as the hybrid row (x on S, z elsewhere), v(S) is the mean, and each feature's value is the
// weighted sum of its marginal contributions |S|!(M-|S|-1)!/M! (v(S ∪ i) - v(S)). 2^M × background rows model calls per
// explained row, sent in large batches (few onnxruntime calls), so practical up to M ≈ 14.
import {
  DEFAULT_BATCH_ROWS,
  throwIfCancelled,
  type ExplainedFunction,
  type ModelShapResult,
  type ShapRunOptions,
} from './modelShapTypes';

/** Shapley values from v(S) for all 2^M coalitions (bit f of S = feature f), written into out[0..M). */
export function shapleyFromCoalitionValues(v: Float64Array, m: number, out: Float64Array): void {
  const factorial = [1];
  for (let i = 1; i <= m; i++) factorial.push((factorial[i - 1] ?? 1) * i);
  const weight = Array.from(
    { length: m },
    (_, s) => ((factorial[s] ?? 1) * (factorial[m - s - 1] ?? 1)) / (factorial[m] ?? 1),
  );
  out.fill(0, 0, m);
  for (let s = 0; s < 1 << m; s++) {
    let size = 0;
    for (let b = s; b !== 0; b &= b - 1) size++;
    if (size === m) continue;
    const w = weight[size] ?? 0;
    const vs = v[s] ?? 0;
    for (let f = 0; f < m; f++) {
      if ((s >> f) & 1) continue;
      out[f] = (out[f] ?? 0) + w * ((v[s | (1 << f)] ?? 0) - vs);
    }
  }
}

export async function exactShap(
  model: ExplainedFunction,
  featureCount: number,
  rows: Float32Array,
  rowCount: number,
  background: Float32Array,
  backgroundCount: number,
  options: ShapRunOptions = {},
): Promise<ModelShapResult> {
  const m = featureCount;
  const k = model.outputCount;
  const coalitions = 2 ** m;
  if (m > 24) throw new Error(`exact SHAP enumerates 2^${m} coalitions: too many, use KernelSHAP`);
  const perRow = coalitions * backgroundCount;
  const batchRows = Math.max(1, options.batchRows ?? DEFAULT_BATCH_ROWS);
  // Rows are explained in groups that fill about one model call, so small models need few calls for many rows; a row
  // with more hybrids than one call holds spreads over several calls.
  const group = Math.max(1, Math.floor(batchRows / perRow));
  const buffer = new Float32Array(Math.min(batchRows, perRow * Math.min(group, rowCount)) * m);
  const slot = new Int32Array(buffer.length / m);
  // v[(o × group + g) × coalitions + s]: output o's coalition values for row g of the group, contiguous per row.
  const v = new Float64Array(k * group * coalitions);
  const outputs = Array.from({ length: k }, () => ({
    base: Number.NaN,
    values: new Float64Array(rowCount * m),
    predictions: new Float64Array(rowCount),
  }));
  const total = perRow * rowCount;
  let done = 0;
  let filled = 0;
  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    throwIfCancelled(options.signal);
    const out = await model.predict(buffer.subarray(0, filled * m), filled);
    for (let i = 0; i < filled; i++) {
      const at = slot[i] ?? 0;
      for (let o = 0; o < k; o++)
        v[o * group * coalitions + at] = (v[o * group * coalitions + at] ?? 0) + (out[i * k + o] ?? 0);
    }
    done += filled;
    filled = 0;
    options.onProgress?.(done, total);
  };
  for (let first = 0; first < rowCount; first += group) {
    const count = Math.min(group, rowCount - first);
    v.fill(0);
    for (let g = 0; g < count; g++) {
      const row = rows.subarray((first + g) * m, (first + g + 1) * m);
      for (let s = 0; s < coalitions; s++) {
        for (let z = 0; z < backgroundCount; z++) {
          const at = filled * m;
          for (let f = 0; f < m; f++) buffer[at + f] = (s >> f) & 1 ? (row[f] ?? 0) : (background[z * m + f] ?? 0);
          slot[filled++] = g * coalitions + s;
          if (filled * m === buffer.length) await flush();
        }
      }
    }
    await flush();
    for (let g = 0; g < count; g++) {
      const r = first + g;
      for (const [o, output] of outputs.entries()) {
        const rowV = v.subarray((o * group + g) * coalitions, (o * group + g + 1) * coalitions);
        for (let s = 0; s < coalitions; s++) rowV[s] = (rowV[s] ?? 0) / backgroundCount;
        output.base = rowV[0] ?? Number.NaN;
        output.predictions[r] = rowV[coalitions - 1] ?? Number.NaN;
        shapleyFromCoalitionValues(rowV, m, output.values.subarray(r * m, (r + 1) * m));
      }
    }
  }
  return { outputs };
}
