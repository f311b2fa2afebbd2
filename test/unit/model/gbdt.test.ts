// The GBDT trainer on constructed problems with known answers: XOR of two features (no single split helps, depth 2
// solves it), covers that add up to the hessian sums, missing values routed by learned direction, determinism by seed,
// and early stopping that keeps the best validation iteration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GBDT_OPTIONS, trainGbdt, type TrainingSet } from '../../../server/src/engine/model/gbdt/trainGbdt';
import { outputOfMargin, predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import type { Tree } from '../../../server/src/engine/model/treeEnsemble';
import { seededRandom } from '../../support/model/randomEnsemble';

/** Rows of [a, b, noise] with label a XOR b (a, b in {0, 1}); `flip` of the labels are flipped. */
function xorSet(seed: number, n: number, flip = 0): TrainingSet {
  const random = seededRandom(seed);
  const values = new Float64Array(n * 3);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = random() < 0.5 ? 1 : 0;
    const b = random() < 0.5 ? 1 : 0;
    values.set([a, b, random()], i * 3);
    labels[i] = a ^ b ^ (random() < flip ? 1 : 0);
  }
  return { values, labels, rowCount: n };
}

function checkCovers(tree: Tree, node: number): void {
  if ((tree.feature[node] ?? -1) < 0) return;
  const l = tree.left[node] ?? 0;
  const r = tree.right[node] ?? 0;
  assert.ok(
    Math.abs((tree.cover[node] ?? 0) - (tree.cover[l] ?? 0) - (tree.cover[r] ?? 0)) < 1e-9 * (tree.cover[node] ?? 1),
  );
  checkCovers(tree, l);
  checkCovers(tree, r);
}

describe('trainGbdt', () => {
  it('learns XOR with depth-2 trees', () => {
    const train = xorSet(1, 400);
    const { ensemble } = trainGbdt(train, undefined, ['a', 'b', 'noise'], {
      ...DEFAULT_GBDT_OPTIONS,
      maxDepth: 2,
      maxTrees: 150,
      learningRate: 0.3,
      minChildWeight: 1,
    });
    for (const [a, b] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const) {
      const p = outputOfMargin(ensemble, predictMargin(ensemble, [a, b, 0.5]));
      assert.ok((a ^ b) === 1 ? p > 0.9 : p < 0.1, `${a} xor ${b}: ${p}`);
    }
  });

  it('writes covers that are hessian sums: children add up to parents, the first root to n·p·(1−p)', () => {
    const train = xorSet(2, 300, 0.1);
    const { ensemble } = trainGbdt(train, undefined, ['a', 'b', 'noise'], {
      ...DEFAULT_GBDT_OPTIONS,
      maxDepth: 4,
      maxTrees: 20,
    });
    for (const tree of ensemble.trees) checkCovers(tree, 0);
    const rate = Array.from(train.labels).reduce((s, y) => s + y, 0) / train.rowCount;
    assert.ok(Math.abs((ensemble.trees[0]?.cover[0] ?? 0) - train.rowCount * rate * (1 - rate)) < 1e-9);
  });

  it('sends missing values the way that fits their labels', () => {
    // x missing means failure; present values carry no signal.
    const random = seededRandom(3);
    const n = 400;
    const values = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? Number.NaN : random()));
    const labels = Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0));
    const { ensemble } = trainGbdt({ values, labels, rowCount: n }, undefined, ['x'], {
      ...DEFAULT_GBDT_OPTIONS,
      maxDepth: 1,
      maxTrees: 50,
      learningRate: 0.3,
    });
    assert.ok(outputOfMargin(ensemble, predictMargin(ensemble, [Number.NaN])) > 0.9);
    assert.ok(outputOfMargin(ensemble, predictMargin(ensemble, [0.5])) < 0.1);
  });

  it('is deterministic for a seed, and row subsampling depends on it', () => {
    const train = xorSet(4, 300, 0.2);
    const options = { ...DEFAULT_GBDT_OPTIONS, maxTrees: 15, subsample: 0.7 };
    const leaves = (seed: number): number[] =>
      trainGbdt(train, undefined, ['a', 'b', 'noise'], { ...options, seed }).ensemble.trees.flatMap((t) =>
        Array.from(t.value),
      );
    assert.deepEqual(leaves(7), leaves(7));
    assert.notDeepEqual(leaves(7), leaves(8));
  });

  it('stops early and keeps the iteration with the lowest validation loss', () => {
    // Pure noise: every tree after the first few overfits, so validation loss rises and the best count is small.
    const train = xorSet(5, 300, 0.5);
    const valid = xorSet(6, 300, 0.5);
    const losses: number[] = [];
    const result = trainGbdt(
      train,
      valid,
      ['a', 'b', 'noise'],
      { ...DEFAULT_GBDT_OPTIONS, maxDepth: 4, learningRate: 0.3, earlyStoppingRounds: 10 },
      (p) => losses.push(p.validLoss ?? Number.NaN),
    );
    assert.equal(result.grownTreeCount, losses.length);
    assert.equal(result.grownTreeCount, result.bestTreeCount + 10);
    assert.equal(result.ensemble.trees.length, result.bestTreeCount);
    const best = Math.min(...losses);
    if (result.bestTreeCount > 0) assert.equal(losses[result.bestTreeCount - 1], best);
    // The kept ensemble's validation loss, recomputed with the public scorer, is the best one seen.
    let sum = 0;
    for (let i = 0; i < valid.rowCount; i++) {
      const p = outputOfMargin(
        result.ensemble,
        predictMargin(result.ensemble, valid.values.subarray(i * 3, i * 3 + 3)),
      );
      sum -= valid.labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    assert.ok(Math.abs(sum / valid.rowCount - (result.bestValidLoss ?? 0)) < 1e-9);
  });

  it('squared error: starts from the mean, fits a step function to its levels, and keeps covers as row counts', () => {
    // y = 10 below x = 0.5 and 30 above, plus noise uniform in ±1: the best prediction is 10 or 30 on each side.
    const random = seededRandom(7);
    const n = 400;
    const values = new Float64Array(n * 2);
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = random();
      values.set([x, random()], i * 2);
      labels[i] = (x < 0.5 ? 10 : 30) + (random() * 2 - 1);
    }
    const mean = labels.reduce((s, y) => s + y, 0) / n;
    const { ensemble } = trainGbdt({ values, labels, rowCount: n }, undefined, ['x', 'noise'], {
      ...DEFAULT_GBDT_OPTIONS,
      loss: 'squaredError',
      maxDepth: 2,
      maxTrees: 200,
      learningRate: 0.1,
    });
    assert.equal(ensemble.transform, 'identity');
    assert.ok(Math.abs(ensemble.baseScore - mean) < 1e-9);
    assert.equal(ensemble.trees[0]?.cover[0], n, 'hessian 1 per row: the root covers every row');
    for (const tree of ensemble.trees) checkCovers(tree, 0);
    assert.ok(Math.abs(outputOfMargin(ensemble, predictMargin(ensemble, [0.2, 0.5])) - 10) < 0.5);
    assert.ok(Math.abs(outputOfMargin(ensemble, predictMargin(ensemble, [0.8, 0.5])) - 30) < 0.5);
  });
});

