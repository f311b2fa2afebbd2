// Arrow keys between graph nodes, so the graph is usable without a mouse: Right follows an edge to the next job (or
// stage), Left goes back to one it waits for, Up and Down move within the column. Each move picks the nearest node
// vertically, which is the one a sighted user would read next.
import type { GraphMessage, GraphNodeView } from '../../../protocol/webview.js';

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

export function isArrowKey(key: string): key is ArrowKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';
}

const centreY = (n: GraphNodeView): number => n.y + n.height / 2;

function nearest(from: GraphNodeView, candidates: readonly GraphNodeView[]): GraphNodeView | undefined {
  let best: GraphNodeView | undefined;
  for (const c of candidates)
    if (!best || Math.abs(centreY(c) - centreY(from)) < Math.abs(centreY(best) - centreY(from))) best = c;
  return best;
}

/** The node an arrow key moves to from `id`, or undefined when there is none in that direction. */
export function neighbourFor(graph: GraphMessage, id: string, key: ArrowKey): GraphNodeView | undefined {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const from = byId.get(id);
  if (!from) return undefined;
  switch (key) {
    case 'ArrowRight':
      return nearest(
        from,
        graph.edges.filter((e) => e.from === id).flatMap((e) => byId.get(e.to) ?? []),
      );
    case 'ArrowLeft':
      return nearest(
        from,
        graph.edges.filter((e) => e.to === id).flatMap((e) => byId.get(e.from) ?? []),
      );
    case 'ArrowUp':
    case 'ArrowDown': {
      const column = graph.nodes.filter((n) => n.x < from.x + from.width && from.x < n.x + n.width && n.id !== id);
      const side = column.filter((n) => (key === 'ArrowUp' ? centreY(n) < centreY(from) : centreY(n) > centreY(from)));
      return nearest(from, side);
    }
  }
}
