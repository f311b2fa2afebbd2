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

export interface InterventionalOptions {
  /** Leaves with more distinct path features than this keep a list of background masks instead of a cached table
   * (the table has 2^features × features entries). Default 8. */
  readonly maxTableBits?: number;
}

/** The ensemble's leaves and root paths flattened into typed arrays (see the file header for the masks). */
interface LeafPaths {
  readonly count: number;
  readonly value: Float64Array;
  /** Path nodes of leaf l: pathStart[l] .. pathStart[l + 1] - 1, as global node ids, with the bit of their feature in
   * the leaf's mask and whether the path goes left there. */
  readonly pathStart: Int32Array;
  readonly pathNode: Int32Array;
  readonly pathBit: Int32Array;
  readonly pathLeft: Uint8Array;
  /** Distinct features of leaf l: featStart[l] .. featStart[l + 1] - 1, bit k is featOfBit[featStart[l] + k]. */
  readonly featStart: Int32Array;
  readonly featOfBit: Int32Array;
}

interface GlobalNodes {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoesLeft: Uint8Array;
}

function flattenEnsemble(ensemble: TreeEnsemble): { nodes: GlobalNodes; leaves: LeafPaths } {
  const total = ensemble.trees.reduce((n, t) => n + t.feature.length, 0);
  const nodes = { feature: new Int32Array(total), threshold: new Float64Array(total), missingGoesLeft: new Uint8Array(total) };
  const value: number[] = [];
  const pathStart: number[] = [0];
  const pathNode: number[] = [];
  const pathBit: number[] = [];
  const pathLeft: number[] = [];
  const featStart: number[] = [0];
  const featOfBit: number[] = [];
  let offset = 0;
  for (const tree of ensemble.trees) {
    nodes.feature.set(tree.feature, offset);
    nodes.threshold.set(tree.threshold, offset);
    nodes.missingGoesLeft.set(tree.missingGoesLeft, offset);
    // Depth-first walk keeping the path as (node, went left) pairs.
    const stackNode: number[] = [];
    const stackLeft: number[] = [];
    const visit = (node: number): void => {
      const feature = tree.feature[node] ?? -1;
      if (feature < 0) {
        const features: number[] = [];
        for (let k = 0; k < stackNode.length; k++) {
          const f = tree.feature[stackNode[k] ?? 0] ?? 0;
          let bit = features.indexOf(f);
          if (bit < 0) bit = features.push(f) - 1;
          pathNode.push(offset + (stackNode[k] ?? 0));
          pathBit.push(bit);
          pathLeft.push(stackLeft[k] ?? 0);
        }
        featOfBit.push(...features);
        value.push(tree.value[node] ?? 0);
        pathStart.push(pathNode.length);
        featStart.push(featOfBit.length);
        return;
      }
      for (const [child, left] of [[tree.left[node] ?? 0, 1], [tree.right[node] ?? 0, 0]] as const) {
        stackNode.push(node);
        stackLeft.push(left);
        visit(child);
        stackNode.pop();
        stackLeft.pop();
      }
    };
    visit(0);
    offset += tree.feature.length;
  }
  return {
    nodes,
    leaves: {
      count: value.length, value: Float64Array.from(value), pathStart: Int32Array.from(pathStart), pathNode: Int32Array.from(pathNode),
      pathBit: Int32Array.from(pathBit), pathLeft: Uint8Array.from(pathLeft), featStart: Int32Array.from(featStart), featOfBit: Int32Array.from(featOfBit),
    },
  };
}

/** 1 where the row goes left at each global node (leaves get 0). */
function directionsInto(nodes: GlobalNodes, row: ArrayLike<number>, out: Uint8Array): void {
  for (let n = 0; n < out.length; n++) {
    const f = nodes.feature[n] ?? -1;
    if (f < 0) continue;
    const x = row[f] ?? Number.NaN;
    out[n] = (x !== x ? nodes.missingGoesLeft[n] === 1 : x < (nodes.threshold[n] ?? 0)) ? 1 : 0;
  }
}

/** The mask of leaf l's path features whose splits all go the leaf's way for a row with these directions. */
function satisfiedMask(leaves: LeafPaths, l: number, directions: Uint8Array): number {
  const d = (leaves.featStart[l + 1] ?? 0) - (leaves.featStart[l] ?? 0);
  let mask = (1 << d) - 1;
  for (let k = leaves.pathStart[l] ?? 0, end = leaves.pathStart[l + 1] ?? 0; k < end; k++) {
    if (directions[leaves.pathNode[k] ?? 0] !== leaves.pathLeft[k]) mask &= ~(1 << (leaves.pathBit[k] ?? 0));
  }
  return mask;
}

function popcount(v: number): number {
  let n = 0;
  for (let b = v; b !== 0; b &= b - 1) n++;
  return n;
}

/** Masks are 32-bit integers. */
const MAX_PATH_FEATURES = 30;
/** Cached table entries over all leaves (32 MB). */
const TABLE_BUDGET = 4 * 1024 * 1024;

