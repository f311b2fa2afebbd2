// Gradient-boosted trees: binary labels with logistic loss (failure risk), or real targets with squared error (job
// durations). Validation rows (a time-ordered hold-out chosen by the caller) drive early stopping: the ensemble is cut
// back to the iteration with the lowest validation loss.
import type { FeatureValues } from '../featureValues';
import type { Tree, TreeEnsemble } from '../treeEnsemble';
import { binRows, computeCuts } from './featureBins';
import { growTree, type TreeOptions } from './growTree';
import { seededRandom } from './seededRandom';

export type GbdtLoss = 'logistic' | 'squaredError';

export interface GbdtOptions extends TreeOptions {
  /** logistic: labels 0/1, margin = log-odds. squaredError: any real target, margin = the prediction. */
  readonly loss?: GbdtLoss;
  readonly maxTrees: number;
  readonly maxBins: number;
  /** Fraction of training rows drawn (without replacement) for each tree; 1 uses all. */
  readonly subsample: number;
  /** Stop after this many trees without a better validation loss. */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
}

export const DEFAULT_GBDT_OPTIONS: GbdtOptions = {
  maxTrees: 1000,
  maxDepth: 3,
  learningRate: 0.05,
  minChildWeight: 1,
  lambda: 1,
  minSplitGain: 0,
  maxBins: 128,
  subsample: 1,
  earlyStoppingRounds: 50,
  seed: 1,
};

export interface TrainingSet {
  /** Row-major feature values, NaN for unknown. */
  readonly values: FeatureValues;
  /** 0/1 for logistic loss; the target value for squared error. */
  readonly labels: ArrayLike<number>;
  readonly rowCount: number;
  /** Per-row sample weight (e.g. recency); all 1 when absent. Scales each row's gradient and hessian. */
  readonly weights?: Float64Array;
}

export interface TrainingProgress {
  readonly tree: number;
  readonly maxTrees: number;
  readonly trainLoss: number;
  readonly validLoss: number | undefined;
  readonly bestTree: number;
}

export interface GbdtResult {
  readonly ensemble: TreeEnsemble;
  /** Trees kept (best validation iteration) and grown in total. */
  readonly bestTreeCount: number;
  readonly grownTreeCount: number;
  readonly bestValidLoss: number | undefined;
}

function logLoss(margins: Float64Array, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i] ?? 0;
    // log(1 + e^-|m|) + max(m, 0) - y m, stable for large |m|.
    sum += Math.log1p(Math.exp(-Math.abs(m))) + Math.max(m, 0) - (labels[i] ?? 0) * m;
  }
  return margins.length === 0 ? 0 : sum / margins.length;
}

/** Half the mean squared error: the loss whose gradient is (margin − y) and hessian 1. */
function squaredLoss(margins: Float64Array, targets: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) {
    const d = (margins[i] ?? 0) - (targets[i] ?? 0);
    sum += d * d;
  }
  return margins.length === 0 ? 0 : sum / (2 * margins.length);
}

interface LossFunctions {
  /** The (weighted) optimum of a constant model. */
  readonly baseScore: (labels: ArrayLike<number>, rowCount: number, weight: (row: number) => number) => number;
  readonly gradients: (
    margins: Float64Array,
    labels: ArrayLike<number>,
    grad: Float64Array,
    hess: Float64Array,
  ) => void;
  readonly loss: (margins: Float64Array, labels: ArrayLike<number>) => number;
  readonly transform: TreeEnsemble['transform'];
}

const LOSSES: Readonly<Record<GbdtLoss, LossFunctions>> = {
  logistic: {
    baseScore: (labels, rowCount, weight) => {
      let positives = 0;
      let total = 0;
      for (let i = 0; i < rowCount; i++) {
        positives += (labels[i] ?? 0) * weight(i);
        total += weight(i);
      }
      // Start from the log-odds of the (weighted) base rate, clamped so a one-class training set still gives finite margins.
      const rate = Math.min(Math.max(positives / Math.max(Number.MIN_VALUE, total), 1e-6), 1 - 1e-6);
      return Math.log(rate / (1 - rate));
    },
    gradients: (margins, labels, grad, hess) => {
      for (let i = 0; i < margins.length; i++) {
        const p = 1 / (1 + Math.exp(-(margins[i] ?? 0)));
        grad[i] = p - (labels[i] ?? 0);
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
    },
    loss: logLoss,
    transform: 'logistic',
  },
  squaredError: {
    baseScore: (targets, rowCount, weight) => {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < rowCount; i++) {
        sum += (targets[i] ?? 0) * weight(i);
        total += weight(i);
      }
      return total === 0 ? 0 : sum / total;
    },
    gradients: (margins, targets, grad, hess) => {
      for (let i = 0; i < margins.length; i++) {
        grad[i] = (margins[i] ?? 0) - (targets[i] ?? 0);
        hess[i] = 1;
      }
    },
    loss: squaredLoss,
    transform: 'identity',
  },
};

