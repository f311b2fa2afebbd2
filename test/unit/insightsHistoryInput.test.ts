// Exported run history in every shape `gh api` writes, and the errors for what is not run history.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJobs, parseRuns } from '../../server/src/engine/insights/historyInput';
import { buildRunHistory, splitMatrixName } from '../../server/src/engine/history/runHistory';
import { runsOfWorkflow } from '../../server/src/engine/insights/workflowContext';
import { HistoryBuilder } from '../support/runHistoryBuilder';

function sample() {
  const b = new HistoryBuilder();
  b.run({ at: 0, jobs: [{ name: 'build', start: 0, seconds: 60 }] });
  b.run({ at: 100, jobs: [{ name: 'build', start: 0, seconds: 70 }] });
  return b;
}

describe('history input', () => {
  it('reads a listing, a bare array and --slurp pages alike', () => {
    const b = sample();
    const ids = (v: unknown): number[] => {
      const parsed = parseRuns(v, 'runs.json');
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      return parsed.value.map((r) => r.id);
    };
    assert.deepEqual(ids({ total_count: 2, workflow_runs: b.runs }), [1, 2]);
    assert.deepEqual(ids(b.runs), [1, 2]);
    assert.deepEqual(ids([{ workflow_runs: [b.runs[0]] }, { workflow_runs: [b.runs[1]] }]), [1, 2]);
    const jobs = parseJobs([{ jobs: b.jobs }], 'jobs.json');
    assert.ok(jobs.ok);
    assert.equal(jobs.value.length, 2);
  });

  it('fills fields that trimmed exports drop', () => {
    const parsed = parseJobs(
      [{ id: 1, run_id: 1, name: 'x', status: 'queued', started_at: '2026-01-01T00:00:00Z' }],
      'jobs.json',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(
      [parsed.value[0]?.labels, parsed.value[0]?.steps, parsed.value[0]?.conclusion, parsed.value[0]?.completed_at],
      [[], [], null, null],
    );
  });

  it('names the file, the item and the field that is wrong', () => {
    const b = sample();
    const cases: [unknown, string][] = [
      [{ runs: [] }, 'runs.json: expected a "workflow_runs" array (the shape of `gh api`), found none'],
      ['text', 'runs.json: expected {"workflow_runs": [...]} or an array'],
      [
        { workflow_runs: [b.runs[0], { ...b.runs[1], created_at: 'soon' }] },
        'runs.json: workflow_runs[1].created_at is missing or not a date',
      ],
      [
        [{ workflow_runs: [b.runs[0]] }, { workflow_runs: [{ ...b.runs[1], id: '2' }] }],
        'runs.json: [1].workflow_runs[0].id is missing or not an integer',
      ],
      [[null], 'runs.json: [0] is not an object'],
    ];
    for (const [value, message] of cases)
      assert.deepEqual(parseRuns(value, 'runs.json'), { ok: false, error: message });
    const badStep = { ...b.jobs[0], steps: [{ name: 'a', number: 1, started_at: 'x' }] };
    assert.deepEqual(parseJobs({ jobs: [badStep] }, 'jobs.json'), {
      ok: false,
      error: 'jobs.json: jobs[0].steps[0].started_at/.completed_at is not a date',
    });
    assert.deepEqual(parseJobs({ jobs: [{ ...b.jobs[0], labels: 'ubuntu' }] }, 'jobs.json'), {
      ok: false,
      error: 'jobs.json: jobs[0].labels is not a list of strings',
    });
  });

  it('orders runs by creation and splits matrix legs from job names', () => {
    const b = sample();
    const history = buildRunHistory([...b.runs].reverse(), [...b.jobs].reverse());
    assert.deepEqual(
      history.runs.map((r) => r.id),
      [1, 2],
    );
    assert.deepEqual(
      history.jobs.map((j) => [j.runIndex, j.seconds]),
      [
        [0, 60],
        [1, 70],
      ],
    );
    assert.deepEqual(splitMatrixName('test (3.10, ubuntu-latest)'), { group: 'test', leg: '3.10, ubuntu-latest' });
    assert.deepEqual(splitMatrixName('deploy / build (x)'), { group: 'deploy / build', leg: 'x' });
    assert.deepEqual(splitMatrixName('lint'), { group: 'lint', leg: undefined });
  });
});

describe('runsOfWorkflow', () => {
  it('keeps the runs of the given workflow file, or every run when runs carry no path', () => {
    const b = new HistoryBuilder();
    b.run({ at: 0, jobs: [], path: '.github/workflows/ci.yml' });
    b.run({ at: 1, jobs: [], path: '.github/workflows/nightly.yml' });
    b.run({ at: 2, jobs: [], path: '.github/workflows/ci.yml@refs/heads/main' });
    assert.deepEqual(
      runsOfWorkflow(b.runs, '/checkout/.github/workflows/ci.yml').map((r) => r.id),
      [1, 3],
    );
    const withoutPaths = b.runs.map(({ path: _path, ...rest }) => rest);
    assert.equal(runsOfWorkflow(withoutPaths, 'ci.yml').length, 3);
  });
});
