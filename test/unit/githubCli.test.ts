// `preflight runs / rerun / cancel` end to end: the real bin/preflight against the stand-in through --api-url. Errors are
// one line with a non-zero exit, and the token never shows, whatever happens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { PipelineRun } from '../../protocol/pipelineRuns';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import { DEMO_OWNER, DEMO_REPO, startDemoScenario, type DemoScenario } from '../support/github/demoScenario';
import path from 'node:path';
import { CLI, EXAMPLES } from '../support/paths';

const TOKEN = 'ghp_cliTestToken0123456789abcdef';
let standIn: ActionsStandIn;
let demo: DemoScenario;

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Async spawn: the stand-in answers from this process, so a synchronous spawn would deadlock. */
function preflight(
  args: readonly string[],
  env: Record<string, string | undefined> = { GITHUB_TOKEN: TOKEN },
): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'], ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

function assertNoToken(r: Result): void {
  assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN), 'token printed');
}

before(async () => {
  standIn = new ActionsStandIn();
  demo = startDemoScenario(standIn);
  standIn.requireToken(TOKEN);
  await standIn.listen();
});

after(async () => {
  await standIn.close();
});

const repo = `${DEMO_OWNER}/${DEMO_REPO}`;

describe('preflight runs', () => {
  it('json: the runs of the branch with their jobs and steps, as the stand-in has them', async () => {
    const r = await preflight([
      'runs',
      '--repo',
      repo,
      '--branch',
      'main',
      '--api-url',
      standIn.url,
      '--format',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assertNoToken(r);
    const { runs } = JSON.parse(r.stdout) as { runs: PipelineRun[] };
    const expected = [...standIn.state.runs.values()].sort((a, b) => b.id - a.id);
    assert.deepEqual(
      runs.map((x) => [x.id, x.status, x.conclusion]),
      expected.map((x) => [x.id, x.status, x.conclusion]),
    );
    const failed = runs.find((x) => x.id === demo.failedRunId);
    const stateJobs = standIn.state.latestJobs(standIn.state.run(demo.failedRunId));
    assert.deepEqual(
      failed?.jobs?.map((j) => [j.name, j.conclusion, j.steps.map((s) => s.conclusion)]),
      stateJobs.map((j) => [j.name, j.conclusion, j.steps.map((s) => s.conclusion)]),
    );
  });

  it('text: one line per run, job and step; untrusted titles stay plain text', async () => {
    const r = await preflight(['runs', '--repo', repo, '--api-url', standIn.url]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`✗ Train model #1 failure \\(push on main @ [0-9a-f]{7} by octocat, 6m\\) run ${demo.failedRunId}`),
    );
    assert.match(r.stdout, /\n {6}✗ 4\. Train\n {6}– 5\. Evaluate\n/);
    assert.match(r.stdout, /Use <b>bold<\/b> & "quotes" in the title/);
  });
});

describe('preflight rerun / cancel', () => {
  it('rerun --failed reaches the stand-in and starts a new attempt of only the failed job', async () => {
    const r = await preflight([
      'rerun',
      '--repo',
      repo,
      '--run',
      String(demo.failedRunId),
      '--failed',
      '--api-url',
      standIn.url,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `Re-running the failed jobs of run ${demo.failedRunId} in ${repo}.\n`);
    assert.ok(
      standIn.requests.some(
        (q) =>
          q.method === 'POST' && q.path.endsWith(`/runs/${demo.failedRunId}/rerun-failed-jobs`) && q.status === 201,
      ),
    );
    const run = standIn.state.run(demo.failedRunId);
    assert.deepEqual(
      standIn.state.latestJobs(run).map((j) => [j.name, j.status]),
      [
        ['prepare data', 'completed'],
        ['train', 'queued'],
      ],
    );
  });

  it('cancel of a completed run: exit 1, one clear line', async () => {
    const r = await preflight(['cancel', '--repo', repo, '--run', String(demo.greenRunId), '--api-url', standIn.url]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `preflight: Cannot cancel run ${demo.greenRunId}: the run already completed (409).\n`);
  });

  it('a wrong token: exit 1, sign in again, and neither token is printed', async () => {
    const wrong = 'ghp_wrongToken9876543210';
    const r = await preflight(['runs', '--repo', repo, '--api-url', standIn.url], { GITHUB_TOKEN: wrong });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'preflight: GitHub rejected the token (401): sign in to GitHub again.\n');
    assert.ok(!r.stderr.includes(wrong) && !r.stdout.includes(wrong));
  });

  it('offline: exit 1 with one line naming the problem', async () => {
    const r = await preflight(['runs', '--repo', repo, '--api-url', 'http://127.0.0.1:9']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^preflight: Cannot reach GitHub.*check the network connection or the GitHub API URL\.\n$/);
    assertNoToken(r);
  });

  it('usage errors: exit 2 with the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['rerun', '--repo', repo, '--failed', '--job', '3'], /--failed goes with --run/],
      [['rerun', '--repo', repo], /give either --run or --job/],
      [['cancel', '--repo', 'not-a-repo', '--run', '1'], /--repo must look like OWNER\/NAME/],
      [['runs', '--repo', repo, '--format', 'xml'], /--format must be one of text, json/],
    ];
    for (const [args, message] of cases) {
      const r = await preflight([...args, '--api-url', standIn.url]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    const noToken = await preflight(['cancel', '--repo', repo, '--run', '1', '--api-url', standIn.url], {});
    assert.equal(noToken.status, 2);
    assert.equal(noToken.stderr, 'preflight: set GITHUB_TOKEN to a token with the repo scope\n');
  });
});

describe('preflight insights --repo', () => {
  it('fetches the completed runs of the workflow and their jobs, reports durations, progress on stderr, no token', async () => {
    const ci = path.join(EXAMPLES, '.github', 'workflows', 'ci.yml');
    const r = await preflight([
      'insights',
      '--repo',
      repo,
      '--api-url',
      standIn.url,
      '--workflow',
      ci,
      '--format',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assertNoToken(r);
    const completedCi = [...standIn.state.runs.values()].filter(
      (x) => x.status === 'completed' && standIn.state.workflows.get(x.workflowId)?.path === '.github/workflows/ci.yml',
    );
    const report = JSON.parse(r.stdout) as {
      runs: number;
      durations: { job: string; summary: { samples: number; medianSeconds: number } }[];
      jobGraphKnown: boolean;
    };
    assert.equal(report.runs, completedCi.length);
    assert.ok(report.runs >= demo.historyRunIds.length);
    assert.equal(report.jobGraphKnown, true);
    // Every completed CI run's lint, as the stand-in timed them (the history's 38-45 s, the green run's 0 s).
    const lint = completedCi
      .map((run) => standIn.state.latestJobs(run).find((j) => j.name === 'lint'))
      .map((j) => (Date.parse(j?.completedAt ?? '') - Date.parse(j?.startedAt ?? '')) / 1000)
      .sort((a, b) => a - b);
    const lintReport = report.durations.find((d) => d.job === 'lint');
    assert.equal(lintReport?.summary.samples, lint.length);
    assert.equal(lintReport?.summary.medianSeconds, lint[(lint.length - 1) / 2]);
    assert.match(
      r.stderr,
      new RegExp(
        `^preflight: listing runs of ${repo}…\npreflight: fetched jobs of ${completedCi.length}/${completedCi.length} runs\n$`,
      ),
    );
  });

  it('--limit bounds the runs fetched; bad limits and mixed sources are usage errors', async () => {
    const before = standIn.requests.length;
    const r = await preflight([
      'insights',
      '--repo',
      repo,
      '--api-url',
      standIn.url,
      '--limit',
      '2',
      '--format',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { runs: number }).runs, 2);
    assert.equal(standIn.requests.length - before, 1 + 2, 'one listing, one jobs request per run');
    for (const [args, expected] of [
      [['--limit', '0'], /--limit must be 1\.\.1000/],
      [['--runs', 'runs.json'], /use either --repo or --runs\/--jobs, not both/],
    ] as const) {
      const bad = await preflight(['insights', '--repo', repo, '--api-url', standIn.url, ...args]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, expected);
    }
  });
});
