// Critical path: the longest-path routine against brute force on random DAGs, and a constructed run (matrix legs as
// parallel nodes, a re-run attempt, queueing) whose path and wall time are worked out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  criticalPathSummary,
  longestPath,
  runCriticalPath,
  type DagTask,
} from '../../server/src/engine/insights/criticalPath';
import { buildRunHistory, splitMatrixName } from '../../server/src/engine/history/runHistory';
import { workflowContext } from '../../server/src/engine/insights/workflowContext';
import { HistoryBuilder } from '../support/runHistoryBuilder';
import { randomDag, randomInt, seededRandom } from '../support/seededRandom';

/** Every path of the DAG, by depth-first enumeration from every node: the maximum of their sums. */
function bruteForceLongest(n: number, seconds: readonly number[], edges: readonly [number, number][]): number {
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) succ[a]?.push(b);
  let best = 0;
  const walk = (v: number, sum: number): void => {
    const total = sum + (seconds[v] ?? 0);
    best = Math.max(best, total);
    for (const s of succ[v] ?? []) walk(s, total);
  };
  for (let v = 0; v < n; v++) walk(v, 0);
  return best;
}

describe('critical path', () => {
  it('equals the brute-force longest path on 300 random DAGs, and is a real path', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const n = randomInt(random, 1, 11);
      const edges = randomDag(random, n, random());
      const seconds = Array.from({ length: n }, () => randomInt(random, 0, 600));
      // Listed in a shuffled order, so the routine cannot lean on index order being topological.
      const order = Array.from({ length: n }, (_, i) => i).sort(() => random() - 0.5);
      const tasks: DagTask[] = order.map((i) => ({
        key: `j${i}`,
        seconds: seconds[i] ?? 0,
        after: edges.filter(([, b]) => b === i).map(([a]) => `j${a}`),
      }));
      const result = longestPath(tasks);
      assert.equal(result.seconds, bruteForceLongest(n, seconds, edges), `seed ${seed}`);
      const ids = result.keys.map((k) => Number(k.slice(1)));
      assert.equal(
        ids.reduce((s, i) => s + (seconds[i] ?? 0), 0),
        result.seconds,
        `seed ${seed}: path sums to its length`,
      );
      for (let k = 1; k < ids.length; k++)
        assert.ok(
          edges.some(([a, b]) => a === ids[k - 1] && b === ids[k]),
          `seed ${seed}: consecutive jobs are linked`,
        );
    }
  });

  it('leaves out jobs on a cycle instead of looping', () => {
    const r = longestPath([
      { key: 'a', seconds: 5, after: ['b'] },
      { key: 'b', seconds: 5, after: ['a'] },
      { key: 'c', seconds: 3, after: [] },
    ]);
    assert.deepEqual(r, { keys: ['c'], seconds: 3 });
  });

  const WORKFLOW = `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps: [{run: ruff check}]
  unit:
    name: Unit tests
    needs: lint
    runs-on: ubuntu-latest
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
    steps: [{run: pytest}]
  docs:
    runs-on: ubuntu-latest
    steps: [{run: mkdocs build}]
  release:
    needs: [unit, docs]
    runs-on: ubuntu-latest
    steps: [{run: ./release.sh}]
`;

  it('follows needs through the slowest matrix leg and compares with the wall time', () => {
    const parsed = workflowContext('ci.yml', WORKFLOW);
    assert.ok(parsed.ok);
    const ctx = parsed.value;
    const b = new HistoryBuilder();
    // lint 0–50; legs start at 70 (20 s queue) and take 100 / 180; docs 0–400 (off the needs chain of unit);
    // release starts when the last of unit/docs ends (400) and takes 60.
    // Paths: lint 50 + windows 180 + release 60 = 290; docs 400 + release 60 = 460  -> docs → release, 460 s.
    // Wall: run created at 0, last job ends at 460 + 10 (release queued 10 s) = 470.
    const id = b.run({
      at: 0,
      jobs: [
        { name: 'lint', start: 0, seconds: 50 },
        { name: 'Unit tests (ubuntu-latest)', start: 70, seconds: 100 },
        { name: 'Unit tests (windows-latest)', start: 70, seconds: 180, labels: ['windows-latest'] },
        { name: 'docs', start: 0, seconds: 400 },
        { name: 'release', start: 410, seconds: 60 },
      ],
    });
    const history = buildRunHistory(b.runs, b.jobs);
    const link = { needs: ctx.needs, jobIdOf: ctx.jobIdOf };
    const run = history.runs.find((r) => r.id === id);
    assert.ok(run);
    assert.deepEqual(runCriticalPath(run, history, link), {
      runId: id,
      jobs: ['docs', 'release'],
      pathSeconds: 460,
      wallSeconds: 470,
    });

    // Make docs fast: now lint → the windows leg → release is critical: 50 + 180 + 60 = 290.
    const b2 = new HistoryBuilder();
    b2.run({
      at: 0,
      jobs: [
        { name: 'lint', start: 0, seconds: 50 },
        { name: 'Unit tests (ubuntu-latest)', start: 50, seconds: 100 },
        { name: 'Unit tests (windows-latest)', start: 50, seconds: 180 },
        { name: 'docs', start: 0, seconds: 30 },
        { name: 'release', start: 230, seconds: 60 },
      ],
    });
    const h2 = buildRunHistory(b2.runs, b2.jobs);
    const summary = criticalPathSummary(h2, link, (n) => splitMatrixName(n).group);
    assert.deepEqual(summary?.perRun[0]?.jobs, ['lint', 'Unit tests (windows-latest)', 'release']);
    assert.equal(summary?.perRun[0]?.pathSeconds, 290);
    assert.deepEqual(summary?.usualPath, ['lint', 'Unit tests', 'release']);
  });

  it('uses the last attempt of a re-run job', () => {
    const parsed = workflowContext('ci.yml', WORKFLOW);
    assert.ok(parsed.ok);
    const b = new HistoryBuilder();
    b.run({
      at: 0,
      jobs: [
        { name: 'docs', start: 0, seconds: 900, conclusion: 'failure', attempt: 1 },
        { name: 'docs', start: 1000, seconds: 40, attempt: 2 },
        { name: 'release', start: 1040, seconds: 60, attempt: 2 },
      ],
    });
    const h = buildRunHistory(b.runs, b.jobs);
    const run = h.runs[0];
    assert.ok(run);
    const path = runCriticalPath(run, h, { needs: parsed.value.needs, jobIdOf: parsed.value.jobIdOf });
    assert.deepEqual(path?.jobs, ['docs', 'release']);
    assert.equal(path?.pathSeconds, 100);
    assert.equal(path?.wallSeconds, 1100);
  });
});
