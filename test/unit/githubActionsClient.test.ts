// The Actions client against the stateful stand-in: conditional requests, pagination, rate limits, failures and recovery,
// single flight, and the messages users see for refused actions.
import assert from 'node:assert/strict';
import net from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ActionsClient } from '../../server/src/engine/github/api/actionsClient';
import { GitHubApiError } from '../../server/src/engine/github/api/githubApiError';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import { VirtualClock } from '../support/virtualClock';

const ref = { owner: 'octo', repo: 'models' };
let clock: VirtualClock;
let standIn: ActionsStandIn;
let client: ActionsClient;
let workflowId = 0;

function addRuns(count: number, branch = 'main'): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(standIn.state.addRun({ workflowId, branch, jobs: [{ name: 'build', steps: ['Checkout', 'Test'] }] }).id);
  return ids;
}

async function rejection(promise: Promise<unknown>): Promise<GitHubApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubApiError, `expected a GitHubApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

beforeEach(async () => {
  clock = new VirtualClock();
  standIn = new ActionsStandIn({ now: () => clock.now() });
  standIn.state.addRepo('octo', 'models');
  workflowId = standIn.state.addWorkflow('octo', 'models', 'CI', '.github/workflows/ci.yml').id;
  client = new ActionsClient({ token: 'secret-token', baseUrl: await standIn.listen(), clock, retryDelayMs: 1 });
});

afterEach(async () => {
  await standIn.close();
});

describe('conditional requests', () => {
  it('sends If-None-Match, treats 304 as unchanged with the cached body, and 304s cost no rate limit', async () => {
    addRuns(3);
    const first = await client.listRuns({ ...ref, branch: 'main' });
    const remainingAfterFirst = standIn.rateLimitRemaining;
    const second = await client.listRuns({ ...ref, branch: 'main' });
    assert.equal(first.changed, true);
    assert.equal(second.changed, false);
    assert.deepEqual(second.items, first.items);
    assert.equal(standIn.rateLimitRemaining, remainingAfterFirst);
    const [a, b] = standIn.requests;
    assert.equal(a?.ifNoneMatch, undefined);
    assert.match(b?.ifNoneMatch ?? '', /^W\/"[0-9a-f]{40}"$/);
    assert.equal(b?.status, 304);
    // A change on GitHub's side turns the next conditional request into a 200 with the new data.
    standIn.state.startRun(first.items[0]?.id ?? 0);
    const third = await client.listRuns({ ...ref, branch: 'main' });
    assert.equal(third.changed, true);
    assert.equal(third.items[0]?.status, 'in_progress');
    assert.equal(standIn.rateLimitRemaining, remainingAfterFirst - 1);
  });
});

describe('pagination', () => {
  it('follows Link rel="next" up to maxPages and caches each page', async () => {
    const ids = addRuns(25);
    const listed = await client.listRuns({ ...ref, branch: 'main', perPage: 10, maxPages: 5 });
    assert.equal(listed.totalCount, 25);
    assert.deepEqual(
      listed.items.map((r) => r.id),
      [...ids].reverse(),
    );
    assert.deepEqual(
      standIn.requests.map((r) => r.query['page'] ?? '1'),
      ['1', '2', '3'],
    );
    const limited = await client.listRuns({ ...ref, branch: 'main', perPage: 10, maxPages: 2 });
    assert.equal(limited.items.length, 20);
    assert.equal(limited.changed, false);
    assert.deepEqual(
      standIn.requests.slice(3).map((r) => r.status),
      [304, 304],
    );
  });

  it('lists more than 100 jobs of a run over two pages', async () => {
    const run = standIn.state.addRun({
      workflowId,
      jobs: Array.from({ length: 130 }, (_, i) => ({ name: `shard ${i}`, steps: ['Test'] })),
    });
    const jobs = await client.listJobs(ref, run.id);
    assert.equal(jobs.items.length, 130);
    assert.deepEqual(
      jobs.items.map((j) => j.name),
      run.jobs.map((j) => j.name),
    );
  });
});

describe('rate limits', () => {
  it('primary: 403 with remaining 0 says until when, and no request leaves before the reset', async () => {
    addRuns(1);
    const reset = clock.now() + 20 * 60_000;
    standIn.setRateLimit(0, reset);
    const error = await rejection(client.listRuns({ ...ref }));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAt, Math.ceil(reset / 1000) * 1000);
    assert.match(error.message, /rate limit.*until 09:20 UTC/);
    const sent = standIn.requests.length;
    await rejection(client.listRuns({ ...ref }));
    assert.equal(standIn.requests.length, sent, 'no request while limited');
    await clock.advanceTo(reset + 1000);
    assert.equal((await client.listRuns({ ...ref })).items.length, 1);
  });

  it('secondary: 429 and 403 with retry-after block for exactly that long', async () => {
    addRuns(1);
    for (const status of [429, 403] as const) {
      standIn.injectFault({ kind: 'secondaryLimit', status, retryAfterSeconds: 90 });
      const error = await rejection(client.listRuns({ ...ref }));
      assert.equal(error.kind, 'rateLimited');
      assert.equal(client.rateLimit.blockedAt(clock.now()), clock.now() + 90_000);
      await clock.advance(89_000);
      await rejection(client.listRuns({ ...ref }));
      await clock.advance(1_000);
      assert.equal((await client.listRuns({ ...ref })).items.length, 1);
    }
  });

  it('tracks x-ratelimit-* from every reply', async () => {
    standIn.setRateLimit(42, clock.now() + 60_000, 5000);
    await client.listRuns({ ...ref });
    const state = client.rateLimit.state(clock.now());
    assert.deepEqual([state.limit, state.remaining, state.blockedUntil], [5000, 41, undefined]);
  });
});

describe('failures and recovery', () => {
  it('retries 5xx and dropped connections, then succeeds', async () => {
    addRuns(2);
    standIn.injectFault({ kind: 'status', status: 502 });
    standIn.injectFault({ kind: 'drop' });
    const listed = await client.listRuns({ ...ref });
    assert.equal(listed.items.length, 2);
    assert.deepEqual(
      standIn.requests.map((r) => r.status),
      [502, 0, 200],
    );
  });

  it('after the retries: a clear server or offline error', async () => {
    standIn.injectFault({ kind: 'status', status: 503 }, 3);
    assert.match((await rejection(client.listRuns({ ...ref }))).message, /GitHub is having trouble \(HTTP 503\)/);
    standIn.injectFault({ kind: 'drop' }, 3);
    const offline = await rejection(client.listRuns({ ...ref }));
    assert.equal(offline.kind, 'offline');
    assert.match(offline.message, /Cannot reach GitHub/);
  });

  it('a slow GitHub: a held reply waits until released, then arrives whole; other paths are not held', async () => {
    addRuns(2);
    const release = standIn.hold(/\/actions\/runs$/);
    let answered = false;
    const arrived = standIn.arrival(/\/actions\/runs$/);
    const listing = client.listRuns({ ...ref }).then((listed) => {
      answered = true;
      return listed;
    });
    // The runs request has reached the server; a request sent after it is answered in full meanwhile.
    await arrived;
    await client.listWorkflows(ref);
    assert.equal(answered, false, 'the runs list is still held');
    release();
    assert.equal((await listing).items.length, 2);
    assert.deepEqual(
      standIn.requests.map((r) => [r.path.replace(/^.*\/actions\//, ''), r.status]),
      [
        ['workflows', 200],
        ['runs', 200],
      ],
    );
  });

  it('unreachable host: offline', async () => {
    const nowhere = new ActionsClient({ token: 't', baseUrl: 'http://127.0.0.1:9', retries: 0 });
    assert.equal((await rejection(nowhere.listRuns({ ...ref }))).kind, 'offline');
  });
});

describe('single flight', () => {
  it('concurrent calls for one endpoint share one request; different endpoints go in parallel', async () => {
    const [a, b] = addRuns(2);
    const results = await Promise.all([
      client.listRuns({ ...ref }),
      client.listRuns({ ...ref }),
      client.listRuns({ ...ref }),
      client.listJobs(ref, a ?? 0),
      client.listJobs(ref, a ?? 0),
      client.listJobs(ref, b ?? 0),
    ]);
    assert.equal(results.length, 6);
    assert.equal(standIn.requests.filter((r) => r.path.endsWith('/actions/runs')).length, 1);
    assert.equal(standIn.requests.filter((r) => r.path.endsWith(`/runs/${a ?? 0}/jobs`)).length, 1);
    assert.equal(standIn.requests.filter((r) => r.path.endsWith(`/runs/${b ?? 0}/jobs`)).length, 1);
  });
});

describe('actions and their messages', () => {
  it('rerun failed jobs re-runs only the failed job in a new attempt; cancel of a completed run says so (409)', async () => {
    const run = standIn.state.addRun({
      workflowId,
      jobs: [
        { name: 'lint', steps: ['Lint'] },
        { name: 'test', steps: ['Test'] },
      ],
    });
    standIn.state.completeRun(run.id, ['test']);
    const cancel = await rejection(client.cancelRun(ref, run.id));
    assert.equal(cancel.kind, 'conflict');
    assert.equal(cancel.message, `Cannot cancel run ${run.id}: the run already completed (409).`);
    await client.rerunFailedJobs(ref, run.id);
    const latest = await client.listJobs(ref, run.id);
    assert.deepEqual(
      latest.items.map((j) => [j.name, j.run_attempt, j.status, j.conclusion]),
      [
        ['lint', 2, 'completed', 'success'],
        ['test', 2, 'queued', null],
      ],
    );
    assert.equal((await client.listJobs(ref, run.id, 'all')).items.length, 4);
    await client.cancelRun(ref, run.id);
    assert.equal((await client.getRun(ref, run.id)).conclusion, 'cancelled');
  });

  it('rerun one job and rerun the whole run', async () => {
    const run = standIn.state.addRun({
      workflowId,
      jobs: [
        { name: 'lint', steps: ['Lint'] },
        { name: 'test', steps: ['Test'] },
      ],
    });
    standIn.state.completeRun(run.id);
    const lint = (await client.listJobs(ref, run.id)).items[0];
    await client.rerunJob(ref, lint?.id ?? 0);
    assert.deepEqual(
      (await client.listJobs(ref, run.id)).items.map((j) => j.status),
      ['queued', 'completed'],
    );
    standIn.state.completeRun(run.id);
    await client.rerunRun(ref, run.id);
    const rerun = await client.getRun(ref, run.id);
    assert.deepEqual([rerun.run_attempt, rerun.status], [3, 'queued']);
  });

  it('403 without the repo scope, 401 for a bad token, 404 for an unknown repository', async () => {
    const run = standIn.state.addRun({ workflowId, jobs: [{ name: 'a', steps: ['x'] }] });
    standIn.requireToken('secret-token', []);
    const forbidden = await rejection(client.cancelRun(ref, run.id));
    assert.equal(forbidden.kind, 'forbidden');
    assert.equal(
      forbidden.message,
      'The GitHub token lacks the repo scope or access to octo/models (403): sign in again and grant it.',
    );
    const wrong = new ActionsClient({ token: 'stale-token', baseUrl: standIn.url, clock });
    const unauthorized = await rejection(wrong.listRuns({ ...ref }));
    assert.equal(unauthorized.message, 'GitHub rejected the token (401): sign in to GitHub again.');
    const missing = await rejection(client.listRuns({ owner: 'octo', repo: 'nope' }));
    assert.equal(missing.message, 'Repository octo/nope not found, or the token has no access to it (404).');
    for (const e of [forbidden, unauthorized, missing])
      assert.ok(!e.message.includes('secret-token') && !e.message.includes('stale-token'));
  });

  it('a job log follows the 302 to the blob URL and returns its text', async () => {
    const run = standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Checkout', 'Test'] }] });
    standIn.state.completeRun(run.id, ['test']);
    const job = run.jobs[0];
    const log = await client.jobLog(ref, job?.id ?? 0);
    assert.equal(log.text, job?.log);
    assert.match(log.text, /##\[error\]Process completed with exit code 1\./);
    assert.deepEqual(
      standIn.requests.map((r) => r.status),
      [302, 200],
    );
  });
});

/** A loopback port nothing listens on (fetch refuses some well-known ports, such as 9, before connecting). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

describe('hostile replies and broken connections', () => {
  const runsPath = /\/actions\/runs$/;

  it('a GitHub that never answers ends in a timeout, and the endpoint is free again afterwards', async () => {
    addRuns(1);
    const impatient = new ActionsClient({ token: 't', baseUrl: standIn.url, clock, retries: 0, timeoutMs: 30_000 });
    standIn.injectFault({ kind: 'silent' }, 1, runsPath);
    const arrived = standIn.arrival(runsPath);
    const listing = rejection(impatient.listRuns({ ...ref }));
    await arrived;
    await clock.advance(30_000);
    const hung = await listing;
    assert.equal(hung.kind, 'offline');
    assert.match(hung.message, /did not answer within 30 s/);
    // The shared in-flight request is gone with the deadline: the next call is sent and answered.
    assert.equal((await impatient.listRuns({ ...ref })).items.length, 1);
  });

  it('a reply dripping a byte at a time ends in the same timeout, and is retried like other passing failures', async () => {
    addRuns(1);
    const impatient = new ActionsClient({
      token: 't',
      baseUrl: standIn.url,
      clock,
      retries: 1,
      retryDelayMs: 1,
      timeoutMs: 30_000,
    });
    standIn.injectFault({ kind: 'drip', intervalMs: 20 }, 1, runsPath);
    const arrived = standIn.arrival(runsPath);
    const listing = impatient.listRuns({ ...ref });
    await arrived;
    await clock.advance(30_000);
    const listed = await listing;
    assert.equal(listed.items.length, 1);
    assert.deepEqual(
      standIn.requests.map((r) => r.status),
      [200, 200],
      'the dripping reply, then the retried one',
    );
  });

  it('items that are null, numbers, lack an id or have no readable created_at are left out and counted; the valid ones are kept', async () => {
    const [good] = addRuns(1);
    const valid = await client.getRun(ref, good ?? 0);
    const undated = { ...valid, id: 999_001, created_at: 'yesterday' };
    standIn.injectFault(
      {
        kind: 'raw',
        body: JSON.stringify({ total_count: 5, workflow_runs: [null, 7, { id: 'x', status: 42 }, undated, valid] }),
      },
      1,
      runsPath,
    );
    const listed = await client.listRuns({ ...ref });
    assert.deepEqual(
      listed.items.map((r) => r.id),
      [good],
    );
    assert.equal(listed.malformed, 4);
  });

  it('a reply that never ends is cut at the size limit and not asked for again', async () => {
    standIn.injectFault({ kind: 'endless' }, 1, runsPath);
    const huge = await rejection(client.listRuns({ ...ref }));
    assert.match(huge.message, /larger than 32 MB/);
    assert.equal(standIn.requests.length, 1);
  });

  it('a body that is not JSON is a broken reply, retried, then reported as such', async () => {
    standIn.injectFault({ kind: 'raw', body: '{"total_count": 1, "workflow_runs": [ {"id": 1,' }, 3, runsPath);
    const broken = await rejection(client.listRuns({ ...ref }));
    assert.equal(broken.kind, 'server');
    assert.match(broken.message, /broken reply \(the reply is not valid JSON/);
    assert.equal(standIn.requests.length, 3);
  });

  it('a re-run whose connection resets after GitHub carried it out is not sent again, and the message says to look', async () => {
    const run = standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Test'] }] });
    standIn.state.completeRun(run.id, ['test']);
    standIn.injectFault({ kind: 'resetAfterHandling' }, 1, /rerun-failed-jobs$/);
    const unconfirmed = await rejection(client.rerunFailedJobs(ref, run.id));
    assert.match(
      unconfirmed.message,
      /did not confirm the request to re-run the failed jobs of run \d+ .*It may have gone through: refresh/,
    );
    assert.equal(standIn.requests.filter((r) => r.method === 'POST').length, 1, 'the write left once');
    assert.equal((await client.getRun(ref, run.id)).run_attempt, 2, 'and GitHub did carry it out once');
  });

  it('a re-run answered with 502 is not repeated either; a refused connection (never sent) is', async () => {
    const run = standIn.state.addRun({ workflowId, jobs: [{ name: 'test', steps: ['Test'] }] });
    standIn.state.completeRun(run.id, ['test']);
    standIn.injectFault({ kind: 'status', status: 502 }, 1, /rerun$/);
    assert.match((await rejection(client.rerunRun(ref, run.id))).message, /did not confirm .*HTTP 502/);
    assert.equal(standIn.requests.filter((r) => r.method === 'POST').length, 1);
    const refused = new ActionsClient({
      token: 't',
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retries: 2,
      retryDelayMs: 1,
    });
    assert.equal((await rejection(refused.rerunRun(ref, run.id))).kind, 'offline');
  });
});
