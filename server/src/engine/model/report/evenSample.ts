// Deterministic, evenly spaced row samples: the same data always gives the same background and the same explained
// rows (so two runs of the same report agree), and a sample spans the whole file rather than its first rows.
import type { FeatureMatrix } from '../data/featureMatrix';

export function evenSampleIndices(total: number, wanted: number): number[] {
  if (wanted >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: wanted }, (_, k) => Math.floor((k * total) / wanted));
}

export function takeRows(matrix: FeatureMatrix, indices: readonly number[]): FeatureMatrix {
  const m = matrix.columns.length;
  const values = new Float32Array(indices.length * m);
  indices.forEach((r, k) => {
    values.set(matrix.values.subarray(r * m, (r + 1) * m), k * m);
  });
  return { columns: matrix.columns, rowCount: indices.length, values };
}
