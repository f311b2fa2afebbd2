// Billable minutes on a constructed history with known answers: round each job up to the minute, then multiply by
// Linux 1 / Windows 2 / macOS 10 / a configured larger-runner rate; self-hosted is free; unknown labels stay unpriced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheUse } from '../../server/src/engine/insights/cacheUse';
import { jobDurations } from '../../server/src/engine/insights/durations';
import { buildRunHistory } from '../../server/src/engine/history/runHistory';
import { billedMinutes, classifyRunner, runnerMinutes } from '../../server/src/engine/insights/runnerMinutes';
import { HistoryBuilder } from '../support/runHistoryBuilder';

describe('runner minutes', () => {
  it('rounds every job up to the whole minute', () => {
    assert.deepEqual([0, 1, 59, 60, 60.5, 61, 119, 120, 3599].map(billedMinutes), [0, 1, 1, 1, 2, 2, 2, 2, 60]);
  });

  it('classifies hosted, larger, self-hosted and unknown runners', () => {
    assert.equal(classifyRunner(['ubuntu-24.04']).multiplier, 1);
    assert.equal(classifyRunner(['windows-latest']).multiplier, 2);
    assert.equal(classifyRunner(['macos-14']).multiplier, 10);
    assert.deepEqual(classifyRunner(['self-hosted', 'linux', 'x64']), {
      kind: 'self-hosted',
      label: 'self-hosted',
      multiplier: 0,
    });
    assert.deepEqual(classifyRunner(['ubuntu-latest-16-cores']), {
      kind: 'larger',
      label: 'ubuntu-latest-16-cores',
      multiplier: undefined,
    });
    assert.deepEqual(classifyRunner(['ubuntu-latest-16-cores'], { labelRates: { 'ubuntu-latest-16-cores': 8 } }), {
      kind: 'larger',
      label: 'ubuntu-latest-16-cores',
      multiplier: 8,
    });
    assert.equal(classifyRunner(['my-gpu-box']).multiplier, undefined);
  });

  it('adds up billable minutes per runner type on a constructed history', () => {
    const b = new HistoryBuilder();
    for (let i = 0; i < 3; i++) {
      b.run({
        at: i * 3600,
        jobs: [
          { name: 'linux', start: 0, seconds: 61 }, // 2 min × 1
          { name: 'windows', start: 0, seconds: 59, labels: ['windows-2022'] }, // 1 min × 2
          { name: 'mac', start: 0, seconds: 121, labels: ['macos-14'] }, // 3 min × 10
          { name: 'big', start: 0, seconds: 600, labels: ['ubuntu-latest-16-cores'] }, // 10 min × 8 (configured)
          { name: 'own', start: 0, seconds: 3000, labels: ['self-hosted', 'linux'] }, // free
          { name: 'odd', start: 0, seconds: 90, labels: ['mystery'] }, // unpriced: 1.5 min
          { name: 'skipped', start: 0, seconds: 0, conclusion: 'skipped' }, // not billed
          { name: 'stopped', start: 0, seconds: 130, conclusion: 'cancelled' }, // billed for the time it ran: 3 × 1
        ],
      });
    }
    const report = runnerMinutes(buildRunHistory(b.runs, b.jobs), { labelRates: { 'ubuntu-latest-16-cores': 8 } });
    const billed = Object.fromEntries(report.byRunner.map((u) => [u.runner, u.billableMinutes]));
    assert.deepEqual(billed, {
      linux: 3 * (2 + 3),
      windows: 3 * 2,
      macos: 3 * 30,
      'ubuntu-latest-16-cores': 3 * 80,
      'self-hosted': 0,
      mystery: undefined,
    });
    assert.equal(report.billableMinutes, 3 * (2 + 3 + 2 + 30 + 80));
    assert.equal(report.unpricedMinutes, 3 * 1.5);
    const linux = report.byRunner.find((u) => u.runner === 'linux');
    assert.equal(linux?.jobs, 6);
    assert.equal(linux?.minutes, (3 * (61 + 130)) / 60);
  });

  it('finds jobs that always succeed in under a minute, and matrix legs that never do any work', () => {
    const b = new HistoryBuilder();
    for (let i = 0; i < 6; i++) {
      b.run({
        at: i * 3600,
        jobs: [
          { name: 'notify', start: 0, seconds: 12 + i },
          { name: 'build', start: 0, seconds: i === 3 ? 75 : 30 },
          { name: 'test (3.12)', start: 0, seconds: 200 },
          {
            name: 'test (pypy)',
            start: 0,
            seconds: i % 2 === 0 ? 3 : 0,
            conclusion: i % 2 === 0 ? 'success' : 'skipped',
          },
        ],
      });
    }
    const report = runnerMinutes(buildRunHistory(b.runs, b.jobs));
    assert.deepEqual(
      report.quickJobs.map((q) => [q.job, q.runs, q.billableMinutes]),
      [['notify', 6, 6]],
    );
    assert.deepEqual(
      report.idleLegs.map((l) => [l.name, l.runs, l.billableMinutes]),
      [['test (pypy)', 6, 3]],
    );
  });
});

