// The stand-in as `npm run demo` drives it: only the demo sign-in's token gets in; the live run waits for the first look
// at the runs and then completes by itself; a re-run the user asks for runs to its end (the failed job fails again at
// the same step, with the same real-looking log); the history has flaky jobs that passed when re-run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_OWNER, DEMO_REPO } from '../support/github/demoScenario';
import { startDemoStandIn, type DemoStandIn } from '../support/github/demoStandIn';
import { until } from '../support/until';

const TOKEN = 'demo-test-token';

describe('the demo stand-in, driven live', () => {
  let demo: DemoStandIn;
  const api = (path: string, method = 'GET'): Promise<Response> =>
    fetch(`${demo.url}/repos/${DEMO_OWNER}/${DEMO_REPO}${path}`, {
      method,
      headers: { authorization: `token ${TOKEN}` },
    });
  const run = async (id: number): Promise<{ status: string; conclusion: string | null; run_attempt: number }> =>
    (await (await api(`/actions/runs/${id}`)).json()) as {
      status: string;
      conclusion: string | null;
      run_attempt: number;
    };

  before(async () => {
    demo = await startDemoStandIn({ token: TOKEN, liveStepMs: 20 });
  });
  after(async () => {
    await demo.close();
  });

  it("answers only the demo sign-in's token", async () => {
    const anonymous = await fetch(
      `${demo.url}/repos/${DEMO_OWNER}/${DEMO_REPO}/actions/runs/${demo.scenario.liveRunId}`,
    );
    assert.equal(anonymous.status, 401);
    assert.equal((await api(`/actions/runs/${demo.scenario.liveRunId}`)).status, 200);
  });

  it('keeps the live run queued until someone lists the runs, then completes it', async () => {
    assert.equal((await run(demo.scenario.liveRunId)).status, 'queued');
    assert.equal((await api('/actions/runs?branch=main')).status, 200);
    const done = await until('the live run completed', async () => {
      const live = await run(demo.scenario.liveRunId);
      return live.status === 'completed' ? live : undefined;
    });
    assert.equal(done.conclusion, 'success');
  });

  it('runs a re-run of the failed jobs to its end: the training fails again at the same step', async () => {
    const id = demo.scenario.failedRunId;
    assert.equal((await api(`/actions/runs/${id}/rerun-failed-jobs`, 'POST')).status, 201);
    const done = await until('the re-run completed', async () => {
      const rerun = await run(id);
      return rerun.status === 'completed' ? rerun : undefined;
    });
    assert.equal(done.run_attempt, 2);
    assert.equal(done.conclusion, 'failure');
    const jobs = (await (await api(`/actions/runs/${id}/jobs`)).json()) as {
      jobs: { id: number; name: string; run_attempt: number; steps: { name: string; conclusion: string }[] }[];
    };
    const train = jobs.jobs.find((j) => j.name === 'train');
    assert.equal(train?.run_attempt, 2);
    assert.equal(train?.steps.find((s) => s.conclusion === 'failure')?.name, 'Train');
    const log = await (await api(`/actions/jobs/${train?.id}/logs`)).text();
    assert.match(
      log,
      /Traceback \(most recent call last\):\n.*\n.*\n.*\n.*KeyError: 'learning_rate'\n.*##\[error\]Process completed with exit code 1\./,
    );
  });

  it('has history on feature branches over two weeks, with flaky test jobs that passed when re-run', async () => {
    const listed = (await (await api('/actions/runs?per_page=100')).json()) as {
      workflow_runs: { head_branch: string; run_attempt: number; conclusion: string | null; created_at: string }[];
    };
    const history = listed.workflow_runs.filter((r) => r.head_branch.startsWith('feature/'));
    const days = (Date.now() - Math.min(...history.map((r) => Date.parse(r.created_at)))) / 86_400_000;
    assert.ok(days >= 13, `${days.toFixed(1)} days of history`);
    assert.ok(history.some((r) => r.conclusion === 'failure'));
    assert.ok(
      history.some((r) => r.run_attempt === 2 && r.conclusion === 'success'),
      'a flaky run passed on its second attempt',
    );
  });
});
