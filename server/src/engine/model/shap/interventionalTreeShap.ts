// Exact interventional TreeSHAP against a background set (Lundberg et al. 2020, "From local explanations to global
// understanding with explainable AI for trees", Independent TreeSHAP), in margin space; needs no covers, so it explains
// tree ensembles read from ONNX. The value of a coalition S is the mean over background rows z of the margin at the
// hybrid row (x on S, z elsewhere).
//
// Per leaf, let P be the distinct features on its root path. A hybrid row reaches the leaf iff, for every feature in P,
// the row that supplies it goes the leaf's way at all splits on it. So (x, z) matters only through two |P|-bit masks:
// the features whose splits x satisfies (xm) and those z satisfies (zm). The leaf is reached by coalitions containing
// A = xm \ zm and avoiding B = zm \ xm (needs xm | zm = all of P), giving each i in A  +v·(|A|-1)!|B|!/(|A|+|B|)! and
// each j in B  -v·|A|!(|B|-1)!/(|A|+|B|)!. The background enters only as a histogram of zm per leaf, built once, and the
// per-feature result for a leaf and an xm is cached, so a row costs O(leaves × depth) whatever the background size.
import type { TreeEnsemble } from '../treeEnsemble';
import { predictMargin } from '../scoreTreeEnsemble';
import { layoutLeafPaths, pathMasksInto, type LeafPathLayout } from './leafPathMasks';

export interface InterventionalOptions {
  /** Leaves with more distinct path features than this keep a list of background masks instead of a cached table
   * (the table has 2^features × features entries). Default 8. */
  readonly maxTableBits?: number;
}

function popcount(v: number): number {
  let n = 0;
  for (let b = v; b !== 0; b &= b - 1) n++;
  return n;
}

/** Masks are 32-bit integers. */
const MAX_PATH_FEATURES = 30;
/** Rows explained together (see explainBlock). */
const BLOCK_ROWS = 64;
/** Cached table entries over all leaves (32 MB). */
const TABLE_BUDGET = 4 * 1024 * 1024;

export class InterventionalTreeShap {
  /** Mean background margin: the base value every explanation starts from. */
  readonly base: number;
  private readonly featureCount: number;
  private readonly leaves: LeafPathLayout;
  /** Per leaf: histogram of background masks (table leaves) or the distinct masks and counts (list leaves). */
  private readonly histogram: Float64Array;
  private readonly histogramStart: Int32Array;
  private readonly listMasks: Int32Array[];
  private readonly listCounts: Float64Array[];
  /** Per table leaf: the contribution per path feature for each x mask, computed on first use (see tableReady). */
  private readonly table: Float64Array;
  private readonly tableStart: Int32Array;
  private readonly tableReady: Uint8Array;
  /** weight[a * weightStride + b] = a! b! / (a + b + 1)!, divided by the background size. */
  private readonly weight: Float64Array;
  private readonly weightStride: number;
  /** Per node, the path mask of the row being explained (see leafPathMasks.ts). */
  private readonly masks: Int32Array;

