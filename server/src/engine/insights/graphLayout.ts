// Layered (Sugiyama-style) layout of a directed graph, left to right: cycles broken by reversing DFS back edges,
// longest-path layering, dummy nodes on long edges, crossing reduction by barycentre sweeps (keeping the best order
// seen), then vertical coordinates by isotonic regression: each node as close as possible to the mean of its
// neighbours while keeping its order and the gap to the node above. Pure arithmetic; no DOM, no text measuring.

export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdgeInput {
  readonly from: string;
  readonly to: string;
}

export interface LayoutOptions {
  /** Horizontal space between layers. */
  readonly layerGap?: number;
  /** Vertical space between nodes of a layer. */
  readonly nodeGap?: number;
  readonly margin?: number;
  /** Barycentre sweeps (each one down and one up). */
  readonly sweeps?: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly layer: number;
}

export interface RoutedEdge {
  readonly from: string;
  readonly to: string;
  /** From the right side of `from` to the left side of `to`, through the edge's dummy nodes. */
  readonly points: readonly Point[];
  /** Drawn against the layers because it closed a cycle. */
  readonly reversed: boolean;
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly RoutedEdge[];
  readonly width: number;
  readonly height: number;
  readonly crossings: number;
}

interface Vertex {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly dummy: boolean;
  layer: number;
  y: number;
  readonly preds: number[];
  readonly succs: number[];
}

const DEFAULTS = { layerGap: 56, nodeGap: 18, margin: 12, sweeps: 12 };
const DUMMY_HEIGHT = 4;

/** Edges (as [from, to] indices) with DFS back edges reversed, so the rest is acyclic. */
function acyclicEdges(
  count: number,
  edges: readonly [number, number][],
): { edges: [number, number][]; reversed: boolean[] } {
  const out = edges.map((e) => [...e] as [number, number]);
  const reversed = edges.map(() => false);
  const adjacency: number[][] = Array.from({ length: count }, () => []);
  edges.forEach(([a], i) => {
    adjacency[a]?.push(i);
  });
  const state = new Array<number>(count).fill(0); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    // Iterative DFS: deep pipelines must not overflow the stack.
    const stack: { v: number; next: number }[] = [{ v: root, next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const list = adjacency[top.v] ?? [];
      if (top.next >= list.length) {
        state[top.v] = 2;
        stack.pop();
        continue;
      }
      const e = list[top.next++] ?? 0;
      const to = edges[e]?.[1] ?? 0;
      if (state[to] === 1) {
        reversed[e] = true;
        out[e] = [to, top.v];
      } else if (state[to] === 0) {
        state[to] = 1;
        stack.push({ v: to, next: 0 });
      }
    }
  }
  return { edges: out, reversed };
}

/** Longest-path layering: sources at 0, every node one past its furthest predecessor (Kahn's order). */
function assignLayers(vertices: Vertex[]): void {
  const waiting = vertices.map((v) => v.preds.length);
  const queue = vertices.flatMap((_, i) => (waiting[i] === 0 ? [i] : []));
  for (let head = 0; head < queue.length; head++) {
    const v = vertices[queue[head] ?? 0];
    if (!v) continue;
    for (const s of v.succs) {
      const succ = vertices[s];
      if (!succ) continue;
      succ.layer = Math.max(succ.layer, v.layer + 1);
      waiting[s] = (waiting[s] ?? 0) - 1;
      if (waiting[s] === 0) queue.push(s);
    }
  }
}

/** Crossings between two adjacent layers: inversions of the lower ends after sorting by upper ends (Fenwick tree). */
function crossingsBetween(
  upper: readonly number[],
  vertices: readonly Vertex[],
  position: readonly number[],
  lowerSize: number,
): number {
  const ends: [number, number][] = [];
  for (const u of upper) for (const s of vertices[u]?.succs ?? []) ends.push([position[u] ?? 0, position[s] ?? 0]);
  ends.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const tree = new Array<number>(lowerSize + 1).fill(0);
  let crossings = 0;
  let seen = 0;
  for (const [, lower] of ends) {
    let notAbove = 0;
    for (let i = lower + 1; i > 0; i -= i & -i) notAbove += tree[i] ?? 0;
    crossings += seen - notAbove;
    for (let i = lower + 1; i <= lowerSize; i += i & -i) tree[i] = (tree[i] ?? 0) + 1;
    seen++;
  }
  return crossings;
}

