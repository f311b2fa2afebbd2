// Layered layout on random DAGs: no overlapping boxes, longest-path layers (checked by an independent recursion),
// edges running left to right from box side to box side; crossing reduction on a case with a known optimum; and the
// job and DVC graphs built from real files, with matrix counts, foreach expansion and definition lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dvcPipelineModel } from '../../server/src/engine/dvc/dvcModel';
import { layoutGraph, type GraphLayout } from '../../server/src/engine/insights/graphLayout';
import { dvcGraphSpec, graphMessage, jobGraphSpec } from '../../server/src/engine/insights/pipelineGraphs';
import { workflowContext } from '../../server/src/engine/insights/workflowContext';
import { matrixSize } from '../../server/src/engine/insights/workflowJobs';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';
import { randomDag, randomInt, seededRandom } from '../support/seededRandom';

function overlapping(layout: GraphLayout): string | undefined {
  const ns = layout.nodes;
  for (let i = 0; i < ns.length; i++) {
    for (let j = i + 1; j < ns.length; j++) {
      const a = ns[i];
      const b = ns[j];
      if (!a || !b) continue;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        return `${a.id} overlaps ${b.id}`;
    }
  }
  return undefined;
}

/** Crossings of the drawn edges between adjacent layers, from the output geometry alone. */
function drawnCrossings(layout: GraphLayout): number {
  const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
  let count = 0;
  const edges = layout.edges;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const e = edges[i];
      const f = edges[j];
      if (!e || !f || e.from === f.from || e.to === f.to) continue;
      const d1 = (y.get(e.from) ?? 0) - (y.get(f.from) ?? 0);
      const d2 = (y.get(e.to) ?? 0) - (y.get(f.to) ?? 0);
      if (d1 * d2 < 0) count++;
    }
  }
  return count;
}

describe('graph layout', () => {
  it('has no overlapping nodes and respects longest-path layers on 200 random DAGs', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const n = randomInt(random, 1, 25);
      const dag = randomDag(random, n, random() * 0.3);
      const nodes = Array.from({ length: n }, (_, i) => ({
        id: `n${i}`,
        width: randomInt(random, 60, 200),
        height: randomInt(random, 20, 60),
      }));
      // Shuffle node order so layering cannot rely on it.
      nodes.sort(() => random() - 0.5);
      const layout = layoutGraph(
        nodes,
        dag.map(([a, b]) => ({ from: `n${a}`, to: `n${b}` })),
      );
      assert.equal(layout.nodes.length, n, `seed ${seed}`);
      assert.equal(overlapping(layout), undefined, `seed ${seed}`);
      const placed = new Map(layout.nodes.map((p) => [p.id, p]));
      const memo = new Map<number, number>();
      const depth = (v: number): number => {
        const known = memo.get(v);
        if (known !== undefined) return known;
        const d = Math.max(0, ...dag.filter(([, b]) => b === v).map(([a]) => depth(a) + 1));
        memo.set(v, d);
        return d;
      };
      for (let v = 0; v < n; v++) assert.equal(placed.get(`n${v}`)?.layer, depth(v), `seed ${seed} node n${v}`);
      for (const e of layout.edges) {
        const from = placed.get(e.from);
        const to = placed.get(e.to);
        assert.ok(from && to);
        const first = e.points[0];
        const last = e.points[e.points.length - 1];
        assert.equal(first?.x, from.x + from.width, `seed ${seed}: edge leaves the right side`);
        assert.equal(last?.x, to.x, `seed ${seed}: edge enters the left side`);
        assert.equal(e.points.length, to.layer - from.layer + 1, `seed ${seed}: one bend per skipped layer`);
        for (let k = 1; k < e.points.length; k++) assert.ok((e.points[k]?.x ?? 0) > (e.points[k - 1]?.x ?? 0));
      }
      for (const p of layout.nodes)
        assert.ok(
          p.x >= 0 && p.y >= 0 && p.x + p.width <= layout.width && p.y + p.height <= layout.height,
          `seed ${seed}: inside the canvas`,
        );
    }
  });

  it('untangles crossings that an ordering can remove', () => {
    // Listed so that the first layer order crosses: a→d and b→c with c above d.
    const layout = layoutGraph(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, width: 80, height: 30 })),
      [
        { from: 'a', to: 'd' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'f' },
        { from: 'd', to: 'e' },
      ],
    );
    assert.equal(layout.crossings, 0);
    assert.equal(drawnCrossings(layout), 0);
  });

  it('lays out a cycle by drawing one edge backwards', () => {
    const layout = layoutGraph(
      ['a', 'b', 'c'].map((id) => ({ id, width: 80, height: 30 })),
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    );
    assert.equal(layout.edges.filter((e) => e.reversed).length, 1);
    assert.equal(overlapping(layout), undefined);
    const back = layout.edges.find((e) => e.reversed);
    assert.equal(back?.from, 'c');
  });
});

