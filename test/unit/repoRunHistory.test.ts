// The run history that failure risk reads: oldest first, jobs of finished runs, and runs GitHub listed without what the
// history needs counted and named instead of silently dropped.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ActionsClient } from '../../server/src/engine/github/api/actionsClient';
import { leftOutNote, LENS_HISTORY, RepoRunHistory } from '../../server/src/engine/model/runs/repoRunHistory';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import { VirtualClock } from '../support/virtualClock';

const ref = { owner: 'octo', repo: 'models' };
const runsPath = /\/actions\/runs$/;
let clock: VirtualClock;
let standIn: ActionsStandIn;
let history: RepoRunHistory;
let workflowId = 0;

beforeEach(async () => {
  clock = new VirtualClock();
  standIn = new ActionsStandIn({ now: () => clock.now() });
  standIn.state.addRepo(ref.owner, ref.repo);
  workflowId = standIn.state.addWorkflow(ref.owner, ref.repo, 'CI', '.github/workflows/ci.yml').id;
  history = new RepoRunHistory(
    new ActionsClient({ token: 't', baseUrl: await standIn.listen(), clock, retryDelayMs: 1 }),
    ref,
  );
});

afterEach(async () => {
  await standIn.close();
});

describe('RepoRunHistory', () => {
  it('returns the runs oldest first with the jobs of finished ones, and nothing left out', async () => {
    const hourAgo = clock.now() - 3_600_000;
    const first = standIn.state.at(hourAgo, () =>
      standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Test'] }] }),
    );
    const second = standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Test'] }] });
    standIn.state.completeRun(first.id);
    const fetched = await history.fetch(LENS_HISTORY);
    assert.ok(fetched);
    assert.deepEqual(
      fetched.runs.map((r) => r.source),
      [`GitHub run ${first.id}`, `GitHub run ${second.id}`],
    );
    assert.equal(fetched.runs[0]?.jobs?.length, 1);
    assert.equal(fetched.leftOut, 0);
    assert.equal(leftOutNote(fetched), '');
  });

  it('counts a run without a readable creation time and says so, keeping the others', async () => {
    const kept = standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Test'] }] });
    const client = new ActionsClient({ token: 't', baseUrl: standIn.url, clock, retryDelayMs: 1 });
    const valid = await client.getRun(ref, kept.id);
    const undated = { ...valid, id: kept.id + 1, created_at: 'last Tuesday' };
    standIn.injectFault(
      { kind: 'raw', body: JSON.stringify({ total_count: 2, workflow_runs: [undated, valid] }) },
      1,
      runsPath,
    );
    const fetched = await history.fetch(LENS_HISTORY);
    assert.ok(fetched);
    assert.deepEqual(
      fetched.runs.map((r) => r.source),
      [`GitHub run ${kept.id}`],
    );
    assert.equal(fetched.leftOut, 1);
    assert.match(
      leftOutNote(fetched),
      /^ 1 run GitHub listed without an id or a readable creation time was left out\.$/,
    );
  });
});
