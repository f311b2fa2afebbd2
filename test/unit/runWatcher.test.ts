// The run watcher on a virtual clock against the stand-in: snapshots as a run moves queued -> in_progress -> completed,
// adaptive intervals, pause/resume, refresh after an action, and the panel states for errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { PipelineRunsSnapshot } from '../../protocol/pipelineRuns';
import { ActionsClient } from '../../server/src/engine/github/api/actionsClient';
import { nextPollDelay, DEFAULT_INTERVALS } from '../../server/src/engine/github/api/pollingPolicy';
import { RunWatcher, type WatchTarget } from '../../server/src/engine/github/api/runWatcher';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import type { RunState } from '../support/github/actionsState';
import { VirtualClock } from '../support/virtualClock';

const target: WatchTarget = { repository: { owner: 'octo', repo: 'models' }, branch: 'main', headSha: null };
let clock: VirtualClock;
let standIn: ActionsStandIn;
let client: ActionsClient;
let snapshots: PipelineRunsSnapshot[];
let watcher: RunWatcher;
let workflowId = 0;

function watch(options: { client?: ActionsClient | undefined; target?: WatchTarget } = {}): RunWatcher {
  watcher = new RunWatcher({
    client: 'client' in options ? options.client : client,
    target: options.target ?? target,
    clock,
    onSnapshot: (s) => snapshots.push(s),
  });
  return watcher;
}

/** What the panel should show for a run, computed from the stand-in's own state. */
function expectedView(run: RunState): unknown {
  return {
    status: run.status,
    conclusion: run.conclusion,
    jobs: standIn.state.latestJobs(run).map((j) => ({
      name: j.name,
      status: j.status,
      conclusion: j.conclusion,
      steps: j.steps.map((s) => [s.number, s.status, s.conclusion]),
    })),
  };
}

function shownView(snapshot: PipelineRunsSnapshot | undefined, runId: number): unknown {
  const run = snapshot?.runs.find((r) => r.id === runId);
  return (
    run && {
      status: run.status,
      conclusion: run.conclusion,
      jobs: (run.jobs ?? []).map((j) => ({
        name: j.name,
        status: j.status,
        conclusion: j.conclusion,
        steps: j.steps.map((s) => [s.number, s.status, s.conclusion]),
      })),
    }
  );
}

beforeEach(async () => {
  clock = new VirtualClock();
  standIn = new ActionsStandIn({ now: () => clock.now() });
  standIn.state.addRepo('octo', 'models');
  workflowId = standIn.state.addWorkflow('octo', 'models', 'CI', '.github/workflows/ci.yml').id;
  client = new ActionsClient({ token: 't', baseUrl: await standIn.listen(), clock, retryDelayMs: 1, retries: 0 });
  snapshots = [];
});

afterEach(async () => {
  watcher.stop();
  await standIn.close();
});

