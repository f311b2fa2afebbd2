// The Graph tab's job graph with the watched runs: each job's typical duration, the latest run's outcome (worst leg) and
// the usual critical path, from runs of this workflow file only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineJob, PipelineRun } from '../../protocol/pipelineRuns';
import { workflowGraph } from '../../server/src/engine/insights/panelGraphs';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  lint:',
  '    runs-on: ubuntu-latest',
  '    steps: [{run: ruff .}]',
  '  docs:',
  '    runs-on: ubuntu-latest',
  '    steps: [{run: mkdocs build}]',
  '  test:',
  '    needs: lint',
  '    strategy:',
  '    matrix:',
  '      py: ["3.10", "3.11"]',
  '    runs-on: ubuntu-latest',
  '    steps: [{run: pytest}]',
  '  publish:',
  '    needs: [test, docs]',
  '    runs-on: ubuntu-latest',
  '    steps: [{run: make}]',
  '',
]
  .join('\n')
  .replace('    matrix:', '      matrix:')
  .replace('      py:', '        py:');

const T0 = Date.UTC(2026, 10, 1);

function job(runId: number, name: string, start: number, seconds: number, conclusion = 'success'): PipelineJob {
  const at = T0 + runId * 3_600_000 + start * 1000;
  return {
    id: runId * 100 + name.length + start,
    run_id: runId,
    run_attempt: 1,
    name,
    status: 'completed',
    conclusion,
    started_at: new Date(at).toISOString(),
    completed_at: new Date(at + seconds * 1000).toISOString(),
    html_url: null,
    labels: ['ubuntu-latest'],
    runner_name: null,
    steps: [],
  };
}

function run(id: number, path: string, jobs: PipelineJob[]): PipelineRun {
  const at = new Date(T0 + id * 3_600_000).toISOString();
  return {
    id,
    name: 'CI',
    run_number: id,
    run_attempt: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    workflow_id: 1,
    path,
    head_branch: 'main',
    head_sha: 'a'.repeat(40),
    display_title: 't',
    created_at: at,
    updated_at: at,
    run_started_at: at,
    html_url: 'https://github.com/o/r/actions/runs/1',
    actor: 'me',
    triggering_actor: 'me',
    jobs,
  };
}

describe('workflowGraph', () => {
  const yaml = parseYaml(WORKFLOW);
  const base = {
    yaml,
    uri: 'file:///r/.github/workflows/ci.yml',
    title: '.github/workflows/ci.yml',
    workflowPath: '.github/workflows/ci.yml',
  };

  it('without runs: the jobs and needs only', () => {
    const graph = workflowGraph({ ...base, runs: [] });
    assert.deepEqual(
      graph?.nodes.map((n) => [n.id, n.instances ?? null, n.detail ?? null, n.status ?? null, n.critical ?? false]),
      [
        ['lint', null, null, null, false],
        ['docs', null, null, null, false],
        ['test', 2, null, null, false],
        ['publish', null, null, null, false],
      ],
    );
    assert.deepEqual(graph?.edges.map((e) => `${e.from}->${e.to}`).sort(), [
      'docs->publish',
      'lint->test',
      'test->publish',
    ]);
  });

  it("with runs: durations, the newest run's worst leg, and the usual critical path (lint -> test -> publish, not docs)", () => {
    // Newest first, as the watcher reports; run 3 ran another workflow and must not count.
    const runs = [
      run(3, '.github/workflows/other.yml', [job(3, 'lint', 0, 9999)]),
      run(2, '.github/workflows/ci.yml', [
        job(2, 'lint', 0, 40),
        job(2, 'docs', 0, 60),
        job(2, 'test (3.10)', 45, 200),
        job(2, 'test (3.11)', 45, 260, 'failure'),
        job(2, 'publish', 310, 30),
      ]),
      run(1, '.github/workflows/ci.yml', [
        job(1, 'lint', 0, 20),
        job(1, 'docs', 0, 50),
        job(1, 'test (3.10)', 25, 180),
        job(1, 'test (3.11)', 25, 220),
        job(1, 'publish', 250, 30),
      ]),
    ];
    const graph = workflowGraph({ ...base, runs });
    const byId = new Map(graph?.nodes.map((n) => [n.id, n]));
    assert.equal(byId.get('lint')?.detail, 'median 30s · p90 38s');
    assert.equal(byId.get('test')?.status, 'failure');
    assert.equal(byId.get('lint')?.status, 'success');
    assert.deepEqual(
      graph?.nodes.filter((n) => n.critical).map((n) => n.id),
      ['lint', 'test', 'publish'],
    );
  });

  it('is undefined for text that is no workflow', () => {
    assert.equal(workflowGraph({ ...base, yaml: parseYaml('stages:\n  a:\n    cmd: x\n'), runs: [] }), undefined);
  });
});
