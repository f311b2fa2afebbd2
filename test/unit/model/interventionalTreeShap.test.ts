// Interventional TreeSHAP against Shapley values by enumeration, where a coalition's value is the mean margin over the
// background of hybrid rows (the row's values on the coalition, the background row's elsewhere).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import { InterventionalTreeShap } from '../../../server/src/engine/model/shap/interventionalTreeShap';
import type { TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';
import { shapleyByEnumeration } from '../../support/model/bruteForceShapley';
import { randomEnsemble, randomRows, seededRandom } from '../../support/model/randomEnsemble';

function bruteForce(
  ensemble: TreeEnsemble,
  row: ArrayLike<number>,
  background: Float64Array,
  count: number,
): { base: number; values: Float64Array } {
  const m = ensemble.featureNames.length;
  const hybrid = new Float64Array(m);
  return shapleyByEnumeration(m, (s) => {
    let sum = 0;
    for (let z = 0; z < count; z++) {
      for (let f = 0; f < m; f++) hybrid[f] = s & (1 << f) ? (row[f] ?? 0) : (background[z * m + f] ?? 0);
      sum += predictMargin(ensemble, hybrid);
    }
    return sum / count;
  });
}

describe('interventional TreeSHAP', () => {
  for (const maxTableBits of [8, 0]) {
    it(`matches enumeration over all coalitions on random trees to 1e-9 (${maxTableBits ? 'cached tables' : 'background mask lists'})`, () => {
      for (let seed = 1; seed <= 30; seed++) {
        const features = 2 + (seed % 6);
        const ensemble = randomEnsemble(seed, { trees: 1 + (seed % 4), features, depth: 2 + (seed % 5) });
        const noCovers: TreeEnsemble = {
          ...ensemble,
          trees: ensemble.trees.map((t) => ({ ...t, cover: t.cover.map(() => Number.NaN) })),
        };
        const random = seededRandom(seed * 31);
        const bgCount = 1 + (seed % 9);
        const background = randomRows(random, bgCount, features);
        const rows = randomRows(random, 4, features);
        const explainer = new InterventionalTreeShap(noCovers, background, bgCount, { maxTableBits });
        const values = explainer.explainBatch(rows, 4);
        for (let r = 0; r < 4; r++) {
          const row = rows.subarray(r * features, (r + 1) * features);
          const expected = bruteForce(ensemble, row, background, bgCount);
          assert.ok(Math.abs(explainer.base - expected.base) < 1e-9, `seed ${seed}: base`);
          for (let i = 0; i < features; i++) {
            const got = values[r * features + i] ?? Number.NaN;
            assert.ok(
              Math.abs(got - (expected.values[i] ?? 0)) < 1e-9,
              `seed ${seed} row ${r} feature ${i}: ${got} vs ${expected.values[i]}`,
            );
          }
        }
      }
    });
  }

  it('is locally accurate on a 100-tree ensemble: base + sum = margin', () => {
    const ensemble = randomEnsemble(5, { trees: 100, features: 12, depth: 6 });
    const random = seededRandom(8);
    const background = randomRows(random, 50, 12);
    const rows = randomRows(random, 50, 12);
    const explainer = new InterventionalTreeShap(ensemble, background, 50);
    const values = explainer.explainBatch(rows, 50);
    for (let r = 0; r < 50; r++) {
      const sum = values.subarray(r * 12, r * 12 + 12).reduce((a, b) => a + b, explainer.base);
      assert.ok(Math.abs(sum - predictMargin(ensemble, rows.subarray(r * 12, r * 12 + 12))) < 1e-9, `row ${r}`);
    }
  });

  it('gives a background row of its own zero attribution', () => {
    const ensemble = randomEnsemble(9, { trees: 10, features: 5, depth: 4 });
    const row = randomRows(seededRandom(1), 1, 5);
    const values = new InterventionalTreeShap(ensemble, row, 1).explainBatch(row, 1);
    assert.deepEqual(Array.from(values), [0, 0, 0, 0, 0]);
  });
});
