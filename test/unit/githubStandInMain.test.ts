// The stand-in as the demo and the E2E suite start it: a process that prints its URL, serves the demo scenario, and stops
// cleanly (exit 0 only when every reply it sent matched GitHub's OpenAPI description).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/paths';

const MAIN = path.join(REPO_ROOT, 'out', 'test', 'support', 'github', 'standInMain.js');

describe('standInMain', () => {
  it('--port 0 --scenario demo: prints its URL, serves the demo repository, exits 0 on SIGTERM', async (t) => {
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--scenario', 'demo', '--step-ms', '50'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    // Whatever happens below, the stand-in must not outlive the test (it would keep the runner waiting).
    t.after(() => {
      child.kill('SIGTERM');
    });
    const info = JSON.parse(first) as { url: string; liveRunId: number; historyRunIds: number[] };
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const listed = (await (await fetch(`${info.url}/repos/preflight-dev/ml-demo/actions/runs`)).json()) as {
      total_count: number;
      workflow_runs: { id: number; status: string }[];
    };
    // The past CI runs, then the failed, green and live runs.
    assert.ok(info.historyRunIds.length > 0);
    assert.equal(listed.total_count, info.historyRunIds.length + 3);
    // The scenario moves the live run on its own: it completes after a few steps.
    let status = '';
    for (let i = 0; i < 2400 && status !== 'completed'; i++) {
      // two minutes at most: patience, not a time budget
      await new Promise((r) => setTimeout(r, 50));
      status = (
        (await (await fetch(`${info.url}/repos/preflight-dev/ml-demo/actions/runs/${info.liveRunId}`)).json()) as {
          status: string;
        }
      ).status;
    }
    assert.equal(status, 'completed');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