describe('durations and cache use', () => {
  it('gives median, p90, queue and a rising trend per job, legs pooled and apart', () => {
    const b = new HistoryBuilder();
    // Leg a: 100 + 10·i seconds over 10 runs; leg b: always 300. Queue: 5 s on every job.
    for (let i = 0; i < 10; i++) {
      b.run({
        at: i * 3600,
        jobs: [
          {
            name: 'test (a)',
            start: 5,
            seconds: 100 + 10 * i,
            queue: 5,
            steps: [
              { name: 'Install', seconds: 40 + i },
              { name: 'Run tests', seconds: 60 + 9 * i },
            ],
          },
          { name: 'test (b)', start: 5, seconds: 300, queue: 5 },
          { name: 'cancelled', start: 0, seconds: 999, conclusion: 'cancelled' },
        ],
      });
    }
    const [test, ...rest] = jobDurations(buildRunHistory(b.runs, b.jobs));
    assert.deepEqual(rest, [], 'cancelled attempts are not durations');
    assert.equal(test?.job, 'test');
    const all = [...Array.from({ length: 10 }, (_, i) => 100 + 10 * i), ...Array.from({ length: 10 }, () => 300)].sort(
      (x, y) => x - y,
    );
    assert.equal(test?.summary.samples, 20);
    assert.equal(test?.summary.medianSeconds, ((all[9] ?? 0) + (all[10] ?? 0)) / 2);
    assert.equal(test?.queue?.medianSeconds, 5);
    const a = test?.legs.find((l) => l.name === 'test (a)');
    assert.equal(a?.summary.trend?.secondsPerRun, 10);
    // Fitted 100 at the first run, +90 over the window: +90%.
    assert.ok(Math.abs((a?.summary.trend?.changePercent ?? 0) - 90) < 1e-9);
    assert.equal(test?.legs.find((l) => l.name === 'test (b)')?.summary.trend?.secondsPerRun, 0);
    assert.deepEqual(
      test?.steps.map((s) => [s.name, s.summary.medianSeconds]),
      [
        ['Install', 44.5],
        ['Run tests', 100.5],
      ],
    );
  });

  it('reports the cache hit rate where steps carry cache-hit, and says when they do not', () => {
    const b = new HistoryBuilder();
    const hits = [true, true, false, true];
    hits.forEach((hit, i) =>
      b.run({
        at: i * 3600,
        jobs: [
          {
            name: 'build',
            start: 0,
            seconds: 60,
            steps: [
              { name: 'Run actions/cache@v4', seconds: 3, cacheHit: hit },
              { name: 'Post Run actions/cache@v4', seconds: 1 },
              { name: 'Cache pip', seconds: 2 },
            ],
          },
        ],
      }),
    );
    const use = cacheUse(buildRunHistory(b.runs, b.jobs));
    assert.deepEqual(
      use.map((c) => [c.step, c.runs, c.reported, c.hits, c.hitRate]),
      [
        ['Run actions/cache@v4', 4, 4, 3, 0.75],
        ['Cache pip', 4, 0, 0, undefined],
      ],
    );
  });
});
