// Randomised tests use the same seeded generator (mulberry32) as the trainer, so a failure names its seed and replays.
export { seededRandom } from '../../server/src/engine/model/gbdt/seededRandom';

export function randomInt(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** A random DAG on n nodes: edges only from lower to higher index, each with probability p. */
export function randomDag(random: () => number, n: number, p: number): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (random() < p) edges.push([i, j]);
  return edges;
}