  constructor(
    ensemble: TreeEnsemble,
    background: Float32Array | Float64Array,
    backgroundCount: number,
    options: InterventionalOptions = {},
  ) {
    if (backgroundCount <= 0) throw new Error('interventional TreeSHAP needs at least one background row');
    const maxTableBits = options.maxTableBits ?? 8;
    const m = ensemble.featureNames.length;
    this.featureCount = m;
    const leaves = layoutLeafPaths(ensemble);
    this.leaves = leaves;
    this.masks = new Int32Array(leaves.nodeCount);
    let maxBits = 0;
    const histogramStart = new Int32Array(leaves.leafCount + 1);
    const tableStart = new Int32Array(leaves.leafCount + 1);
    for (let l = 0; l < leaves.leafCount; l++) {
      const d = (leaves.featStart[l + 1] ?? 0) - (leaves.featStart[l] ?? 0);
      maxBits = Math.max(maxBits, d);
      if (d > MAX_PATH_FEATURES)
        throw new Error(
          `a leaf path uses ${d} distinct features; interventional TreeSHAP handles up to ${MAX_PATH_FEATURES}`,
        );
      // Tables cost 8 bytes × 2^d × d per leaf: past the budget, leaves fall back to their list of background masks.
      const tabled = d <= maxTableBits && (tableStart[l] ?? 0) + (1 << d) * d <= TABLE_BUDGET;
      histogramStart[l + 1] = (histogramStart[l] ?? 0) + (tabled ? 1 << d : 0);
      tableStart[l + 1] = (tableStart[l] ?? 0) + (tabled ? (1 << d) * d : 0);
    }
    this.histogramStart = histogramStart;
    this.tableStart = tableStart;
    this.histogram = new Float64Array(histogramStart[leaves.leafCount] ?? 0);
    this.table = new Float64Array(tableStart[leaves.leafCount] ?? 0);
    this.tableReady = new Uint8Array(histogramStart[leaves.leafCount] ?? 0);
    const lists = Array.from({ length: leaves.leafCount }, () => new Map<number, number>());
    let baseSum = 0;
    for (let z = 0; z < backgroundCount; z++) {
      const row = background.subarray(z * m, (z + 1) * m);
      baseSum += predictMargin(ensemble, row);
      pathMasksInto(leaves, row, this.masks);
      for (let l = 0; l < leaves.leafCount; l++) {
        const d = (leaves.featStart[l + 1] ?? 0) - (leaves.featStart[l] ?? 0);
        const zm = (this.masks[leaves.leafNode[l] ?? 0] ?? 0) & ((1 << d) - 1);
        const start = histogramStart[l] ?? 0;
        if ((histogramStart[l + 1] ?? 0) > start) this.histogram[start + zm] = (this.histogram[start + zm] ?? 0) + 1;
        else lists[l]?.set(zm, (lists[l]?.get(zm) ?? 0) + 1);
      }
    }
    this.listMasks = lists.map((map) => Int32Array.from(map.keys()));
    this.listCounts = lists.map((map) => Float64Array.from(map.values()));
    this.base = baseSum / backgroundCount;
    const stride = maxBits + 1;
    this.weightStride = stride;
    this.weight = new Float64Array(stride * stride);
    const factorial = [1];
    for (let i = 1; i <= 2 * stride; i++) factorial.push((factorial[i - 1] ?? 1) * i);
    for (let a = 0; a < stride; a++) {
      for (let b = 0; b < stride; b++) {
        this.weight[a * stride + b] =
          ((factorial[a] ?? 1) * (factorial[b] ?? 1)) / (factorial[a + b + 1] ?? 1) / backgroundCount;
      }
    }
  }

  /** Adds, for one (leaf, x mask) and one background mask group of `count` rows, the contributions per path bit. */
  private accumulate(
    out: Float64Array,
    at: number,
    d: number,
    value: number,
    xm: number,
    zm: number,
    count: number,
  ): void {
    const full = (1 << d) - 1;
    if ((xm | zm) !== full) return;
    const a = xm & ~zm;
    const b = zm & ~xm;
    const na = popcount(a);
    const nb = popcount(b);
    if (na + nb === 0) return;
    const s = this.weightStride;
    const plus = na > 0 ? value * count * (this.weight[(na - 1) * s + nb] ?? 0) : 0;
    const minus = nb > 0 ? value * count * (this.weight[na * s + nb - 1] ?? 0) : 0;
    for (let k = 0; k < d; k++) {
      if (a & (1 << k)) out[at + k] = (out[at + k] ?? 0) + plus;
      else if (b & (1 << k)) out[at + k] = (out[at + k] ?? 0) - minus;
    }
  }

