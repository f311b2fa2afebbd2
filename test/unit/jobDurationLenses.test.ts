// Duration CodeLens titles from watched runs: the median and p90 of a job's finished attempts, matrix legs pooled under
// their job, only runs of this workflow file, nothing below three samples.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineJob, PipelineRun } from '../../protocol/pipelineRuns';
import { jobDurationLenses } from '../../server/src/engine/insights/jobDurationLenses';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW = 'on: push\njobs:\n  test:\n    strategy:\n      matrix:\n        py: ["3.10", "3.11"]\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n';

function job(id: number, name: string, seconds: number, conclusion = 'success'): PipelineJob {
  const start = Date.UTC(2026, 10, 1, 0, 0, 0) + id * 3_600_000;
  return { id, run_id: id, run_attempt: 1, name, status: 'completed', conclusion, started_at: new Date(start).toISOString(),
    completed_at: new Date(start + seconds * 1000).toISOString(), html_url: null, labels: ['ubuntu-latest'], runner_name: null, steps: [] };
}

function run(id: number, path: string, jobs: PipelineJob[]): PipelineRun {
  const at = new Date(Date.UTC(2026, 10, 1) + id * 3_600_000).toISOString();
  return { id, name: 'CI', run_number: id, run_attempt: 1, event: 'push', status: 'completed', conclusion: 'success', workflow_id: 1, path,
    head_branch: 'main', head_sha: 'a'.repeat(40), display_title: 't', created_at: at, updated_at: at, run_started_at: at,
    html_url: 'https://github.com/o/r/actions/runs/1', actor: 'me', triggering_actor: 'me', jobs };
}

describe('job duration lenses', () => {
  it('pools matrix legs, ignores other workflows and cancelled attempts, and needs three samples', () => {
    const runs = [
      run(1, '.github/workflows/ci.yml', [job(11, 'test (3.10)', 60), job(12, 'test (3.11)', 120), job(13, 'build', 30)]),
      run(2, '.github/workflows/ci.yml', [job(21, 'test (3.10)', 180), job(22, 'test (3.11)', 600, 'cancelled'), job(23, 'build', 40)]),
      run(3, '.github/workflows/other.yml', [job(31, 'test (3.10)', 9999), job(33, 'build', 9999)]),
    ];
    const lenses = jobDurationLenses(parseYaml(WORKFLOW), '.github/workflows/ci.yml', runs);
    // test: 60, 120, 180 -> median 2m, p90 between 120 and 180 by linear interpolation (168 s = 2m 48s). build: 2 samples, no lens.
    assert.deepEqual(lenses.map((l) => [l.position.line, l.title]), [[2, '$(clock) median 2m · p90 2m 48s']]);
  });
});