describe('trainGbdt sample weights', () => {
  it('treats a row of weight 2 as that row twice (same bins, so identical trees)', () => {
    const base = xorSet(4, 200, 0.2);
    // Feature 2 is noise in [0, 1); round it to few values so duplicated rows cannot move the quantile cuts.
    const values = base.values.map((v, i) => (i % 3 === 2 ? Math.round(v * 10) / 10 : v));
    const doubled = Array.from({ length: base.rowCount }, (_, i) => i % 5 === 0);
    const weights = Float64Array.from(doubled, (d) => (d ? 2 : 1));
    const rows = doubled.flatMap((d, i) => (d ? [i, i] : [i]));
    const duplicated: TrainingSet = {
      values: Float64Array.from(rows.flatMap((i) => Array.from(values.subarray(i * 3, i * 3 + 3)))),
      labels: Uint8Array.from(rows, (i) => base.labels[i] ?? 0),
      rowCount: rows.length,
    };
    const options = { ...DEFAULT_GBDT_OPTIONS, maxDepth: 3, maxTrees: 15, learningRate: 0.3 };
    const a = trainGbdt(
      { values, labels: base.labels, rowCount: base.rowCount, weights },
      undefined,
      ['a', 'b', 'noise'],
      options,
    ).ensemble;
    const b = trainGbdt(duplicated, undefined, ['a', 'b', 'noise'], options).ensemble;
    assert.ok(Math.abs(a.baseScore - b.baseScore) < 1e-12);
    for (const [t, tree] of a.trees.entries()) {
      const other = b.trees[t];
      assert.deepEqual(Array.from(tree.feature), Array.from(other?.feature ?? []));
      assert.deepEqual(Array.from(tree.threshold), Array.from(other?.threshold ?? []));
      tree.value.forEach((v, k) => {
        assert.ok(Math.abs(v - (other?.value[k] ?? Number.NaN)) < 1e-9);
      });
    }
  });
});
