// Printing a model explanation: the JSON contract of `preflight explain` (issue 8; several classes since issue 18) and a
// readable text table.
import type { ExplainedOutput, ModelExplanation } from '../../engine/model/shap/explainModel';

const round = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(10)) : v);

/** The explanation's outputs a user asked for: every class, or the one `--class` named. */
export interface ShownOutputs {
  readonly outputs: readonly ExplainedOutput[];
  /** Set when --class chose one output. */
  readonly chosen?: string;
}

function outputRow(e: ModelExplanation, output: ExplainedOutput, r: number): Record<string, unknown> {
  const m = e.features.length;
  return {
    value: round(output.predictions[r] ?? Number.NaN),
    base_value: round(output.base),
    shap: Array.from(output.values.subarray(r * m, (r + 1) * m), round),
    ...(output.standardErrors
      ? { standard_error: Array.from(output.standardErrors.subarray(r * m, (r + 1) * m), round) }
      : {}),
  };
}

function predictedLabel(e: ModelExplanation, r: number): string | undefined {
  const c = e.predictedClass?.[r];
  return c === undefined ? undefined : e.outputs[c]?.label;
}

export function formatExplanationJson(e: ModelExplanation, shown: ShownOutputs, rowCount: number): string {
  const a = e.localAccuracy;
  const worst = a.worst;
  const single = shown.outputs.length === 1;
  const rows = Array.from({ length: rowCount }, (_, r) => {
    if (single) {
      const output = shown.outputs[0];
      return output ? outputRow(e, output, r) : {};
    }
    return {
      predicted_class: predictedLabel(e, r),
      classes: shown.outputs.map((output) => ({ class: output.label, ...outputRow(e, output, r) })),
    };
  });
  return `${JSON.stringify({
    method: e.method,
    output_space: e.outputSpace,
    explained: e.explained,
    features: e.features,
    ...(shown.chosen === undefined ? {} : { class: shown.chosen }),
    ...(single ? {} : { classes: shown.outputs.map((o) => o.label) }),
    ...(e.treesNotRead === undefined ? {} : { trees_not_read: e.treesNotRead }),
    local_accuracy: {
      ok: a.ok,
      checked_against: 'onnxruntime',
      max_error: a.maxError,
      tolerance: a.tolerance,
      failed_rows: a.failedRows,
      ...(worst
        ? {
            worst: {
              row: worst.row + 1,
              ...(worst.output === undefined ? {} : { class: worst.output }),
              compared: `${worst.fromShap} vs onnxruntime's ${worst.runtimeValue}`,
              from_shap: worst.ours,
              onnxruntime: worst.onnxruntime,
              difference: worst.difference,
            },
          }
        : {}),
    },
    rows,
  })}\n`;
}

const fmt = (v: number): string =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(3) : v.toFixed(4);

/** One output's value and its largest factors by |SHAP|, with the feature's value in the row. */
function factorLines(
  e: ModelExplanation,
  output: ExplainedOutput,
  rows: Float32Array,
  r: number,
  indent: string,
  top: number,
): string[] {
  const m = e.features.length;
  const width = Math.max(...e.features.map((f) => f.length), 7);
  const order = Array.from({ length: m }, (_, f) => f).sort(
    (a, b) => Math.abs(output.values[r * m + b] ?? 0) - Math.abs(output.values[r * m + a] ?? 0),
  );
  const lines: string[] = [];
  for (const f of order.slice(0, top)) {
    const v = output.values[r * m + f] ?? 0;
    const se = output.standardErrors ? ` ± ${fmt(output.standardErrors[r * m + f] ?? 0)}` : '';
    lines.push(
      `${indent}${(e.features[f] ?? '').padEnd(width)}  = ${fmt(rows[r * m + f] ?? Number.NaN).padStart(10)}   ${v >= 0 ? '+' : '-'}${fmt(Math.abs(v))}${se}`,
    );
  }
  if (m > top) {
    const rest = order.slice(top).reduce((s, f) => s + (output.values[r * m + f] ?? 0), 0);
    lines.push(
      `${indent}${`(${m - top} more)`.padEnd(width)}  ${''.padStart(12)}   ${rest >= 0 ? '+' : '-'}${fmt(Math.abs(rest))}`,
    );
  }
  return lines;
}

/** Per row: the value and the largest factors; for several classes, the predicted class first and each class's. */
export function formatExplanationText(
  e: ModelExplanation,
  shown: ShownOutputs,
  rows: Float32Array,
  rowCount: number,
  top = 5,
): string {
  const single = shown.outputs.length === 1;
  const lines = [
    `method: ${e.method} (${e.explained}${shown.chosen === undefined ? '' : `, class '${shown.chosen}'`}, ${e.outputSpace} space)`,
    ...(e.treesNotRead === undefined ? [] : [`trees not read: ${e.treesNotRead}`]),
    `local accuracy against onnxruntime: ${e.localAccuracy.ok ? 'ok' : 'FAILED'} (max |base + sum - value| = ${e.localAccuracy.maxError.toExponential(2)})`,
    ...(single
      ? [`base value: ${fmt(shown.outputs[0]?.base ?? Number.NaN)}`]
      : [`base values: ${shown.outputs.map((o) => `'${o.label}' ${fmt(o.base)}`).join(', ')}`]),
  ];
  for (let r = 0; r < rowCount; r++) {
    const output = shown.outputs[0];
    if (single && output) {
      lines.push('', `row ${r + 1}: value ${fmt(output.predictions[r] ?? Number.NaN)}`);
      lines.push(...factorLines(e, output, rows, r, '  ', top));
      continue;
    }
    lines.push('', `row ${r + 1}: predicted class '${predictedLabel(e, r) ?? '?'}'`);
    for (const each of shown.outputs) {
      lines.push(`  class '${each.label}': value ${fmt(each.predictions[r] ?? Number.NaN)}`);
      lines.push(...factorLines(e, each, rows, r, '    ', top));
    }
  }
  return `${lines.join('\n')}\n`;
}
