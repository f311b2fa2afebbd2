// The statistics under the insights against scipy/numpy (test/fixtures/insights/statsReference.json, made by
// scripts/makeInsightsReference.py) and against brute force.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { mannWhitneyGreater, median, quantile, theilSenSlope } from '../../server/src/engine/history/robustStats';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

interface Case {
  readonly a: number[];
  readonly b: number[];
  readonly u: number;
  readonly pGreater: number;
  readonly theilSenSlope: number;
  readonly median: number;
  readonly p90: number;
}

const reference = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'insights', 'statsReference.json'), 'utf8')) as {
  cases: Case[];
};

const close = (actual: number, expected: number, tolerance: number, what: string): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
};

describe('robust statistics', () => {
  it('Mann–Whitney U and its one-sided p-value match scipy (ties included)', () => {
    assert.ok(reference.cases.length >= 10);
    reference.cases.forEach((c, i) => {
      const r = mannWhitneyGreater(c.a, c.b);
      assert.equal(r.u, c.u, `case ${i} U`);
      close(r.pGreater, c.pGreater, 1e-6 + 1e-5 * c.pGreater, `case ${i} p`);
    });
  });

  it('U counts the pairs where the first sample is larger, ties as halves (brute force)', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const a = Array.from({ length: 3 + Math.floor(random() * 10) }, () => Math.floor(random() * 8));
      const b = Array.from({ length: 3 + Math.floor(random() * 10) }, () => Math.floor(random() * 8));
      let pairs = 0;
      for (const x of a) for (const y of b) pairs += x > y ? 1 : x === y ? 0.5 : 0;
      assert.equal(mannWhitneyGreater(a, b).u, pairs, `trial ${trial}`);
    }
  });

  it('Theil–Sen slope, median and p90 match scipy/numpy', () => {
    reference.cases.forEach((c, i) => {
      close(
        theilSenSlope(
          c.b.map((_, x) => x),
          c.b,
        ),
        c.theilSenSlope,
        1e-9,
        `case ${i} slope`,
      );
      close(median(c.b), c.median, 1e-9, `case ${i} median`);
      close(quantile(c.b, 0.9), c.p90, 1e-9, `case ${i} p90`);
    });
  });

  it('Theil–Sen ignores a minority of wild outliers on an exact line', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const ys = xs.map((x) => 100 + 3 * x);
    ys[4] = 5000;
    ys[11] = -900;
    ys[17] = 9999;
    assert.equal(theilSenSlope(xs, ys), 3);
  });
});