describe('run watcher', () => {
  it('emits a snapshot for each change as a run goes queued -> in_progress -> completed, and none when nothing changed', async () => {
    const run = standIn.state.addRun({
      workflowId,
      branch: 'main',
      jobs: [
        { name: 'lint', steps: ['Checkout', 'Lint'] },
        { name: 'test', steps: ['Checkout', 'Test'] },
      ],
    });
    standIn.state.addRun({ workflowId, branch: 'other', jobs: [{ name: 'x', steps: ['y'] }] });
    await watch().start();
    assert.equal(snapshots.length, 1);
    assert.deepEqual(snapshots[0]?.state, { kind: 'ok' });
    assert.deepEqual(
      snapshots[0]?.runs.map((r) => r.id),
      [run.id],
      'only runs of the watched branch',
    );
    assert.deepEqual(shownView(snapshots[0], run.id), expectedView(run));

    await clock.advance(DEFAULT_INTERVALS.activeMs);
    assert.equal(snapshots.length, 1, 'unchanged poll emits nothing');

    standIn.state.startRun(run.id);
    await clock.advance(DEFAULT_INTERVALS.activeMs);
    assert.equal(snapshots.length, 2);
    assert.deepEqual(shownView(snapshots[1], run.id), expectedView(run));

    standIn.state.advanceStep(run.id, 'test');
    await clock.advance(DEFAULT_INTERVALS.activeMs);
    assert.equal(snapshots.length, 3, 'a step moving on is a change even when the run list is unchanged');
    assert.deepEqual(shownView(snapshots[2], run.id), expectedView(run));

    standIn.state.completeRun(run.id, ['test']);
    await clock.advance(DEFAULT_INTERVALS.activeMs);
    assert.equal(snapshots.length, 4);
    assert.deepEqual(shownView(snapshots[3], run.id), expectedView(run));
    assert.equal(snapshots[3]?.runs[0]?.conclusion, 'failure');

    // Idle now: the next poll comes after the idle interval, and it is all 304s or nothing.
    standIn.clearLog();
    await clock.advance(DEFAULT_INTERVALS.idleMs - 1);
    assert.equal(standIn.requests.length, 0);
    await clock.advance(1);
    assert.deepEqual(
      standIn.requests.map((r) => r.status),
      [304],
      'jobs of a completed, unchanged run are not fetched again',
    );
  });

  it('polls fast while a run is active and slowly when idle', () => {
    const base = { now: 0, fastUntil: 0, consecutiveErrors: 0, blockedUntil: undefined };
    assert.equal(nextPollDelay({ ...base, anyActive: true }), DEFAULT_INTERVALS.activeMs);
    assert.equal(nextPollDelay({ ...base, anyActive: false }), DEFAULT_INTERVALS.idleMs);
    assert.equal(nextPollDelay({ ...base, anyActive: false, fastUntil: 10 }), DEFAULT_INTERVALS.activeMs);
    assert.equal(nextPollDelay({ ...base, anyActive: true, consecutiveErrors: 3 }), DEFAULT_INTERVALS.activeMs * 8);
    assert.equal(nextPollDelay({ ...base, anyActive: true, consecutiveErrors: 30 }), DEFAULT_INTERVALS.maxBackoffMs);
    assert.equal(nextPollDelay({ ...base, anyActive: true, blockedUntil: 120_000 }), 121_000);
  });

  it('paused: no requests at all; resume polls at once and shows what changed meanwhile', async () => {
    const run = standIn.state.addRun({ workflowId, branch: 'main', jobs: [{ name: 'a', steps: ['x'] }] });
    await watch().start();
    watcher.pause();
    assert.equal(snapshots.at(-1)?.paused, true);
    standIn.clearLog();
    standIn.state.completeRun(run.id);
    await clock.advance(3_600_000);
    assert.equal(standIn.requests.length, 0);
    await watcher.resume();
    assert.equal(snapshots.at(-1)?.paused, false);
    assert.equal(snapshots.at(-1)?.runs[0]?.status, 'completed');
  });

  it('after an action: refreshes at once and keeps polling fast until the new attempt shows', async () => {
    const run = standIn.state.addRun({ workflowId, branch: 'main', jobs: [{ name: 'a', steps: ['x'] }] });
    standIn.state.completeRun(run.id, ['a']);
    await watch().start();
    await client.rerunFailedJobs(target.repository ?? { owner: '', repo: '' }, run.id);
    await watcher.afterAction();
    assert.equal(snapshots.at(-1)?.runs[0]?.status, 'queued');
    assert.equal(snapshots.at(-1)?.runs[0]?.run_attempt, 2);
    standIn.clearLog();
    await clock.advance(DEFAULT_INTERVALS.activeMs);
    assert.ok(standIn.requests.length > 0, 'fast poll after the action');
  });

  it('states: signed out, no remote, no runs, offline (keeping the last runs), rate limited, permission denied', async () => {
    await watch({ client: undefined }).start();
    assert.equal(snapshots.at(-1)?.state.kind, 'signedOut');
    watcher.stop();
    await watch({ target: { repository: null, branch: 'main', headSha: null } }).start();
    assert.equal(snapshots.at(-1)?.state.kind, 'noRemote');
    watcher.stop();
    await watch().start();
    assert.equal(snapshots.at(-1)?.state.kind, 'noRuns');
    watcher.stop();

    standIn.state.addRun({ workflowId, branch: 'main', jobs: [{ name: 'a', steps: ['x'] }] });
    await watch().start();
    standIn.injectFault({ kind: 'drop' }, 1);
    await watcher.pollNow();
    assert.equal(snapshots.at(-1)?.state.kind, 'offline');
    assert.equal(snapshots.at(-1)?.runs.length, 1, 'last runs stay on screen');
    await clock.advance(DEFAULT_INTERVALS.activeMs * 2); // backoff after one error, then recovery
    assert.equal(snapshots.at(-1)?.state.kind, 'ok');

    standIn.setRateLimit(0, clock.now() + 600_000);
    await watcher.pollNow();
    const limited = snapshots.at(-1)?.state;
    assert.equal(limited?.kind, 'rateLimited');
    assert.equal(
      limited?.kind === 'rateLimited' ? Date.parse(limited.until) : 0,
      Math.ceil((clock.now() + 600_000) / 1000) * 1000,
    );
    standIn.clearLog();
    await clock.advance(590_000);
    assert.equal(standIn.requests.length, 0, 'no polls until the reset');
    await clock.advance(12_000);
    assert.equal(snapshots.at(-1)?.state.kind, 'ok');

    standIn.requireToken('t', []);
    watcher.stop();
    await watch({ target: { repository: { owner: 'octo', repo: 'secret' }, branch: 'main', headSha: null } }).start();
    assert.equal(snapshots.at(-1)?.state.kind, 'permissionDenied');
  });

  it('counts the runs GitHub listed without the fields Preflight reads, shows the others, and forgets the count once the list is whole', async () => {
    const run = standIn.state.addRun({ workflowId, branch: 'main', jobs: [{ name: 'a', steps: ['x'] }] });
    const valid = await client.getRun(target.repository ?? { owner: '', repo: '' }, run.id);
    standIn.injectFault(
      {
        kind: 'raw',
        body: JSON.stringify({
          total_count: 3,
          workflow_runs: [null, { ...valid, id: run.id + 1, created_at: 'soon' }, valid],
        }),
      },
      1,
      /\/actions\/runs$/,
    );
    await watch().start();
    assert.deepEqual(
      snapshots.at(-1)?.runs.map((r) => r.id),
      [run.id],
    );
    assert.equal(snapshots.at(-1)?.leftOut, 2);
    await watcher.pollNow();
    assert.equal(snapshots.at(-1)?.leftOut, undefined);
  });

  it('detached HEAD: watches the runs of the commit', async () => {
    const mine = standIn.state.addRun({
      workflowId,
      branch: 'main',
      headSha: 'c'.repeat(40),
      jobs: [{ name: 'a', steps: ['x'] }],
    });
    standIn.state.addRun({ workflowId, branch: 'main', jobs: [{ name: 'a', steps: ['x'] }] });
    await watch({ target: { repository: target.repository, branch: null, headSha: 'c'.repeat(40) } }).start();
    assert.deepEqual(
      snapshots.at(-1)?.runs.map((r) => r.id),
      [mine.id],
    );
  });
});
