// A run changes shape at two places only: GitHub's API shape into PipelineRun in the server (runsSnapshot.ts), and
// PipelineRun into the page's RunView in the client (runViews.ts). Both, end to end, on one run of each kind of edge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunsMessage } from '../../protocol/runsView';
import { runView } from '../../client/src/github/runViews';
import { toPipelineRun } from '../../server/src/engine/github/api/runsSnapshot';
import type { WorkflowJob, WorkflowRun } from '../../shared/githubApi';

const API_RUN: WorkflowRun = {
  id: 41,
  name: 'Train model',
  run_number: 12,
  run_attempt: 2,
  event: 'push',
  status: 'in_progress',
  conclusion: null,
  workflow_id: 7,
  path: '.github/workflows/train.yml@refs/heads/main',
  head_branch: 'main',
  head_sha: 'c'.repeat(40),
  display_title: 'Retrain on the new split\n\nLonger body of the commit message',
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:02:00Z',
  run_started_at: '2026-11-20T10:00:03Z',
  html_url: 'https://github.com/o/r/actions/runs/41',
  actor: { login: 'octocat' },
  triggering_actor: { login: 'mona' },
};

function apiJob(id: number, status: WorkflowJob['status'], conclusion: string | null): WorkflowJob {
  return {
    id,
    run_id: 41,
    run_attempt: 2,
    name: `job ${id}`,
    status,
    conclusion,
    // GitHub sends a start time even for a queued job: the time it was queued.
    started_at: '2026-11-20T10:00:05Z',
    completed_at: status === 'completed' ? '2026-11-20T10:01:00Z' : null,
    html_url: null,
    head_sha: 'c'.repeat(40),
    labels: ['ubuntu-latest'],
    steps: [
      { name: 'Set up job', status: 'completed', conclusion: 'success', number: 1, started_at: '2026-11-20T10:00:06Z' },
    ],
  };
}

describe('run shapes', () => {
  it('the server keeps the workflow path without @ref and a queued job without a start', () => {
    const run = toPipelineRun(API_RUN, [apiJob(1, 'completed', 'success'), apiJob(2, 'queued', null)]);
    assert.equal(run.path, '.github/workflows/train.yml');
    assert.deepEqual(
      run.jobs?.map((j) => [j.id, j.started_at]),
      [
        [1, '2026-11-20T10:00:05Z'],
        [2, null],
      ],
    );
    assert.deepEqual([run.actor, run.triggering_actor], ['octocat', 'mona']);
    assert.equal(toPipelineRun(API_RUN, null).jobs, null, 'jobs not fetched');
  });

  it('the page gets a RunView built from the PipelineRun alone, and accepts it', () => {
    const view = runView(toPipelineRun(API_RUN, [apiJob(1, 'completed', 'success'), apiJob(2, 'queued', null)]));
    assert.deepEqual(
      { ...view, jobs: view.jobs?.map((j) => [j.id, j.status, j.startedAt, j.steps.length]) },
      {
        id: 41,
        workflowName: 'Train model',
        title: 'Retrain on the new split',
        headSha: 'c'.repeat(40),
        runNumber: 12,
        attempt: 2,
        event: 'push',
        actor: 'mona',
        status: 'in_progress',
        conclusion: null,
        createdAt: '2026-11-20T10:00:00Z',
        startedAt: '2026-11-20T10:00:03Z',
        updatedAt: '2026-11-20T10:02:00Z',
        jobs: [
          [1, 'completed', '2026-11-20T10:00:05Z', 1],
          [2, 'queued', null, 1],
        ],
      },
    );
    const message = {
      type: 'runs',
      state: { kind: 'ok' },
      repository: 'o/r',
      branch: 'main',
      runs: [view],
      updatedAt: null,
    };
    assert.deepEqual(parseRunsMessage(JSON.parse(JSON.stringify(message)) as Record<string, unknown>)?.runs, [view]);
  });

  it('a workflow GitHub gave no name is called by its file, then by its id', () => {
    const unnamed = toPipelineRun({ ...API_RUN, name: null }, null);
    assert.equal(runView(unnamed).workflowName, '.github/workflows/train.yml');
    assert.equal(runView({ ...unnamed, path: null }).workflowName, 'workflow 7');
  });
});