  /** Fills the cached row of leaf l's table for x mask xm: only background masks zm ⊇ (all \ xm) can reach the leaf. */
  private fillTable(l: number, d: number, xm: number): void {
    const value = this.leaves.leafValue[l] ?? 0;
    const hist = this.histogramStart[l] ?? 0;
    const at = (this.tableStart[l] ?? 0) + xm * d;
    const outside = ((1 << d) - 1) & ~xm;
    // Every subset of xm, the empty one included (the loop ends after sub = 0).
    for (let sub = xm; ; sub = (sub - 1) & xm) {
      const count = this.histogram[hist + (outside | sub)] ?? 0;
      if (count > 0) this.accumulate(this.table, at, d, value, xm, outside | sub, count);
      if (sub === 0) break;
    }
    this.tableReady[hist + xm] = 1;
  }

  private scratch = new Float64Array(64);
  private blockMasks = new Int32Array(0);

  /** Adds the SHAP values (margin space) of `row` into `phi` (length featureCount). */
  explainInto(row: Float32Array | Float64Array, phi: Float64Array): void {
    this.explainBlock(row, 1, phi);
  }

  /**
   * Adds the SHAP values of `count` rows (row-major in `rows`) into `phi` (count × featureCount). Leaves are the outer
   * loop and rows the inner one: a leaf's cached table (a few KB) is then read once per block of rows, instead of
   * one cache miss per leaf per row, which dominated when rows were explained one at a time.
   */
  private explainBlock(rows: Float32Array | Float64Array, count: number, phi: Float64Array): void {
    const leaves = this.leaves;
    const m = this.featureCount;
    if (this.blockMasks.length < leaves.leafCount * count) this.blockMasks = new Int32Array(leaves.leafCount * count);
    const leafMasks = this.blockMasks;
    for (let r = 0; r < count; r++) {
      pathMasksInto(leaves, rows.subarray(r * m, (r + 1) * m), this.masks);
      for (let l = 0; l < leaves.leafCount; l++) leafMasks[l * count + r] = this.masks[leaves.leafNode[l] ?? 0] ?? 0;
    }
    for (let l = 0; l < leaves.leafCount; l++) {
      const f0 = leaves.featStart[l] ?? 0;
      const d = (leaves.featStart[l + 1] ?? 0) - f0;
      if (d === 0) continue;
      const full = (1 << d) - 1;
      const hist = this.histogramStart[l] ?? 0;
      const tabled = (this.histogramStart[l + 1] ?? 0) > hist;
      const tableAt = this.tableStart[l] ?? 0;
      for (let r = 0; r < count; r++) {
        const xm = (leafMasks[l * count + r] ?? 0) & full;
        let source = this.table;
        let at = tableAt + xm * d;
        if (tabled) {
          if (this.tableReady[hist + xm] !== 1) this.fillTable(l, d, xm);
        } else {
          if (this.scratch.length < d) this.scratch = new Float64Array(d);
          this.scratch.fill(0, 0, d);
          const masks = this.listMasks[l] ?? new Int32Array(0);
          const counts = this.listCounts[l] ?? new Float64Array(0);
          for (let i = 0; i < masks.length; i++)
            this.accumulate(this.scratch, 0, d, leaves.leafValue[l] ?? 0, xm, masks[i] ?? 0, counts[i] ?? 0);
          source = this.scratch;
          at = 0;
        }
        const out = r * m;
        for (let k = 0; k < d; k++) {
          const f = out + (leaves.featOfBit[f0 + k] ?? 0);
          phi[f] = (phi[f] ?? 0) + (source[at + k] ?? 0);
        }
      }
    }
  }

  /** SHAP values of `rowCount` rows laid out row-major (rowCount × featureCount). */
  explainBatch(rows: Float32Array | Float64Array, rowCount: number): Float64Array {
    const m = this.featureCount;
    const values = new Float64Array(rowCount * m);
    for (let first = 0; first < rowCount; first += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, rowCount - first);
      this.explainBlock(
        rows.subarray(first * m, (first + count) * m),
        count,
        values.subarray(first * m, (first + count) * m),
      );
    }
    return values;
  }
}
