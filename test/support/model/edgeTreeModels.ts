// The SHAP fixtures of issue 18: tree models whose splits use +inf, -inf and NaN thresholds in every split mode (as
// scikit-learn's HistGradientBoosting writes BRANCH_LEQ +inf), and classifiers with several classes, each described
// once here and written by treeModelBuilder.ts. Seeded, so a failure names its model and replays.
import { seededRandom } from '../seededRandom';
import type { NodeSpec, TreeModelSpec } from './treeModelBuilder';

export const EDGE_FEATURES = ['age', 'visits', 'spend', 'tenure'];

const INF = Number.POSITIVE_INFINITY;
/** Thresholds drawn for the fixtures: the infinities and NaN among ordinary values the rows hit exactly. */
const THRESHOLDS = [INF, -INF, Number.NaN, 0, 0.5, 1, 2, INF, -INF];

/** A random tree of `depth` levels whose splits use `modes`, with random missing tracks and per-class leaf weights. */
function randomTree(
  random: () => number,
  depth: number,
  modes: readonly string[],
  classes: readonly number[],
): NodeSpec {
  if (depth === 0 || (depth < 3 && random() < 0.15)) {
    const weights: Record<number, number> = {};
    for (const c of classes) weights[c] = Math.fround(Math.round((random() * 2 - 1) * 1000) / 1000);
    return { weights };
  }
  return {
    feature: Math.floor(random() * EDGE_FEATURES.length),
    mode: modes[Math.floor(random() * modes.length)] ?? 'BRANCH_LEQ',
    threshold: THRESHOLDS[Math.floor(random() * THRESHOLDS.length)] ?? 0,
    missingTrue: random() < 0.5,
    whenTrue: randomTree(random, depth - 1, modes, classes),
    whenFalse: randomTree(random, depth - 1, modes, classes),
  };
}

/** A regressor whose every split uses `mode` (or, for 'mixed', any mode). */
export function edgeRegressor(mode: string, seed: number): TreeModelSpec {
  const random = seededRandom(seed);
  const modes =
    mode === 'mixed' ? ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'] : [mode];
  return {
    operator: 'TreeEnsembleRegressor',
    featureCount: EDGE_FEATURES.length,
    featureNames: EDGE_FEATURES,
    trees: Array.from({ length: 6 }, () => randomTree(random, 4, modes, [0])),
    baseValues: [0.25],
  };
}

/** A binary classifier as skl2onnx writes HistGradientBoosting: class id 0 only, LOGISTIC, one base value, BRANCH_LEQ
 * splits (thresholds +inf where a bin holds every value) with missing tracks, and ZipMap. */
export function histGradientBoostingBinary(seed: number): TreeModelSpec {
  const random = seededRandom(seed);
  return {
    operator: 'TreeEnsembleClassifier',
    featureCount: EDGE_FEATURES.length,
    featureNames: EDGE_FEATURES,
    trees: Array.from({ length: 8 }, () => randomTree(random, 4, ['BRANCH_LEQ'], [0])),
    postTransform: 'LOGISTIC',
    baseValues: [-0.4],
    classLabels: [0, 1],
    zipMap: true,
  };
}

/** Three classes as xgboost and LightGBM write them (onnxmltools): one tree per class and round, class ids cycling,
 * SOFTMAX, a base value per class, int64 labels, ZipMap. */
export function boosterMulticlass(seed: number): TreeModelSpec {
  const random = seededRandom(seed);
  return {
    operator: 'TreeEnsembleClassifier',
    featureCount: EDGE_FEATURES.length,
    featureNames: EDGE_FEATURES,
    trees: Array.from({ length: 9 }, (_, t) =>
      randomTree(random, 3, ['BRANCH_LT', 'BRANCH_LEQ', 'BRANCH_GTE', 'BRANCH_GT'], [t % 3]),
    ),
    postTransform: 'SOFTMAX',
    baseValues: [0.5, 0.1, -0.2],
    classLabels: [0, 1, 2],
    zipMap: true,
  };
}

/** Three classes as skl2onnx writes a random forest: every leaf votes for every class (its class probabilities over
 * the trees), no post transform, string labels. */
export function forestMulticlass(seed: number): TreeModelSpec {
  const random = seededRandom(seed);
  const vote = (node: NodeSpec): NodeSpec => {
    if ('mode' in node) return { ...node, whenTrue: vote(node.whenTrue), whenFalse: vote(node.whenFalse) };
    const raw = [random(), random(), random()];
    const sum = raw.reduce((a, b) => a + b, 0);
    return { weights: Object.fromEntries(raw.map((v, c) => [c, Math.fround(v / sum / 5)])) };
  };
  return {
    operator: 'TreeEnsembleClassifier',
    featureCount: EDGE_FEATURES.length,
    featureNames: EDGE_FEATURES,
    trees: Array.from({ length: 5 }, () => vote(randomTree(random, 3, ['BRANCH_LEQ', 'BRANCH_NEQ'], [0]))),
    classLabels: ['setosa', 'versicolor', 'virginica'],
  };
}

/** The same trees with post_transform NONE and no ZipMap: onnxruntime then outputs the raw class scores, the margins
 * a reference explains. */
export function rawScoresOf(spec: TreeModelSpec): TreeModelSpec {
  return { ...spec, postTransform: 'NONE', zipMap: false };
}

/** Rows that hit thresholds exactly, with missing values. */
export function edgeRows(seed: number, count: number): number[][] {
  const random = seededRandom(seed);
  const grid = [-1, 0, 0.5, 1, 2, 3, Number.NaN];
  return Array.from({ length: count }, () => EDGE_FEATURES.map(() => grid[Math.floor(random() * grid.length)] ?? 0));
}