export class InterventionalTreeShap {
  /** Mean background margin: the base value every explanation starts from. */
  readonly base: number;
  private readonly featureCount: number;
  private readonly nodes: GlobalNodes;
  private readonly leaves: LeafPaths;
  /** Per leaf: histogram of background masks (table leaves) or the distinct masks and counts (list leaves). */
  private readonly histogram: Float64Array;
  private readonly histogramStart: Int32Array;
  private readonly listMasks: Int32Array[];
  private readonly listCounts: Float64Array[];
  /** Per table leaf: the cached contribution per path feature for each x mask, NaN-first until computed. */
  private readonly table: Float64Array;
  private readonly tableStart: Int32Array;
  private readonly tableReady: Uint8Array;
  /** weight[a * (depth + 1) + b] = a! b! / (a + b + 1)!, scaled by 1 / background size. */
  private readonly weight: Float64Array;
  private readonly weightStride: number;
  private readonly directions: Uint8Array;

  constructor(ensemble: TreeEnsemble, background: Float32Array | Float64Array, backgroundCount: number, options: InterventionalOptions = {}) {
    if (backgroundCount <= 0) throw new Error('interventional TreeSHAP needs at least one background row');
    const maxTableBits = options.maxTableBits ?? 8;
    const m = ensemble.featureNames.length;
    this.featureCount = m;
    const { nodes, leaves } = flattenEnsemble(ensemble);
    this.nodes = nodes;
    this.leaves = leaves;
    this.directions = new Uint8Array(nodes.feature.length);
    let maxBits = 0;
    const histogramStart = new Int32Array(leaves.count + 1);
    const tableStart = new Int32Array(leaves.count + 1);
    for (let l = 0; l < leaves.count; l++) {
      const d = (leaves.featStart[l + 1] ?? 0) - (leaves.featStart[l] ?? 0);
      maxBits = Math.max(maxBits, d);
      if (d > MAX_PATH_FEATURES) throw new Error(`a leaf path uses ${d} distinct features; interventional TreeSHAP handles up to ${MAX_PATH_FEATURES}`);
      // Tables cost 8 bytes × 2^d × d per leaf: past the budget, leaves fall back to their list of background masks.
      const tabled = d <= maxTableBits && (tableStart[l] ?? 0) + (1 << d) * d <= TABLE_BUDGET;
      histogramStart[l + 1] = (histogramStart[l] ?? 0) + (tabled ? 1 << d : 0);
      tableStart[l + 1] = (tableStart[l] ?? 0) + (tabled ? (1 << d) * d : 0);
    }
    this.histogramStart = histogramStart;
    this.tableStart = tableStart;
    this.histogram = new Float64Array(histogramStart[leaves.count] ?? 0);
    this.table = new Float64Array(tableStart[leaves.count] ?? 0);
    this.tableReady = new Uint8Array(histogramStart[leaves.count] ?? 0);
    const lists = Array.from({ length: leaves.count }, () => new Map<number, number>());
    let baseSum = 0;
    for (let z = 0; z < backgroundCount; z++) {
      const row = background.subarray(z * m, (z + 1) * m);
      baseSum += predictMargin(ensemble, row);
      directionsInto(nodes, row, this.directions);
      for (let l = 0; l < leaves.count; l++) {
        const zm = satisfiedMask(leaves, l, this.directions);
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
        this.weight[a * stride + b] = ((factorial[a] ?? 1) * (factorial[b] ?? 1)) / (factorial[a + b + 1] ?? 1) / backgroundCount;
      }
    }
  }

  /** Adds, for one (leaf, x mask) and one background mask group of `count` rows, the contributions per path bit. */
  private accumulate(out: Float64Array, at: number, d: number, value: number, xm: number, zm: number, count: number): void {
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
    const value = this.leaves.value[l] ?? 0;
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

  /** Adds the SHAP values (margin space) of `row` into `phi` (length featureCount). */
  explainInto(row: ArrayLike<number>, phi: Float64Array): void {
    const leaves = this.leaves;
    directionsInto(this.nodes, row, this.directions);
    for (let l = 0; l < leaves.count; l++) {
      const f0 = leaves.featStart[l] ?? 0;
      const d = (leaves.featStart[l + 1] ?? 0) - f0;
      if (d === 0) continue;
      const xm = satisfiedMask(leaves, l, this.directions);
      const hist = this.histogramStart[l] ?? 0;
      if ((this.histogramStart[l + 1] ?? 0) > hist) {
        if (this.tableReady[hist + xm] !== 1) this.fillTable(l, d, xm);
        const at = (this.tableStart[l] ?? 0) + xm * d;
        for (let k = 0; k < d; k++) {
          const f = leaves.featOfBit[f0 + k] ?? 0;
          phi[f] = (phi[f] ?? 0) + (this.table[at + k] ?? 0);
        }
        continue;
      }
      if (this.scratch.length < d) this.scratch = new Float64Array(d);
      this.scratch.fill(0, 0, d);
      const masks = this.listMasks[l] ?? new Int32Array(0);
      const counts = this.listCounts[l] ?? new Float64Array(0);
      for (let i = 0; i < masks.length; i++) this.accumulate(this.scratch, 0, d, leaves.value[l] ?? 0, xm, masks[i] ?? 0, counts[i] ?? 0);
      for (let k = 0; k < d; k++) {
        const f = leaves.featOfBit[f0 + k] ?? 0;
        phi[f] = (phi[f] ?? 0) + (this.scratch[k] ?? 0);
      }
    }
  }

  /** SHAP values of `rowCount` rows laid out row-major (rowCount × featureCount). */
  explainBatch(rows: Float32Array | Float64Array, rowCount: number): Float64Array {
    const m = this.featureCount;
    const values = new Float64Array(rowCount * m);
    for (let r = 0; r < rowCount; r++) this.explainInto(rows.subarray(r * m, (r + 1) * m), values.subarray(r * m, (r + 1) * m));
    return values;
  }
}
