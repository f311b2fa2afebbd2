// Path-dependent TreeSHAP against Shapley values by enumeration, where a coalition's value is the cover-weighted
// conditional expectation of the ensemble (the quantity Algorithm 2 of Lundberg et al. 2018 computes in polynomial time).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import { treeShap, treeShapBatch, treeShapProblem } from '../../../server/src/engine/model/shap/treeShap';
import type { Tree, TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';
import { shapleyByEnumeration } from '../../support/model/bruteForceShapley';
import { randomEnsemble, randomRows, seededRandom } from '../../support/model/randomEnsemble';

/** E[tree(x) | x_S] under the tree's own cover distribution: unknown features follow both children by cover. */
function conditionalExpectation(tree: Tree, node: number, row: ArrayLike<number>, coalition: number): number {
  const feature = tree.feature[node] ?? -1;
  if (feature < 0) return tree.value[node] ?? 0;
  const l = tree.left[node] ?? 0;
  const r = tree.right[node] ?? 0;
  if (coalition & (1 << feature)) {
    const x = row[feature] ?? Number.NaN;
    const goLeft = Number.isNaN(x) ? tree.missingGoesLeft[node] === 1 : x < (tree.threshold[node] ?? 0);
    return conditionalExpectation(tree, goLeft ? l : r, row, coalition);
  }
  const c = tree.cover[node] ?? 1;
  return (
    ((tree.cover[l] ?? 0) * conditionalExpectation(tree, l, row, coalition) +
      (tree.cover[r] ?? 0) * conditionalExpectation(tree, r, row, coalition)) /
    c
  );
}

function bruteForce(ensemble: TreeEnsemble, row: ArrayLike<number>): { base: number; values: Float64Array } {
  return shapleyByEnumeration(ensemble.featureNames.length, (s) =>
    ensemble.trees.reduce((sum, tree) => sum + conditionalExpectation(tree, 0, row, s), ensemble.baseScore),
  );
}

describe('path-dependent TreeSHAP', () => {
  it('matches enumeration over all coalitions on random trees to 1e-9 (ties, repeated features, missing values)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const features = 2 + (seed % 5);
      const ensemble = randomEnsemble(seed, { trees: 1 + (seed % 4), features, depth: 2 + (seed % 5) });
      const rows = randomRows(seededRandom(seed * 7919), 5, features);
      for (let r = 0; r < 5; r++) {
        const row = rows.subarray(r * features, (r + 1) * features);
        const ours = treeShap(ensemble, row);
        const expected = bruteForce(ensemble, row);
        assert.ok(Math.abs(ours.base - expected.base) < 1e-9, `seed ${seed}: base ${ours.base} vs ${expected.base}`);
        for (let i = 0; i < features; i++) {
          assert.ok(
            Math.abs((ours.values[i] ?? 0) - (expected.values[i] ?? 0)) < 1e-9,
            `seed ${seed} row ${r} feature ${i}: ${ours.values[i]} vs ${expected.values[i]}`,
          );
        }
        checked++;
      }
    }
    assert.equal(checked, 200);
  });

  it('is locally accurate: base + sum of values = margin', () => {
    const ensemble = randomEnsemble(99, { trees: 50, features: 8, depth: 6 });
    const rows = randomRows(seededRandom(5), 100, 8);
    const batch = treeShapBatch(ensemble, rows, 100);
    for (let r = 0; r < 100; r++) {
      const row = rows.subarray(r * 8, r * 8 + 8);
      const sum = batch.values.subarray(r * 8, r * 8 + 8).reduce((a, b) => a + b, batch.base);
      assert.ok(Math.abs(sum - predictMargin(ensemble, row)) < 1e-9, `row ${r}`);
      assert.deepEqual(Array.from(batch.values.subarray(r * 8, r * 8 + 8)), Array.from(treeShap(ensemble, row).values));
    }
  });

  it('refuses ensembles without covers, naming the alternative', () => {
    const ensemble = randomEnsemble(3, { trees: 2, features: 3, depth: 3 });
    const noCovers: TreeEnsemble = {
      ...ensemble,
      trees: ensemble.trees.map((t) => ({ ...t, cover: t.cover.map(() => Number.NaN) })),
    };
    assert.match(treeShapProblem(noCovers) ?? '', /interventional TreeSHAP/);
    assert.equal(treeShapProblem(ensemble), undefined);
    assert.throws(() => treeShap(noCovers, [0, 0, 0]), /no node covers/);
  });
});
