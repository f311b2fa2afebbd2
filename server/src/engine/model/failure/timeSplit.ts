// Time-ordered split of the labelled runs (success/failure) of a feature table: the last `testFraction` are the test set,
// and the last `validFraction` of what remains validates (early stopping, calibration, threshold). The test set is never
// looked at while training or choosing anything.
import { isLabelled } from '../runs/runRecord';
import type { FeatureValues } from '../featureValues';
import type { FeatureTable } from './features';

export interface TimeSplit {
  /** Row indices into the table, each part in time order. */
  readonly train: Int32Array;
  readonly valid: Int32Array;
  readonly test: Int32Array;
}

export function timeSplit(table: FeatureTable, testFraction = 0.2, validFraction = 0.2): TimeSplit {
  const labelled: number[] = [];
  table.runs.forEach((run, i) => {
    if (isLabelled(run)) labelled.push(i);
  });
  const testStart = Math.round(labelled.length * (1 - testFraction));
  const validStart = Math.round(testStart * (1 - validFraction));
  return {
    train: Int32Array.from(labelled.slice(0, validStart)),
    valid: Int32Array.from(labelled.slice(validStart, testStart)),
    test: Int32Array.from(labelled.slice(testStart)),
  };
}

/** Two runs of row indices as one, `a` first (train then validation: still in time order). */
export function joinRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Feature rows and labels (1 = failure) of the given table rows. */
export function selectRows(
  table: FeatureTable,
  rows: Int32Array,
): { values: FeatureValues; labels: Uint8Array; rowCount: number } {
  const f = table.featureCount;
  // Float32 like the table: the values are float32 already, and a million rows stay a quarter of a GB smaller.
  const values = new Float32Array(rows.length * f);
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, k) => {
    values.set(table.values.subarray(r * f, (r + 1) * f), k * f);
    labels[k] = table.runs[r]?.conclusion === 'failure' ? 1 : 0;
  });
  return { values, labels, rowCount: rows.length };
}