function totalCrossings(layers: readonly number[][], vertices: readonly Vertex[], position: readonly number[]): number {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++)
    total += crossingsBetween(layers[l] ?? [], vertices, position, layers[l + 1]?.length ?? 0);
  return total;
}

/** Reorders one layer by the mean position of its neighbours in the fixed layer; nodes without any keep their place. */
function barycentreSort(layer: number[], neighbours: (v: number) => readonly number[], position: number[]): void {
  const keyed = layer.map((v, i) => {
    const ns = neighbours(v);
    const key = ns.length === 0 ? i : ns.reduce((s, n) => s + (position[n] ?? 0), 0) / ns.length;
    return { v, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  keyed.forEach((k, i) => {
    layer[i] = k.v;
    position[k.v] = i;
  });
}

function reduceCrossings(layers: number[][], vertices: Vertex[], sweeps: number): number {
  const position = new Array<number>(vertices.length).fill(0);
  for (const layer of layers)
    layer.forEach((v, i) => {
      position[v] = i;
    });
  let best = layers.map((l) => [...l]);
  let bestCrossings = totalCrossings(layers, vertices, position);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    for (let l = 1; l < layers.length; l++) barycentreSort(layers[l] ?? [], (v) => vertices[v]?.preds ?? [], position);
    for (let l = layers.length - 2; l >= 0; l--)
      barycentreSort(layers[l] ?? [], (v) => vertices[v]?.succs ?? [], position);
    const crossings = totalCrossings(layers, vertices, position);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, i) => {
    layers[i] = l;
  });
  return bestCrossings;
}

/**
 * Least-squares fit of `desired` under "non-decreasing" (pool adjacent violators). With z_i = top_i − offset_i this
 * places each node nearest its wish while keeping order and gaps.
 */
function isotonic(desired: readonly number[]): number[] {
  const blocks: { sum: number; count: number }[] = [];
  for (const d of desired) {
    blocks.push({ sum: d, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (!last || !prev || prev.sum / prev.count <= last.sum / last.count) break;
      blocks.pop();
      prev.sum += last.sum;
      prev.count += last.count;
    }
  }
  return blocks.flatMap((b) => new Array<number>(b.count).fill(b.sum / b.count));
}

function placeLayer(layer: readonly number[], vertices: Vertex[], gap: number, wish: (v: Vertex) => number): void {
  const offsets: number[] = [];
  let offset = 0;
  for (const v of layer) {
    offsets.push(offset);
    offset += (vertices[v]?.height ?? 0) + gap;
  }
  const fitted = isotonic(layer.map((v, i) => wish(vertices[v] as Vertex) - (offsets[i] ?? 0)));
  layer.forEach((v, i) => {
    (vertices[v] as Vertex).y = (fitted[i] ?? 0) + (offsets[i] ?? 0);
  });
}

const centre = (v: Vertex): number => v.y + v.height / 2;

function assignY(layers: readonly number[][], vertices: Vertex[], gap: number): void {
  for (const layer of layers) placeLayer(layer, vertices, gap, () => 0);
  const towards = (ns: readonly number[], v: Vertex): number =>
    ns.length === 0 ? v.y : ns.reduce((s, n) => s + centre(vertices[n] as Vertex), 0) / ns.length - v.height / 2;
  for (let pass = 0; pass < 4; pass++) {
    for (let l = 1; l < layers.length; l++) placeLayer(layers[l] ?? [], vertices, gap, (v) => towards(v.preds, v));
    for (let l = layers.length - 2; l >= 0; l--) placeLayer(layers[l] ?? [], vertices, gap, (v) => towards(v.succs, v));
  }
}

export function layoutGraph(
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  options: LayoutOptions = {},
): GraphLayout {
  const o = { ...DEFAULTS, ...options };
  const unique = [...new Map(nodes.map((n) => [n.id, n])).values()];
  const index = new Map(unique.map((n, i) => [n.id, i]));
  const seen = new Set<string>();
  const kept: { edge: LayoutEdgeInput; pair: [number, number] }[] = [];
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    const key = `${e.from}\u0000${e.to}`;
    if (a === undefined || b === undefined || a === b || seen.has(key)) continue;
    seen.add(key);
    kept.push({ edge: e, pair: [a, b] });
  }
  const { edges: dag, reversed } = acyclicEdges(
    unique.length,
    kept.map((k) => k.pair),
  );
  const vertices: Vertex[] = unique.map((n) => ({
    id: n.id,
    width: n.width,
    height: n.height,
    dummy: false,
    layer: 0,
    y: 0,
    preds: [],
    succs: [],
  }));
  const link = (a: number, b: number): void => {
    vertices[a]?.succs.push(b);
    vertices[b]?.preds.push(a);
  };
  // Two edges a→b and b→a become the same edge once one is reversed; link it once.
  const linked = new Set<string>();
  for (const [a, b] of dag)
    if (!linked.has(`${a},${b}`)) {
      linked.add(`${a},${b}`);
      link(a, b);
    }
  assignLayers(vertices);
  // Chains of dummies for edges longer than one layer, so every edge runs between adjacent layers.
  const chains = new Map<string, number[]>();
  for (const key of linked) {
    const [a, b] = key.split(',').map(Number) as [number, number];
    const va = vertices[a] as Vertex;
    const vb = vertices[b] as Vertex;
    if (vb.layer - va.layer <= 1) {
      chains.set(key, [a, b]);
      continue;
    }
    va.succs.splice(va.succs.indexOf(b), 1);
    vb.preds.splice(vb.preds.indexOf(a), 1);
    const chain = [a];
    for (let l = va.layer + 1; l < vb.layer; l++) {
      const d = vertices.length;
      vertices.push({
        id: `\u0000${key}:${l}`,
        width: 0,
        height: DUMMY_HEIGHT,
        dummy: true,
        layer: l,
        y: 0,
        preds: [],
        succs: [],
      });
      link(chain[chain.length - 1] ?? a, d);
      chain.push(d);
    }
    link(chain[chain.length - 1] ?? a, b);
    chain.push(b);
    chains.set(key, chain);
  }
  const layerCount = vertices.reduce((m, v) => Math.max(m, v.layer + 1), 0);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  vertices.forEach((v, i) => {
    layers[v.layer]?.push(i);
  });
  const crossings = reduceCrossings(layers, vertices, o.sweeps);
  assignY(layers, vertices, o.nodeGap);

  const top = Math.min(0, ...vertices.map((v) => v.y));
  const layerX: number[] = [];
  const layerWidth = layers.map((l) => Math.max(0, ...l.map((v) => vertices[v]?.width ?? 0)));
  let x = o.margin;
  for (const w of layerWidth) {
    layerX.push(x);
    x += w + o.layerGap;
  }
  const xOf = (v: Vertex): number => (layerX[v.layer] ?? 0) + ((layerWidth[v.layer] ?? 0) - v.width) / 2;
  const yOf = (v: Vertex): number => v.y - top + o.margin;
  const placed: PlacedNode[] = vertices
    .filter((v) => !v.dummy)
    .map((v) => ({ id: v.id, x: xOf(v), y: yOf(v), width: v.width, height: v.height, layer: v.layer }));
  const routed: RoutedEdge[] = kept.map((k, i) => {
    const [a, b] = dag[i] ?? k.pair;
    const chain = chains.get(`${a},${b}`) ?? [a, b];
    const points = chain.map((c, j) => {
      const v = vertices[c] as Vertex;
      const side = j === 0 ? v.width : j === chain.length - 1 ? 0 : v.width / 2;
      return { x: xOf(v) + side, y: yOf(v) + v.height / 2 };
    });
    return {
      from: k.edge.from,
      to: k.edge.to,
      points: reversed[i] === true ? points.reverse() : points,
      reversed: reversed[i] === true,
    };
  });
  const width = layerCount === 0 ? 2 * o.margin : x - o.layerGap + o.margin;
  const height = Math.max(0, ...vertices.map((v) => yOf(v) + v.height)) + o.margin;
  return { nodes: placed, edges: routed, width, height: Math.max(height, 2 * o.margin), crossings };
}
