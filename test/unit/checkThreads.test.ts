// `preflight check` on worker threads: the report must not depend on which thread checked which file, and a worker that
// dies must cost nothing (its files are checked again on the main thread).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findShellcheck } from '../../server/src/engine/checkExternal';
import { checkTargets, threadCount, type CheckRun } from '../../server/src/cli/checking/checkTargets';
import type { CheckTarget } from '../../server/src/cli/checking/fileChecker';

const FILES = 70;
let root = '';
let targets: CheckTarget[] = [];
const tools = (): Promise<{ shellcheck: string | undefined }> => Promise.resolve({ shellcheck: findShellcheck() });

/** Workflows that differ per file: an error in some, a shellcheck finding in others, clean ones between. */
function workflow(i: number): string {
  const step =
    i % 3 === 0
      ? `      - run: echo $UNQUOTED_${i}\n`
      : i % 3 === 1
        ? `      - uses: actions/checkout@v4\n        with: {fetch-depth: ${i}}\n`
        : '      - run: echo ok\n';
  const broken = i % 5 === 0 ? `    timeout-minutes: soon\n` : '';
  return `on: push\npermissions: {contents: read}\njobs:\n  job${i}:\n    runs-on: ubuntu-latest\n${broken}    steps:\n${step}`;
}

/** What a user sees of a run: files in order with their findings, and the linter notes. */
function seen(run: CheckRun): unknown {
  return {
    files: run.files.map((f, i) => ({
      path: f.path,
      findings: [...f.findings, ...(run.external.findings[i] ?? [])]
        .map((x) => `${x.rule}@${x.range.start.line}:${x.severity}`)
        .sort(),
    })),
    unchecked: run.external.unchecked,
    withoutTool: run.external.withoutTool,
  };
}

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-threads-'));
  fs.mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
  targets = Array.from({ length: FILES }, (_, i) => {
    const absolute = path.join(root, '.github', 'workflows', `w${String(i).padStart(3, '0')}.yml`);
    fs.writeFileSync(absolute, workflow(i));
    return { index: i, absolute, display: path.relative(root, absolute), explicit: false };
  });
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('check on worker threads', () => {
  it('reports the same files, findings and notes as one thread, in target order', async () => {
    const one = await checkTargets(targets, { threads: 1, tools: tools() });
    assert.equal(one.files.length, FILES);
    assert.ok(
      one.files.some((f) => f.findings.some((x) => x.severity === 'error')),
      'the fixture must have errors to compare',
    );
    if (findShellcheck())
      assert.ok(
        one.external.findings.some((f) => f.some((x) => x.rule === 'shellcheck')),
        'and shellcheck findings',
      );
    const workersOnly = await checkTargets(targets, { threads: 3, tools: tools(), mainThreadChecks: false });
    assert.equal(workersOnly.threads, 2, 'two workers checked, the main thread none');
    assert.deepEqual(seen(workersOnly), seen(one));
    const shared = await checkTargets(targets, { threads: 3, tools: tools() });
    assert.deepEqual(seen(shared), seen(one));
  });

  it('checks again on the main thread the files of a worker that dies, losing none', async () => {
    // A worker that does its first batch, then dies on the second: mid-run, with parse trees only it held.
    const dying = path.join(root, 'dyingWorker.js');
    const realWorker = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'checking', 'cliCheckWorker.js');
    fs.writeFileSync(
      dying,
      `const { parentPort } = require('node:worker_threads');\nlet batches = 0;\nparentPort.on('message', (m) => { if (m.type === 'check' && ++batches === 2) process.exit(3); });\nrequire(${JSON.stringify(realWorker)});\n`,
    );
    const one = await checkTargets(targets, { threads: 1, tools: tools() });
    const rescued = await checkTargets(targets, {
      threads: 2,
      tools: tools(),
      mainThreadChecks: false,
      workerFile: dying,
    });
    assert.deepEqual(rescued.lostWorkers, ['it stopped with exit code 3']);
    assert.deepEqual(seen(rescued), seen(one));
  });
});

describe('how many threads a check uses', () => {
  it('one more per 200 files on free cores, none on cores other processes keep busy, and what --threads asks while there is work', () => {
    const idle = { cores: 4, load: 0.2 };
    assert.equal(threadCount(150, undefined, idle), 1, 'a worker would not pay for its cold start');
    assert.equal(threadCount(450, undefined, idle), 3);
    assert.equal(threadCount(5000, undefined, { cores: 8, load: 0 }), 4, 'at most 4');
    assert.equal(threadCount(450, undefined, { cores: 2, load: 0.3 }), 2);
    assert.equal(threadCount(450, undefined, { cores: 2, load: 1.8 }), 1, 'a busy machine: the main thread alone');
    assert.equal(threadCount(450, undefined, { cores: 2, load: 6 }), 1);
    assert.equal(threadCount(450, 3, { cores: 2, load: 6 }), 3, '--threads is obeyed');
    assert.equal(threadCount(10, 4, idle), 2, 'no more threads than batches of 8 files');
  });
});
