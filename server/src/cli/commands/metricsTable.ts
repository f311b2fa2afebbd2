// Text tables of classification reports for the train/evaluate commands: model and baselines side by side.
import type { ClassificationReport } from '../../engine/model/metrics';

const ROWS: readonly [string, (r: ClassificationReport) => number][] = [
  ['ROC-AUC', (r) => r.rocAuc],
  ['PR-AUC', (r) => r.prAuc],
  ['F1 (failure)', (r) => r.f1],
  ['precision', (r) => r.precision],
  ['recall', (r) => r.recall],
  ['accuracy', (r) => r.accuracy],
  ['Brier', (r) => r.brier],
  ['ECE', (r) => r.ece],
];

export function metricsTable(columns: readonly [string, ClassificationReport][]): string {
  const width = Math.max(...columns.map(([name]) => name.length), 6) + 2;
  const lines = [`${''.padEnd(14)}${columns.map(([name]) => name.padStart(width)).join('')}`];
  for (const [label, get] of ROWS)
    lines.push(
      `${label.padEnd(14)}${columns.map(([, r]) => (Number.isNaN(get(r)) ? '-' : get(r).toFixed(3)).padStart(width)).join('')}`,
    );
  return lines.join('\n');
}

export function calibrationTable(report: ClassificationReport): string {
  const lines = ['predicted   runs  mean predicted  observed'];
  for (const b of report.calibration) {
    if (b.count === 0) continue;
    lines.push(
      `${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.count).padStart(6)}  ${b.meanPredicted.toFixed(3).padStart(14)}  ${b.observed.toFixed(3).padStart(8)}`,
    );
  }
  return lines.join('\n');
}
