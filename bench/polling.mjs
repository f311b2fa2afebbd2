// Live run status: what polling costs and how fast it shows changes. Both cases run on a virtual clock against the Actions
// stand-in (real HTTP, every reply checked against GitHub's OpenAPI description), so an hour takes seconds and the counts
// do not depend on machine speed.
//  1. One hour of a watched idle branch (five finished runs). Target (issue 6): at most one rate-limited request (a non-304)
//     per minute once the first load is done. Anchor: the official GitHub Actions extension refreshes by hand and sends no
//     ETags; the freshness our watcher gives (60 s) costs it one full list + jobs refresh a minute, every one counted.
//  2. A run re-run by the user, in progress for ten minutes with a step changing every 23 s. Target: every change visible
//     within 5 s. Anchor: the official extension after a rerun polls the run and its jobs every 1 s without ETags.
// Counts are the stand-in's own request log: `counted` = requests that cost rate limit (not 304).
import path from 'node:path';
import { createRequire } from 'node:module';
import { machineLine, ratio, repoRoot } from './lib/stats.mjs';

const TARGET_COUNTED_PER_MINUTE = 1;
const TARGET_LATENCY_MS = 5_000;
const HOUR = 3_600_000;
const ACTIVE_MS = 10 * 60_000;
const STEP_EVERY_MS = 23_000;
/** Changes fall between polls, not on them (both pollers tick on whole seconds). */
const CHANGE_OFFSET_MS = 1_700;
const ANCHOR_INTERVAL_MS = 1_000;

const root = repoRoot();
const require = createRequire(import.meta.url);
const { ActionsStandIn } = require(path.join(root, 'out/test/support/github/actionsStandIn.js'));
const { VirtualClock } = require(path.join(root, 'out/test/support/virtualClock.js'));
const { ActionsClient } = require(path.join(root, 'out/server/src/engine/github/api/actionsClient.js'));
const { RunWatcher } = require(path.join(root, 'out/server/src/engine/github/api/runWatcher.js'));

const repository = { owner: 'octo', repo: 'models' };
const JOBS = [
  { name: 'lint', steps: ['Set up job', 'Checkout', 'Lint', 'Complete job'] },
  { name: 'train', steps: Array.from({ length: 30 }, (_, i) => `Step ${i + 1}`) },
];

async function world() {
  const clock = new VirtualClock();
  const standIn = new ActionsStandIn({ now: () => clock.now() });
  standIn.state.addRepo(repository.owner, repository.repo);
  const workflow = standIn.state.addWorkflow(repository.owner, repository.repo, 'Train', '.github/workflows/train.yml');
  for (let i = 0; i < 5; i++)
    standIn.state.completeRun(standIn.state.addRun({ workflowId: workflow.id, branch: 'main', jobs: JOBS }).id);
  const url = await standIn.listen();
  return { clock, standIn, url, workflow };
}

/** Counted (non-304) requests per minute after `from`, and the worst minute. */
function perMinute(requests, from, to) {
  const buckets = new Array(Math.ceil((to - from) / 60_000)).fill(0);
  for (const r of requests) if (r.counted && r.at >= from && r.at < to) buckets[Math.floor((r.at - from) / 60_000)]++;
  return { max: Math.max(...buckets), total: buckets.reduce((a, b) => a + b, 0) };
}

function summary(requests) {
  return {
    total: requests.length,
    counted: requests.filter((r) => r.counted).length,
    notModified: requests.filter((r) => r.status === 304).length,
  };
}

async function idleOurs() {
  const { clock, standIn, url } = await world();
  const client = new ActionsClient({ token: 't', baseUrl: url, clock, retries: 0 });
  const watcher = new RunWatcher({
    client,
    target: { repository, branch: 'main', headSha: null },
    clock,
    onSnapshot: () => undefined,
  });
  const start = clock.now();
  await watcher.start();
  const firstLoad = summary(standIn.requests);
  await clock.advanceTo(start + HOUR);
  watcher.stop();
  const all = summary(standIn.requests);
  const steady = perMinute(standIn.requests, start + 1, start + HOUR);
  await standIn.close();
  return { firstLoad, all, steady };
}

/** The anchor's refresh: list the branch's runs, then each shown run's jobs, no If-None-Match. */
async function idleAnchor() {
  const { clock, standIn, url } = await world();
  const start = clock.now();
  for (let t = start; t < start + HOUR; t += 60_000) {
    await clock.advanceTo(t);
    const runs = await (
      await fetch(`${url}/repos/${repository.owner}/${repository.repo}/actions/runs?branch=main&per_page=10`)
    ).json();
    for (const run of runs.workflow_runs)
      await (await fetch(`${url}/repos/${repository.owner}/${repository.repo}/actions/runs/${run.id}/jobs`)).text();
  }
  const all = summary(standIn.requests);
  const steady = perMinute(standIn.requests, start + 1, start + HOUR);
  await standIn.close();
  return { all, steady };
}

