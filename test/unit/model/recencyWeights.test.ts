// Recency weights halve per half-life of age and average 1; the trainer's rows carry them only when a half-life is set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import { recencyWeights } from '../../../server/src/engine/model/failure/recencyWeights';
import { weighted } from '../../../server/src/engine/model/failure/trainFailureModel';
import { isLabelled } from '../../../server/src/engine/model/runs/runRecord';
import { syntheticRuns } from '../../support/model/syntheticRuns';

const DAY = 86_400_000;

describe('recencyWeights', () => {
  it('halves the weight per half-life of age and scales to mean 1', () => {
    const now = Date.UTC(2025, 5, 1);
    const w = recencyWeights([now - 60 * DAY, now - 30 * DAY, now], now, 30);
    // Unscaled 0.25, 0.5, 1 (mean 1.75 / 3).
    assert.deepEqual(
      Array.from(w, (v) => Number(v.toFixed(12))),
      [0.75 / 1.75, 1.5 / 1.75, 3 / 1.75].map((v) => Number(v.toFixed(12))),
    );
  });

  it('gives runs after the reference the full weight (age is never negative)', () => {
    const w = recencyWeights([0, DAY, 2 * DAY], DAY, 1);
    assert.equal(w[1], w[2]);
    assert.ok(Math.abs((w[0] ?? 0) * 2 - (w[1] ?? 0)) < 1e-12);
  });
});

describe('weighted training rows', () => {
  it('weights the chosen rows by recency from the newest of them, and leaves them unweighted without a half-life', () => {
    const table = buildFeatureTable(syntheticRuns(3, 300));
    const rows = Int32Array.from(table.runs.flatMap((r, i) => (isLabelled(r) ? [i] : [])).slice(0, 100));
    assert.equal(weighted(table, rows, undefined).weights, undefined);
    const set = weighted(table, rows, 0.5);
    const w = set.weights ?? new Float64Array();
    assert.equal(w.length, rows.length);
    const created = Array.from(rows, (r) => table.runs[r]?.createdAt ?? 0);
    const newest = Math.max(...created);
    created.forEach((t, k) => {
      assert.ok(Math.abs((w[k] ?? 0) / (w[created.length - 1] ?? 1) - 2 ** (-(newest - t) / (0.5 * DAY))) < 1e-9);
    });
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) / w.length - 1) < 1e-9);
  });
});
