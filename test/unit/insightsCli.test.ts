// `preflight insights` as a user runs it: exported `gh api` JSON in, text or JSON out, clear one-line errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../support/paths';
import { HistoryBuilder } from '../support/runHistoryBuilder';

const WORKFLOW = `on: push
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: ruff check
  test:
    needs: lint
    runs-on: windows-latest
    timeout-minutes: 30
    steps:
      - run: pytest
`;

let dir = '';

function preflight(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'insights', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-insights-'));
  const b = new HistoryBuilder();
  // lint 90 s (2 Linux minutes), test 150 s on Windows (3 minutes × 2): 8 billable minutes per run.
  for (let i = 0; i < 12; i++)
    b.run({
      at: i * 3600,
      jobs: [
        { name: 'lint', start: 0, seconds: 90 },
        { name: 'test', start: 95, seconds: 150, labels: ['windows-latest'] },
      ],
    });
  fs.writeFileSync(path.join(dir, 'runs.json'), JSON.stringify({ total_count: b.runs.length, workflow_runs: b.runs }));
  // As `gh api --paginate --slurp` writes it: an array of pages.
  fs.writeFileSync(
    path.join(dir, 'jobs.json'),
    JSON.stringify([
      { total_count: 12, jobs: b.jobs.slice(0, 10) },
      { total_count: 14, jobs: b.jobs.slice(10) },
    ]),
  );
  // A longer history for the duration model: test takes 150 s on pushes and 400 s on the nightly schedule (one in four).
  const long = new HistoryBuilder();
  for (let i = 0; i < 80; i++) {
    const nightly = i % 4 === 3;
    long.run({
      at: i * 8 * 3600,
      event: nightly ? 'schedule' : 'push',
      jobs: [
        { name: 'lint', start: 0, seconds: 90 + (i % 3) },
        { name: 'test', start: 95, seconds: (nightly ? 400 : 150) + (i % 5), labels: ['windows-latest'] },
      ],
    });
  }
  fs.writeFileSync(path.join(dir, 'long-runs.json'), JSON.stringify({ workflow_runs: long.runs }));
  fs.writeFileSync(path.join(dir, 'long-jobs.json'), JSON.stringify({ jobs: long.jobs }));
  fs.writeFileSync(path.join(dir, 'ci.yml'), WORKFLOW);
  fs.writeFileSync(path.join(dir, 'nightly.yml'), WORKFLOW);
  fs.writeFileSync(path.join(dir, 'broken.json'), '{"workflow_runs": [');
  fs.writeFileSync(
    path.join(dir, 'badjobs.json'),
    JSON.stringify({ jobs: [{ ...b.jobs[0], started_at: 'yesterday' }] }),
  );
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('preflight insights', () => {
  it('prints durations, the critical path and billable minutes as text', () => {
    const r = preflight(['--runs', 'runs.json', '--jobs', 'jobs.json', '--workflow', 'ci.yml']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Insights from 12 runs and 24 jobs of ci\.yml/);
    assert.match(r.stdout, /\n {2}test: median 2m 30s · p90 2m 30s \(12 samples\)/);
    assert.match(r.stdout, /Critical path: lint → test \(in 12 of 12 runs\)/);
    assert.match(r.stdout, /median 4m of job time on the path vs 4m 5s wall time/);
    assert.match(r.stdout, /estimated billable minutes: 96\n/);
  });

  it('writes the same report as JSON', () => {
    const r = preflight(['--runs', 'runs.json', '--jobs', 'jobs.json', '--workflow', 'ci.yml', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      version: number;
      runs: number;
      runnerMinutes: { billableMinutes: number; byRunner: { runner: string; billableMinutes: number }[] };
      criticalPath: { medianPathSeconds: number };
    };
    assert.equal(report.version, 1);
    assert.equal(report.runs, 12);
    assert.equal(report.runnerMinutes.billableMinutes, 12 * (2 + 3 * 2));
    assert.deepEqual(
      report.runnerMinutes.byRunner.map((u) => [u.runner, u.billableMinutes]),
      [
        ['windows', 72],
        ['linux', 24],
      ],
    );
    assert.equal(report.criticalPath.medianPathSeconds, 240);
  });

  it("predicts each job's next duration with the model, explains it, and reports its error against the baseline", () => {
    const text = preflight(['--runs', 'long-runs.json', '--jobs', 'long-jobs.json']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(
      text.stdout,
      /\nNext-run durations \(model trained on \d+ job runs in \d+\.\d\d s, \d+ trees\):\n {2}held-out later runs \(\d+, [\d-]+ to [\d-]+\): mean absolute error \S+, vs \S+ for the median of the last 10 runs\n/,
    );
    assert.match(
      text.stdout,
      /\n {2}test: ≈ \S+( \S+)? \(median of last 10: 2m 3\ds\)\n {4}why: .*(triggered by push|median of the last 10 runs is)/,
    );
    const json = JSON.parse(
      preflight(['--runs', 'long-runs.json', '--jobs', 'long-jobs.json', '--format', 'json']).stdout,
    ) as {
      durationModel: {
        available: boolean;
        evaluation: { modelMae: number; baselineMae: number; rows: { test: number } };
        predictions: { job: string; predictedSeconds: number; topFactors: { feature: string }[] }[];
      };
    };
    const model = json.durationModel;
    assert.equal(model.available, true);
    assert.ok(model.evaluation.rows.test >= 8);
    // The baseline misses every nightly run by ~250 s; the model reads the trigger.
    assert.ok(model.evaluation.modelMae < model.evaluation.baselineMae / 3, JSON.stringify(model.evaluation));
    assert.deepEqual(model.predictions.map((p) => p.job).sort(), ['lint', 'test']);
    assert.ok(model.predictions.every((p) => p.topFactors.length === 3));
    // The next run is taken to be a push, like most recent runs (the newest, i = 79, was a nightly): about 152 s.
    const test = model.predictions.find((p) => p.job === 'test');
    assert.ok(test && Math.abs(test.predictedSeconds - 152) < 10, JSON.stringify(test));
  });

  it('says why there is no duration model on a short history', () => {
    const r = preflight(['--runs', 'runs.json', '--jobs', 'jobs.json']);
    assert.match(
      r.stdout,
      /\nNext-run durations: no model; too little job history to train a duration model \(22 job runs/,
    );
  });

  it("checks --repo's form and keeps --api-url and --limit with it", () => {
    assert.match(preflight(['--repo', 'not a repo']).stderr, /--repo must look like OWNER\/NAME \(got 'not a repo'\)/);
    assert.match(
      preflight(['--runs', 'runs.json', '--jobs', 'jobs.json', '--limit', '5']).stderr,
      /--limit goes with --repo/,
    );
  });

  it('fails with one clear line on bad input', () => {
    const cases: [string[], RegExp][] = [
      [['--runs', 'broken.json', '--jobs', 'jobs.json'], /^preflight: broken\.json: not valid JSON/],
      [
        ['--runs', 'runs.json', '--jobs', 'badjobs.json'],
        /^preflight: badjobs\.json: jobs\[0\]\.started_at is not a date\n$/,
      ],
      [['--runs', 'missing.json', '--jobs', 'jobs.json'], /^preflight: missing\.json: cannot read the runs file\n$/],
      [['--runs', 'runs.json'], /^preflight: insights needs --runs FILE and --jobs FILE \(or --repo OWNER\/NAME\)/],
      [['--runs', 'runs.json', '--jobs', 'jobs.json', '--format', 'xml'], /^preflight: --format must be text or json/],
      [
        ['--runs', 'runs.json', '--jobs', 'jobs.json', '--runner-rates', 'big'],
        /^preflight: --runner-rates: 'big' is not LABEL=MULTIPLIER/,
      ],
      [
        ['--runs', 'runs.json', '--jobs', 'jobs.json', '--workflow', 'runs.json'],
        /^preflight: runs\.json: no jobs found/,
      ],
      [
        ['--runs', 'runs.json', '--jobs', 'jobs.json', '--workflow', 'nightly.yml'],
        /^preflight: nightly\.yml: none of the 12 runs ran this workflow \(they ran \.github\/workflows\/ci\.yml\)/,
      ],
    ];
    for (const [args, expected] of cases) {
      const r = preflight(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, expected);
      assert.equal(r.stdout, '');
    }
  });
});
