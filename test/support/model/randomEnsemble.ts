// Random tree ensembles for property tests: seeded, with covers that add up (a parent's cover is its children's sum),
// shared thresholds so rows land exactly on split values, repeated features along a path and missing-value directions.
import type { Tree, TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';

// The one seeded generator of the test suites (a failing case is reproduced from its seed).
import { seededRandom } from '../seededRandom';

export { seededRandom };

/** Thresholds are drawn from this grid, and rows too, so ties (x == threshold) are common. */
export const GRID = [-1, -0.5, 0, 0.25, 0.5, 1, 2];

export function randomTree(random: () => number, featureCount: number, maxDepth: number): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missing: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const build = (depth: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    missing.push(0);
    value.push(0);
    cover.push(0);
    if (depth >= maxDepth || (depth > 0 && random() < 0.2)) {
      value[id] = Math.round((random() * 4 - 2) * 1000) / 1000;
      cover[id] = 1 + Math.floor(random() * 20);
      return id;
    }
    feature[id] = Math.floor(random() * featureCount);
    threshold[id] = GRID[Math.floor(random() * GRID.length)] ?? 0;
    missing[id] = random() < 0.5 ? 1 : 0;
    const l = build(depth + 1);
    const r = build(depth + 1);
    left[id] = l;
    right[id] = r;
    cover[id] = (cover[l] ?? 0) + (cover[r] ?? 0);
    return id;
  };
  build(0);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingGoesLeft: Uint8Array.from(missing),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
}

export function randomEnsemble(
  seed: number,
  options: { trees: number; features: number; depth: number; transform?: 'identity' | 'logistic' },
): TreeEnsemble {
  const random = seededRandom(seed);
  const trees = Array.from({ length: options.trees }, () => randomTree(random, options.features, options.depth));
  return {
    trees,
    baseScore: Math.round((random() - 0.5) * 1000) / 1000,
    transform: options.transform ?? 'identity',
    featureNames: Array.from({ length: options.features }, (_, i) => `f${i}`),
  };
}

/** Rows on and between the grid values, a few of them missing (NaN). */
export function randomRows(random: () => number, count: number, featureCount: number, missingRate = 0.1): Float64Array {
  const rows = new Float64Array(count * featureCount);
  for (let i = 0; i < rows.length; i++) {
    const u = random();
    rows[i] =
      u < missingRate
        ? Number.NaN
        : random() < 0.5
          ? (GRID[Math.floor(random() * GRID.length)] ?? 0)
          : random() * 4 - 1.5;
  }
  return rows;
}