describe('pipeline graphs', () => {
  it("counts matrix legs by GitHub's include/exclude rules", () => {
    assert.equal(matrixSize({ os: ['a', 'b'], py: [1, 2, 3] }), 6);
    assert.equal(matrixSize({ os: ['a', 'b'], py: [1, 2, 3], exclude: [{ os: 'a', py: 1 }, { os: 'b' }] }), 2);
    // One include extends existing combinations (no original value overwritten); one adds its own.
    assert.equal(matrixSize({ os: ['a', 'b'], include: [{ os: 'a', extra: true }, { os: 'c' }] }), 3);
    assert.equal(matrixSize({ include: [{ os: 'a' }, { os: 'b' }] }), 2);
    assert.equal(matrixSize('${{ fromJSON(needs.setup.outputs.matrix) }}'), 'dynamic');
  });

  it("draws a workflow's jobs with needs edges, matrix counts and definition lines", () => {
    const text =
      'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps: [{run: a}]\n  test:\n    needs: lint\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        py: ["3.10", "3.11", "3.12"]\n    steps: [{run: b}]\n  deploy:\n    name: Deploy to prod\n    needs: [test, lint]\n    runs-on: ubuntu-latest\n    steps: [{run: c}]\n';
    const parsed = workflowContext('ci.yml', text);
    assert.ok(parsed.ok);
    const message = graphMessage(jobGraphSpec(parsed.value.jobs, 'file:///r/ci.yml', 'ci.yml'));
    assert.deepEqual(
      message.nodes.map((n) => [n.id, n.label, n.line, n.instances]),
      [
        ['lint', 'lint', 2, undefined],
        ['test', 'test', 5, 3],
        ['deploy', 'Deploy to prod', 12, undefined],
      ],
    );
    assert.deepEqual(message.edges.map((e) => `${e.from}->${e.to}`).sort(), [
      'lint->deploy',
      'lint->test',
      'test->deploy',
    ]);
    const layer = new Map(message.nodes.map((n) => [n.id, n.x]));
    assert.ok(
      (layer.get('lint') ?? 0) < (layer.get('test') ?? 0) && (layer.get('test') ?? 0) < (layer.get('deploy') ?? 0),
    );
  });

  it('draws DVC stages linked by outs → deps, with foreach stages expanded', () => {
    const text = [
      'vars:',
      '  - models: [small, large]',
      'stages:',
      '  prepare:',
      '    cmd: python prepare.py',
      '    deps: [data/raw]',
      '    outs: [data/prepared]',
      '  train:',
      '    foreach: ${models}',
      '    do:',
      '      cmd: python train.py ${item}',
      '      deps: [data/prepared/train.csv]',
      '      outs: ["models/${item}.pkl"]',
      '  evaluate:',
      '    cmd: python evaluate.py',
      '    deps: [models/small.pkl, models/large.pkl]',
      '    metrics: [metrics.json]',
      '',
    ].join('\n');
    const yaml = parseYaml(text);
    const model = dvcPipelineModel(yaml);
    assert.ok(model);
    const spec = dvcGraphSpec(model, yaml.lines, '/repo', undefined, 'file:///repo/dvc.yaml', 'dvc.yaml');
    assert.deepEqual(
      spec.nodes.map((n) => [n.id, n.line]),
      [
        ['prepare', 3],
        ['train@small', 7],
        ['train@large', 7],
        ['evaluate', 13],
      ],
    );
    assert.deepEqual(spec.edges.map((e) => `${e.from}->${e.to}`).sort(), [
      'prepare->train@large',
      'prepare->train@small',
      'train@large->evaluate',
      'train@small->evaluate',
    ]);
    const message = graphMessage(spec);
    assert.equal(message.kind, 'dvc');
    assert.equal(new Set(message.nodes.map((n) => n.x)).size, 3, 'three layers');
  });
});
