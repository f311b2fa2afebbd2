// Loading run history: the CSV reader (quotes, embedded newlines and commas, both timestamp forms), GitHub API JSON in
// both shapes, and errors that name the file and line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../../../server/src/engine/model/runs/csvTable';
import { loadRunsCsv } from '../../../server/src/engine/model/runs/loadRunsCsv';
import { loadRunsJson } from '../../../server/src/engine/model/runs/loadRunsJson';
import { parseTimestamp } from '../../../server/src/engine/text/parseTimestamp';
import { syntheticRuns, toCsv } from '../../support/model/syntheticRuns';

const HEADER =
  'repo,id_build,workflow_id,issuer_name,branch,commit_sha,status,workflow_event_trigger,conclusion,created_at,updated_at,workflow_name';

describe('run history loaders', () => {
  it('parses both timestamp forms as UTC and rejects others', () => {
    assert.equal(parseTimestamp('2025-12-07T16:45:09Z'), Date.UTC(2025, 11, 7, 16, 45, 9));
    assert.equal(parseTimestamp('2024-10-03 00:10:38'), Date.UTC(2024, 9, 3, 0, 10, 38));
    assert.equal(parseTimestamp('2024-10-03T02:10:38+02:00'), Date.UTC(2024, 9, 3, 0, 10, 38));
    assert.equal(parseTimestamp('03/10/2024'), undefined);
  });

  it("reads quoted fields with commas, doubled quotes and newlines, keeping each record's first line", () => {
    const csv = parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n\n3,4\n');
    assert.ok(csv.ok);
    assert.deepEqual(
      csv.records.map((r) => [r.line, ...r.fields]),
      [
        [2, 'x, y', 'say "hi"'],
        [3, 'multi\nline', '2'],
        [6, '3', '4'],
      ],
    );
  });

  it('names the line of a malformed CSV record', () => {
    assert.deepEqual(parseCsv('a,b\n1,2\n3\n'), { ok: false, line: 3, error: '1 fields where the header has 2' });
    const r = loadRunsCsv(
      `${HEADER}\no/r,12,1,al,main,abc,completed,push,success,yesterday,2025-01-01T00:00:00Z,CI\n`,
      'runs.csv',
    );
    assert.ok(!r.ok);
    assert.match(r.error, /^runs\.csv:2: created_at 'yesterday' is not a timestamp/);
    const missing = loadRunsCsv('repo,id_build\n', 'runs.csv');
    assert.ok(!missing.ok);
    assert.match(missing.error, /^runs\.csv:1: missing columns workflow_id, conclusion, created_at/);
  });

  it('round-trips synthetic runs through the shipped CSV format', () => {
    const runs = syntheticRuns(3, 40);
    const loaded = loadRunsCsv(toCsv(runs), 'x.csv');
    assert.ok(loaded.ok);
    loaded.value.forEach((r, i) => {
      const want = runs[i];
      assert.equal(r.id, want?.id);
      assert.equal(r.createdAt, want?.createdAt);
      assert.equal(r.completedAt, want?.completedAt);
      assert.equal(r.conclusion, want?.conclusion);
      assert.equal(r.actorIsBot, want?.actorIsBot);
    });
  });

  it('reads GitHub API runs, as a list or a list-runs page, with clear errors', () => {
    const apiRun = {
      id: 7,
      run_number: 1,
      event: 'push',
      status: 'completed',
      conclusion: 'failure',
      workflow_id: 3,
      path: '.github/workflows/ci.yml@refs/heads/main',
      head_branch: 'main',
      head_sha: 'abc',
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:05:00Z',
      html_url: 'u',
      name: 'CI',
      actor: { login: 'renovate-app', type: 'Bot' },
      repository: { full_name: 'o/r' },
      head_commit: { id: 'abc', message: 'm', timestamp: '2024-12-31T23:00:00Z' },
    };
    const running = { ...apiRun, id: 8, status: 'in_progress', conclusion: null };
    for (const text of [
      JSON.stringify([apiRun, running]),
      JSON.stringify({ total_count: 2, workflow_runs: [apiRun, running] }),
    ]) {
      const r = loadRunsJson(text, 'runs.json');
      assert.ok(r.ok);
      const [a, b] = r.value;
      assert.equal(a?.repo, 'o/r');
      assert.equal(a?.workflowPath, '.github/workflows/ci.yml');
      assert.equal(a?.actorIsBot, true);
      assert.equal(a?.completedAt, Date.UTC(2025, 0, 1, 0, 5));
      assert.equal(b?.completedAt, undefined);
      assert.equal(b?.conclusion, '');
    }
    const job = {
      id: 1,
      run_id: 7,
      name: 'test',
      status: 'completed',
      conclusion: 'failure',
      started_at: '2025-01-01T00:01:00Z',
      completed_at: '2025-01-01T00:04:00Z',
      html_url: null,
      head_sha: 'abc',
      labels: [],
    };
    const withJobs = loadRunsJson(
      JSON.stringify({
        workflow_runs: [
          apiRun,
          { ...running, jobs: [{ ...job, run_id: 8, name: 'build', status: 'in_progress', conclusion: null }] },
        ],
        jobs: [job],
      }),
      'runs.json',
    );
    assert.ok(withJobs.ok);
    assert.deepEqual(withJobs.value[0]?.jobs, [
      {
        name: 'test',
        conclusion: 'failure',
        startedAt: Date.UTC(2025, 0, 1, 0, 1),
        completedAt: Date.UTC(2025, 0, 1, 0, 4),
      },
    ]);
    assert.deepEqual(
      withJobs.value[1]?.jobs?.map((j) => [j.name, j.conclusion]),
      [['build', '']],
    );
    const badJob = loadRunsJson(JSON.stringify({ workflow_runs: [apiRun], jobs: [{ name: 'x' }] }), 'runs.json');
    assert.deepEqual(badJob, { ok: false, error: 'runs.json: jobs[0] needs a "name" and a numeric "run_id"' });
    const bad = loadRunsJson(JSON.stringify([{ ...apiRun, workflow_id: 'x' }]), 'runs.json');
    assert.deepEqual(bad, {
      ok: false,
      error: 'runs.json: workflow_runs[0]: "workflow_id" must be a number (got string)',
    });
    const notJson = loadRunsJson('{', 'runs.json');
    assert.ok(!notJson.ok && notJson.error.startsWith('runs.json: not valid JSON'));
  });
});
