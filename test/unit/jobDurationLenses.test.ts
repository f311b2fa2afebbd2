// Duration CodeLens titles from watched runs: the median and p90 of a job's finished attempts, matrix legs pooled under
// their job, only runs of this workflow file, nothing below three samples.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineJob, PipelineRun } from '../../protocol/pipelineRuns';
import { jobDurationLenses } from '../../server/src/engine/insights/jobDurationLenses';
import { predictWorkflowDurations } from '../../server/src/engine/model/duration/workflowDurationPredictions';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW =
  'on: push\njobs:\n  test:\n    strategy:\n      matrix:\n        py: ["3.10", "3.11"]\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n';

function job(id: number, name: string, seconds: number, conclusion = 'success'): PipelineJob {
  const start = Date.UTC(2026, 10, 1, 0, 0, 0) + id * 3_600_000;
  return {
    id,
    run_id: id,
    run_attempt: 1,
    name,
    status: 'completed',
    conclusion,
    started_at: new Date(start).toISOString(),
    completed_at: new Date(start + seconds * 1000).toISOString(),
    html_url: null,
    labels: ['ubuntu-latest'],
    runner_name: null,
    steps: [],
  };
}

function run(id: number, path: string, jobs: PipelineJob[]): PipelineRun {
  const at = new Date(Date.UTC(2026, 10, 1) + id * 3_600_000).toISOString();
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

describe('job duration lenses', () => {
  it('pools matrix legs, ignores other workflows and cancelled attempts, and needs three samples', () => {
    const runs = [
      run(1, '.github/workflows/ci.yml', [
        job(11, 'test (3.10)', 60),
        job(12, 'test (3.11)', 120),
        job(13, 'build', 30),
      ]),
      run(2, '.github/workflows/ci.yml', [
        job(21, 'test (3.10)', 180),
        job(22, 'test (3.11)', 600, 'cancelled'),
        job(23, 'build', 40),
      ]),
      run(3, '.github/workflows/other.yml', [job(31, 'test (3.10)', 9999), job(33, 'build', 9999)]),
    ];
    const lenses = jobDurationLenses(parseYaml(WORKFLOW), '.github/workflows/ci.yml', runs);
    // test: 60, 120, 180 -> median 2m, p90 between 120 and 180 by linear interpolation (168 s = 2m 48s). build: 2 samples, no lens.
    assert.deepEqual(
      lenses.map((l) => [l.position.line, l.title]),
      [[2, '$(clock) median 2m · p90 2m 48s']],
    );
  });
});

describe('job duration lenses with the duration model', () => {
  it("adds the next run's predicted duration (slowest leg) and says why in the tooltip, once the history trains a model", async () => {
    // 40 runs an hour apart: test (3.11) always takes twice as long as test (3.10); build 30 s. Jobs start with their run.
    const inRun = (runId: number, id: number, name: string, seconds: number): PipelineJob => ({
      ...job(runId, name, seconds),
      id,
      run_id: runId,
    });
    const runs = Array.from({ length: 40 }, (_, i) =>
      run(i + 1, '.github/workflows/ci.yml', [
        inRun(i + 1, 1000 + i * 3, 'test (3.10)', 60 + (i % 3)),
        inRun(i + 1, 1001 + i * 3, 'test (3.11)', 120 + (i % 3)),
        inRun(i + 1, 1002 + i * 3, 'build', 30),
      ]),
    ).reverse();
    assert.equal(
      await predictWorkflowDurations(runs.slice(0, 5), '.github/workflows/ci.yml', Date.UTC(2026, 11, 1)).then(
        (p) => p.length,
      ),
      0,
      'too little history: no model',
    );
    const predictions = await predictWorkflowDurations(runs, '.github/workflows/ci.yml', Date.UTC(2026, 11, 1));
    assert.deepEqual(predictions.map((p) => p.job).sort(), ['build', 'test (3.10)', 'test (3.11)']);
    const lenses = jobDurationLenses(parseYaml(WORKFLOW), '.github/workflows/ci.yml', runs, predictions);
    const test = lenses.find((l) => l.position.line === 2);
    const slow = predictions.find((p) => p.job === 'test (3.11)');
    assert.ok(slow && Math.abs(slow.predictedSeconds - 121) < 3, JSON.stringify(slow));
    assert.match(test?.title ?? '', /^\$\(clock\) median 1m 3\ds · p90 2m( \ds)? · next ≈ 2m( \ds)?$/);
    assert.match(
      test?.tooltip ?? '',
      /^Next run of test \(3\.11\): about 2m( \ds)? \(median of the last 10 runs: 2m( \ds)?\)\n.+: [+−]\S+\n.+: [+−]\S+\n.+: [+−]\S+$/,
    );
  });
});