function addTree(
  margins: Float64Array,
  tree: Tree,
  data: { bins: Uint8Array; rowCount: number; cuts: readonly Float64Array[] },
): void {
  for (let i = 0; i < data.rowCount; i++) {
    let node = 0;
    while ((tree.feature[node] ?? -1) >= 0) {
      const f = tree.feature[node] ?? 0;
      const b = data.bins[f * data.rowCount + i] ?? 0;
      const bound = tree.threshold[node] ?? 0;
      const cuts = data.cuts[f] ?? new Float64Array(0);
      // Bin b holds values >= cuts[b-1] and < cuts[b]; the node's threshold is one of the cuts.
      const left = b === 255 ? tree.missingGoesLeft[node] === 1 : b === 0 || (cuts[b - 1] ?? 0) < bound;
      node = (left ? tree.left[node] : tree.right[node]) ?? 0;
    }
    margins[i] = (margins[i] ?? 0) + (tree.value[node] ?? 0);
  }
}

export function trainGbdt(
  train: TrainingSet,
  valid: TrainingSet | undefined,
  featureNames: readonly string[],
  options: GbdtOptions = DEFAULT_GBDT_OPTIONS,
  onProgress?: (p: TrainingProgress) => void,
): GbdtResult {
  const featureCount = featureNames.length;
  const cuts = computeCuts(train.values, train.rowCount, featureCount, options.maxBins);
  const data = binRows(train.values, train.rowCount, cuts);
  const validData = valid ? binRows(valid.values, valid.rowCount, cuts) : undefined;
  const weight = (i: number): number => train.weights?.[i] ?? 1;
  const loss = LOSSES[options.loss ?? 'logistic'];
  const baseScore = loss.baseScore(train.labels, train.rowCount, weight);
  const margins = new Float64Array(train.rowCount).fill(baseScore);
  const validMargins = new Float64Array(valid?.rowCount ?? 0).fill(baseScore);
  const grad = new Float64Array(train.rowCount);
  const hess = new Float64Array(train.rowCount);
  const random = seededRandom(options.seed);
  const all = Int32Array.from({ length: train.rowCount }, (_, i) => i);
  const trees: Tree[] = [];
  let bestLoss = valid ? loss.loss(validMargins, valid.labels) : Number.POSITIVE_INFINITY;
  let bestCount = 0;
  for (let t = 0; t < options.maxTrees; t++) {
    loss.gradients(margins, train.labels, grad, hess);
    // Sample weights scale each row's gradient and hessian (a weight-2 row counts as the row twice).
    if (train.weights) {
      for (let i = 0; i < train.rowCount; i++) {
        const w = weight(i);
        grad[i] = (grad[i] ?? 0) * w;
        hess[i] = Math.max((hess[i] ?? 0) * w, 1e-16);
      }
    }
    const rows = options.subsample < 1 ? sample(all, options.subsample, random) : all;
    const tree = growTree(data, rows, grad, hess, options);
    trees.push(tree);
    addTree(margins, tree, data);
    let validLoss: number | undefined;
    if (valid && validData) {
      addTree(validMargins, tree, validData);
      validLoss = loss.loss(validMargins, valid.labels);
      if (validLoss < bestLoss - 1e-12) {
        bestLoss = validLoss;
        bestCount = trees.length;
      }
    } else bestCount = trees.length;
    onProgress?.({
      tree: t + 1,
      maxTrees: options.maxTrees,
      trainLoss: loss.loss(margins, train.labels),
      validLoss,
      bestTree: bestCount,
    });
    if (valid && trees.length - bestCount >= options.earlyStoppingRounds) break;
    // A tree that is a single leaf with ~0 value means the gradients are exhausted.
    if (tree.feature.length === 1 && Math.abs(tree.value[0] ?? 0) < 1e-12) break;
  }
  return {
    ensemble: {
      trees: trees.slice(0, bestCount),
      baseScore,
      transform: loss.transform,
      featureNames: [...featureNames],
    },
    bestTreeCount: bestCount,
    grownTreeCount: trees.length,
    bestValidLoss: valid ? bestLoss : undefined,
  };
}

/** A sorted random subset of `rows` of the given fraction (at least one row). */
function sample(rows: Int32Array, fraction: number, random: () => number): Int32Array {
  const want = Math.max(1, Math.round(rows.length * fraction));
  const picked: number[] = [];
  let needed = want;
  // Selection sampling (Knuth's algorithm S): each row kept with probability needed/remaining, in order.
  for (let i = 0; i < rows.length && needed > 0; i++) {
    if (random() * (rows.length - i) < needed) {
      picked.push(rows[i] ?? 0);
      needed--;
    }
  }
  return Int32Array.from(picked);
}
