// Grows one regression tree on gradient/hessian statistics with histogram split finding (second-order boosting as in
// XGBoost: gain = GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ), leaf = −G/(H+λ)). Missing values try both sides at every split.
// Covers are hessian sums, so every internal node's cover equals the sum of its children's: what TreeSHAP expects.
import type { Tree } from '../treeEnsemble';
import { type FeatureBins, MISSING_BIN } from './featureBins';

export interface TreeOptions {
  readonly maxDepth: number;
  readonly minChildWeight: number;
  readonly lambda: number;
  /** Smallest gain worth a split (XGBoost's gamma). */
  readonly minSplitGain: number;
  readonly learningRate: number;
}

interface Split {
  readonly feature: number;
  /** Rows with bin < this go left. */
  readonly bin: number;
  readonly missingLeft: boolean;
  readonly gain: number;
}

const HIST = 256;

class TreeBuilder {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly missingLeft: number[] = [];
  readonly value: number[] = [];
  readonly cover: number[] = [];

  add(cover: number): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.missingLeft.push(0);
    this.value.push(0);
    this.cover.push(cover);
    return this.feature.length - 1;
  }

  build(): Tree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      missingGoesLeft: Uint8Array.from(this.missingLeft),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
    };
  }
}

/** Grows a tree over `rows` (indices into the binned data). `grad`/`hess` are per row of the whole data set. */
export function growTree(
  data: FeatureBins,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  options: TreeOptions,
): Tree {
  const builder = new TreeBuilder();
  const gHist = new Float64Array(HIST);
  const hHist = new Float64Array(HIST);
  // Each node's gradients gathered into contiguous arrays once, in row order: every feature's histogram then reads
  // them sequentially (the same values summed in the same order, so the tree is the same as reading grad[r]).
  const nodeGrad = new Float64Array(rows.length);
  const nodeHess = new Float64Array(rows.length);
  // Children are partitioned into one scratch buffer per depth (a node's rows are consumed before its children grow).
  const scratch = Array.from({ length: options.maxDepth + 1 }, () => new Int32Array(rows.length));
  const grow = (nodeRows: Int32Array, depth: number): number => {
    let g = 0;
    let h = 0;
    for (let k = 0; k < nodeRows.length; k++) {
      const r = nodeRows[k] as number;
      const gr = grad[r] as number;
      const hr = hess[r] as number;
      nodeGrad[k] = gr;
      nodeHess[k] = hr;
      g += gr;
      h += hr;
    }
    const node = builder.add(h);
    const split =
      depth < options.maxDepth ? bestSplit(data, nodeRows, nodeGrad, nodeHess, g, h, options, gHist, hHist) : undefined;
    if (!split) {
      builder.value[node] = (-g / (h + options.lambda)) * options.learningRate;
      return node;
    }
    const column = data.bins.subarray(split.feature * data.rowCount, (split.feature + 1) * data.rowCount);
    // Left rows fill the buffer from the front, right rows from the back (then reversed), both in row order.
    const buffer = scratch[depth] as Int32Array;
    let leftCount = 0;
    let rightEnd = nodeRows.length;
    for (let k = 0; k < nodeRows.length; k++) {
      const r = nodeRows[k] as number;
      const b = column[r] as number;
      if (b === MISSING_BIN ? split.missingLeft : b < split.bin) buffer[leftCount++] = r;
      else buffer[--rightEnd] = r;
    }
    const leftRows = buffer.subarray(0, leftCount);
    const rightRows = buffer.subarray(leftCount, nodeRows.length).reverse();
    builder.feature[node] = split.feature;
    builder.threshold[node] = data.cuts[split.feature]?.[split.bin - 1] ?? 0;
    builder.missingLeft[node] = split.missingLeft ? 1 : 0;
    // Both halves stay valid while the left subtree grows: it writes only to deeper scratch buffers.
    builder.left[node] = grow(leftRows, depth + 1);
    builder.right[node] = grow(rightRows, depth + 1);
    return node;
  };
  grow(rows, 0);
  return builder.build();
}

/** `grad`/`hess` are the node's own, in the order of `rows`. */
function bestSplit(
  data: FeatureBins,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  g: number,
  h: number,
  options: TreeOptions,
  gHist: Float64Array,
  hHist: Float64Array,
): Split | undefined {
  const { lambda, minChildWeight } = options;
  const parentScore = (g * g) / (h + lambda);
  let best: Split | undefined;
  for (let f = 0; f < data.cuts.length; f++) {
    const binCount = (data.cuts[f]?.length ?? 0) + 1;
    if (binCount < 2) continue;
    gHist.fill(0);
    hHist.fill(0);
    const column = data.bins.subarray(f * data.rowCount, (f + 1) * data.rowCount);
    for (let k = 0; k < rows.length; k++) {
      const b = column[rows[k] as number] as number;
      gHist[b] = (gHist[b] as number) + (grad[k] as number);
      hHist[b] = (hHist[b] as number) + (hess[k] as number);
    }
    const gMissing = gHist[MISSING_BIN] ?? 0;
    const hMissing = hHist[MISSING_BIN] ?? 0;
    let gLeft = 0;
    let hLeft = 0;
    for (let b = 1; b < binCount; b++) {
      const hBin = hHist[b - 1] ?? 0;
      // An empty bin moves no row: the split is the same as at the previous cut.
      if (hBin === 0 && b > 1) continue;
      gLeft += gHist[b - 1] ?? 0;
      hLeft += hBin;
      const tries = hMissing > 0 ? 2 : 1;
      for (let t = 0; t < tries; t++) {
        // Without missing values here, unseen NaNs later follow the heavier side.
        const missingLeft = hMissing > 0 ? t === 0 : hLeft >= h - hLeft;
        const gl = missingLeft ? gLeft + gMissing : gLeft;
        const hl = missingLeft ? hLeft + hMissing : hLeft;
        const gr = g - gl;
        const hr = h - hl;
        if (hl < minChildWeight || hr < minChildWeight) continue;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > options.minSplitGain && (!best || gain > best.gain))
          best = { feature: f, bin: b, missingLeft, gain };
      }
    }
  }
  return best;
}
