// Printing a model explanation: the JSON contract of `preflight explain` (issue 8) and a readable text table.
import type { ModelExplanation } from '../../engine/model/shap/explainModel';

const round = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(10)) : v);

export function formatExplanationJson(e: ModelExplanation, rowCount: number): string {
  const m = e.features.length;
  const rows = Array.from({ length: rowCount }, (_, r) => ({
    value: round(e.predictions[r] ?? Number.NaN),
    base_value: round(e.base),
    shap: Array.from(e.values.subarray(r * m, (r + 1) * m), round),
    ...(e.standardErrors ? { standard_error: Array.from(e.standardErrors.subarray(r * m, (r + 1) * m), round) } : {}),
  }));
  return `${JSON.stringify({
    method: e.method,
    output_space: e.outputSpace,
    explained: e.explained,
    features: e.features,
    local_accuracy: {
      ok: e.localAccuracy.ok,
      max_error: e.localAccuracy.maxError,
      tolerance: e.localAccuracy.tolerance,
    },
    ...(e.runtimeGap === undefined ? {} : { onnxruntime_max_difference: e.runtimeGap }),
    rows,
  })}\n`;
}

const fmt = (v: number): string =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(3) : v.toFixed(4);

/** Per row: the value, the base, and the largest factors by |SHAP|, with the feature's value in the row. */
export function formatExplanationText(e: ModelExplanation, rows: Float32Array, rowCount: number, top = 5): string {
  const m = e.features.length;
  const lines = [
    `method: ${e.method} (${e.explained}, ${e.outputSpace} space)`,
    `local accuracy: ${e.localAccuracy.ok ? 'ok' : 'FAILED'} (max |base + sum - value| = ${e.localAccuracy.maxError.toExponential(2)})`,
    `base value: ${fmt(e.base)}`,
  ];
  const width = Math.max(...e.features.map((f) => f.length), 7);
  for (let r = 0; r < rowCount; r++) {
    lines.push('', `row ${r + 1}: value ${fmt(e.predictions[r] ?? Number.NaN)}`);
    const order = Array.from({ length: m }, (_, f) => f).sort(
      (a, b) => Math.abs(e.values[r * m + b] ?? 0) - Math.abs(e.values[r * m + a] ?? 0),
    );
    for (const f of order.slice(0, top)) {
      const v = e.values[r * m + f] ?? 0;
      const se = e.standardErrors ? ` ± ${fmt(e.standardErrors[r * m + f] ?? 0)}` : '';
      lines.push(
        `  ${(e.features[f] ?? '').padEnd(width)}  = ${fmt(rows[r * m + f] ?? Number.NaN).padStart(10)}   ${v >= 0 ? '+' : '-'}${fmt(Math.abs(v))}${se}`,
      );
    }
    if (m > top) {
      const rest = order.slice(top).reduce((s, f) => s + (e.values[r * m + f] ?? 0), 0);
      lines.push(
        `  ${`(${m - top} more)`.padEnd(width)}  ${''.padStart(12)}   ${rest >= 0 ? '+' : '-'}${fmt(Math.abs(rest))}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
