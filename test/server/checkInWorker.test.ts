// The check worker: findings cross the thread boundary unchanged, and a worker that dies answers every waiting check
// with a reason (which the server shows as a finding on the file), then the next check starts a new worker.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { detectKind } from '../../server/src/engine/kinds';
import { CheckWorker } from '../../server/src/lsp/checkInWorker';
import type { CheckRequest } from '../../server/src/lsp/checkRequests';
import { FIXTURES } from '../support/paths';

const WORKFLOWS = path.join(FIXTURES, 'rules', 'github-workflow');

function request(file: string, text: string): CheckRequest {
  const kind = detectKind(file, text) ?? 'github-workflow';
  return { path: file, text, kind, severities: {}, runnerLabels: [], maxFileBytes: 5 * 1024 * 1024, parseUse: 'once' };
}

describe('check worker', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'preflight-worker-'));
  const workers: CheckWorker[] = [];
  after(() => {
    for (const w of workers) w.dispose();
    rmSync(temp, { recursive: true, force: true });
  });

  it('returns the same findings as a check on this thread, fixes included', async () => {
    const worker = new CheckWorker(() => undefined);
    workers.push(worker);
    const files = readdirSync(WORKFLOWS)
      .filter((f) => f.endsWith('.yml'))
      .slice(0, 40);
    assert.ok(files.length > 0);
    for (const name of files) {
      const file = path.join(WORKFLOWS, name);
      const text = readFileSync(file, 'utf8');
      const outcome = await worker.check(request(file, text));
      assert.ok(outcome.ok, name);
      const here = checkText({ path: file, text, kind: request(file, text).kind });
      assert.deepEqual(outcome.result.findings, here.findings, name);
    }
  });

  it('answers a check whose worker stops with the reason, and starts a new worker for the next', async () => {
    const dying = path.join(temp, 'dyingWorker.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const logged: string[] = [];
    const worker = new CheckWorker((m) => {
      logged.push(m);
    }, dying);
    workers.push(worker);
    const first = await worker.check(request('/r/.github/workflows/a.yml', 'on: push\n'));
    assert.deepEqual(first, { ok: false, reason: 'the checker stopped while checking it (exit code 3)' });
    const second = await worker.check(request('/r/.github/workflows/a.yml', 'on: push\n'));
    assert.equal(second.ok, false, 'a new worker took the second check (and stopped too)');
    assert.equal(logged.filter((m) => m.includes('stopped')).length, 2);
  });

  it('checks on this thread when the worker file is missing', async () => {
    const worker = new CheckWorker(() => undefined, path.join(temp, 'absent.js'));
    const outcome = await worker.check(request('/r/.github/workflows/a.yml', 'on: push\nconcurency: x\njobs: {}\n'));
    assert.ok(outcome.ok);
    assert.ok(outcome.result.findings.some((f) => f.rule === 'unknown-key'));
  });
});