/** Schedules the active run's life on the clock; returns the change times so latency can be measured. */
function scheduleRun(clock, standIn, runId) {
  const start = clock.now();
  const changes = [];
  const at = (ms, change) => {
    changes.push(start + ms);
    clock.setTimeout(change, ms);
  };
  at(CHANGE_OFFSET_MS + 5_000, () => standIn.state.startRun(runId));
  let step = 0;
  for (let t = CHANGE_OFFSET_MS + 5_000 + STEP_EVERY_MS; t < ACTIVE_MS; t += STEP_EVERY_MS) {
    step++;
    at(t, step === 2 ? () => standIn.state.finishJob(runId, 'lint') : () => standIn.state.advanceStep(runId, 'train'));
  }
  at(ACTIVE_MS + CHANGE_OFFSET_MS, () => standIn.state.completeRun(runId));
  return changes;
}

/** Latency from each change to the first observation after it. */
function latencies(changes, observedAt) {
  return changes.map((c) => {
    const seen = observedAt.find((o) => o >= c);
    return seen === undefined ? Number.POSITIVE_INFINITY : seen - c;
  });
}

async function activeOurs() {
  const { clock, standIn, url, workflow } = await world();
  const run = standIn.state.addRun({ workflowId: workflow.id, branch: 'main', jobs: JOBS });
  const client = new ActionsClient({ token: 't', baseUrl: url, clock, retries: 0 });
  const emitted = [];
  const watcher = new RunWatcher({
    client,
    target: { repository, branch: 'main', headSha: null },
    clock,
    onSnapshot: () => emitted.push(clock.now()),
  });
  const start = clock.now();
  await watcher.start();
  standIn.clearLog();
  const changes = scheduleRun(clock, standIn, run.id);
  await watcher.afterAction(); // the user just clicked re-run
  await clock.advanceTo(start + ACTIVE_MS + 10_000);
  watcher.stop();
  const result = { requests: summary(standIn.requests), latency: latencies(changes, emitted) };
  await standIn.close();
  return result;
}

async function activeAnchor() {
  const { clock, standIn, url, workflow } = await world();
  const run = standIn.state.addRun({ workflowId: workflow.id, branch: 'main', jobs: JOBS });
  const start = clock.now();
  const changes = scheduleRun(clock, standIn, run.id);
  const observed = [];
  let last = '';
  const api = `${url}/repos/${repository.owner}/${repository.repo}/actions/runs/${run.id}`;
  for (let t = start; t <= start + ACTIVE_MS + 10_000; t += ANCHOR_INTERVAL_MS) {
    await clock.advanceTo(t);
    const body = `${await (await fetch(api)).text()}${await (await fetch(`${api}/jobs`)).text()}`;
    if (body !== last) observed.push(clock.now());
    last = body;
  }
  const result = { requests: summary(standIn.requests), latency: latencies(changes, observed) };
  await standIn.close();
  return result;
}

console.log(machineLine());
let failed = false;

const [ours, anchor] = [await idleOurs(), await idleAnchor()];
console.log('\nidle branch, one hour (5 finished runs):');
console.log(
  `  ours:   ${ours.all.total} requests, ${ours.all.counted} rate-limited (${ours.firstLoad.counted} of them the first load), ${ours.all.notModified} answered 304; worst minute after the first load: ${ours.steady.max} rate-limited`,
);
console.log(
  `  anchor: ${anchor.all.total} requests, ${anchor.all.counted} rate-limited (official GitHub Actions extension, refresh each minute, no ETags)`,
);
console.log(
  `  rate-limited requests: ${ratio(ours.all.counted, anchor.all.counted)} (target: <= ${TARGET_COUNTED_PER_MINUTE} per minute)`,
);
if (ours.steady.max > TARGET_COUNTED_PER_MINUTE) {
  console.log(`  MISSED: ${ours.steady.max} rate-limited requests in one minute`);
  failed = true;
}

const [liveOurs, liveAnchor] = [await activeOurs(), await activeAnchor()];
const worst = (l) => Math.max(...l);
const mean = (l) => l.reduce((a, b) => a + b, 0) / l.length;
console.log(`\nrun in progress after a re-run, ${ACTIVE_MS / 60_000} min, ${liveOurs.latency.length} changes:`);
console.log(
  `  ours:   ${liveOurs.requests.total} requests, ${liveOurs.requests.counted} rate-limited, ${liveOurs.requests.notModified} answered 304; change -> snapshot mean ${(mean(liveOurs.latency) / 1000).toFixed(1)} s, worst ${(worst(liveOurs.latency) / 1000).toFixed(1)} s`,
);
console.log(
  `  anchor: ${liveAnchor.requests.total} requests, ${liveAnchor.requests.counted} rate-limited (1 s polling, no ETags); change -> seen mean ${(mean(liveAnchor.latency) / 1000).toFixed(1)} s, worst ${(worst(liveAnchor.latency) / 1000).toFixed(1)} s`,
);
console.log(
  `  rate-limited requests: ${ratio(liveOurs.requests.counted, liveAnchor.requests.counted)}; latency target <= ${TARGET_LATENCY_MS / 1000} s`,
);
if (worst(liveOurs.latency) > TARGET_LATENCY_MS) {
  console.log(`  MISSED: a change took ${(worst(liveOurs.latency) / 1000).toFixed(1)} s to show`);
  failed = true;
}
process.exit(failed ? 1 : 0);
