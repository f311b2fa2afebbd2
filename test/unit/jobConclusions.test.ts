// CodeLens titles from the newest run of a workflow: plain jobs, matrix jobs summarised, running jobs, other workflows;
// the failed job "Explain failure" is offered for, and the lens argument the command checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineJob, PipelineRun } from '../../protocol/pipelineRuns';
import { parseExplainJobFailureArgs } from '../../protocol/explainJobFailure';
import { jobConclusionLenses } from '../../server/src/engine/runs/jobConclusions';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW =
  'name: CI\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps: [{run: ruff .}]\n  test:\n    name: Test ${{ matrix.py }}\n    strategy: {matrix: {py: [a, b, c]}}\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n';

let nextId = 1;
function job(name: string, status: PipelineJob['status'], conclusion: string | null): PipelineJob {
  return {
    id: nextId++,
    run_id: 1,
    run_attempt: 1,
    name,
    status,
    conclusion,
    started_at: null,
    completed_at: null,
    html_url: null,
    labels: [],
    runner_name: null,
    steps: [],
  };
}

function run(id: number, path: string, jobs: PipelineJob[] | null, attempt = 1): PipelineRun {
  return {
    id,
    name: 'CI',
    run_number: id,
    run_attempt: attempt,
    event: 'push',
    status: 'completed',
    conclusion: 'failure',
    workflow_id: 1,
    path,
    head_branch: 'main',
    head_sha: 'a'.repeat(40),
    display_title: 't',
    created_at: '',
    updated_at: '',
    run_started_at: null,
    html_url: '',
    actor: null,
    triggering_actor: null,
    jobs,
  };
}

describe('jobConclusionLenses', () => {
  const yaml = parseYaml(WORKFLOW);
  it('newest run of this workflow with jobs: per job, matrix summarised', () => {
    const runs = [
      run(9, '.github/workflows/other.yml', [job('lint', 'completed', 'failure')]),
      run(8, '.github/workflows/ci.yml', null),
      run(
        7,
        '.github/workflows/ci.yml',
        [
          job('lint', 'completed', 'success'),
          job('Test a', 'completed', 'success'),
          job('Test b', 'completed', 'failure'),
          job('Test c', 'completed', 'success'),
        ],
        2,
      ),
      run(6, '.github/workflows/ci.yml', [job('lint', 'completed', 'failure')]),
    ];
    assert.deepEqual(
      jobConclusionLenses(yaml, '.github/workflows/ci.yml', runs).map((l) => [
        l.position.line,
        l.title,
        l.runId,
        l.jobIds.length,
      ]),
      [
        [3, '$(pass) success · CI #7 (attempt 2)', 7, 1],
        [6, '$(error) 1 of 3 failed · CI #7 (attempt 2)', 7, 3],
      ],
    );
  });

  it('names the job that failed by itself, for "Explain failure": not a cancelled one, not one still running', () => {
    const failedMatrixJob = job('Test b', 'completed', 'failure');
    const runs = [
      run(5, '.github/workflows/ci.yml', [
        job('lint', 'completed', 'cancelled'),
        job('Test a', 'completed', 'success'),
        failedMatrixJob,
        job('Test c', 'completed', 'timed_out'),
      ]),
    ];
    assert.deepEqual(
      jobConclusionLenses(yaml, '.github/workflows/ci.yml', runs).map((l) => l.failedJobId),
      [undefined, failedMatrixJob.id],
    );
    const running = [
      run(4, '.github/workflows/ci.yml', [job('lint', 'in_progress', null), job('Test a', 'completed', 'failure')]),
    ];
    assert.deepEqual(
      jobConclusionLenses(yaml, '.github/workflows/ci.yml', running).map((l) => l.failedJobId === undefined),
      [true, false],
    );
  });

  it('running jobs show as in progress; no run of the workflow, no lenses', () => {
    const runs = [
      run(3, '.github/workflows/ci.yml', [job('lint', 'in_progress', null), job('Test a', 'queued', null)]),
    ];
    assert.deepEqual(
      jobConclusionLenses(yaml, '.github/workflows/ci.yml', runs).map((l) => l.title),
      ['$(sync) in progress · CI #3', '$(sync) queued · CI #3'],
    );
    assert.deepEqual(jobConclusionLenses(yaml, '.github/workflows/nightly.yml', runs), []);
  });
});

describe('parseExplainJobFailureArgs (the lens argument the command reads)', () => {
  it('takes { runId, jobId } with positive integer ids and nothing else', () => {
    assert.deepEqual(parseExplainJobFailureArgs({ runId: 7, jobId: 12, extra: 'x' }), { runId: 7, jobId: 12 });
    for (const bad of [
      undefined,
      null,
      'run 7',
      [7, 12],
      { runId: 7 },
      { runId: '7', jobId: 12 },
      { runId: 7, jobId: 0 },
      { runId: 7.5, jobId: 12 },
      { runId: 2 ** 60, jobId: 1 },
    ]) {
      assert.equal(parseExplainJobFailureArgs(bad), undefined, JSON.stringify(bad));
    }
  });
});
