// Recency weights halve per half-life of age and average 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recencyWeights } from '../../../server/src/engine/model/failure/recencyWeights';

const DAY = 86_400_000;

describe('recencyWeights', () => {
  it('halves the weight per half-life of age and scales to mean 1', () => {
    const now = Date.UTC(2025, 5, 1);
    const w = recencyWeights([now - 60 * DAY, now - 30 * DAY, now], now, 30);
    // Unscaled 0.25, 0.5, 1 (mean 1.75 / 3).
    assert.deepEqual(Array.from(w, (v) => Number(v.toFixed(12))), [0.75 / 1.75, 1.5 / 1.75, 3 / 1.75].map((v) => Number(v.toFixed(12))));
  });

  it('gives runs after the reference the full weight (age is never negative)', () => {
    const w = recencyWeights([0, DAY, 2 * DAY], DAY, 1);
    assert.equal(w[1], w[2]);
    assert.ok(Math.abs((w[0] ?? 0) * 2 - (w[1] ?? 0)) < 1e-12);
  });
});
