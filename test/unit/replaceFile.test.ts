// `preflight fix` never loses the user's text: whole-file replacement through a temporary file, a change made between
// the read and the write is kept, two fix runs on one tree never lose each other's fixes or cut a file, a file that
// cannot be written is reported while the rest go on, and a symbolic link is not written through.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runFix, type FileReplacer } from '../../server/src/cli/commands/fixCommand';
import { lockPathFor, replaceFileIfUnchanged } from '../../server/src/cli/replaceFile';
import { CLI } from '../support/paths';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-replace-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A workflow with two certain fixes of different rules: a misspelled key and a near-miss runner label. */
function workflow(i: number, padding: number): string {
  const steps = Array.from({ length: padding }, (_, s) => `      - run: echo step ${s} of workflow ${i}\n`).join('');
  return `on: push\nconcurency: ci-${i}\njobs:\n  test:\n    runs-on: ubuntu-lates\n    timeout-minutes: 5\n    steps:\n${steps}`;
}

describe('replaceFileIfUnchanged', () => {
  it('replaces the file whole and keeps its mode; no temporary file is left', async () => {
    const file = path.join(dir, 'ci.yml');
    fs.writeFileSync(file, 'old\n', { mode: 0o640 });
    assert.deepEqual(await replaceFileIfUnchanged(file, 'old\n', 'new\n'), { written: true });
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['ci.yml']);
  });

  it('keeps a change saved between the read and the write, and says so', async () => {
    const file = path.join(dir, 'ci.yml');
    fs.writeFileSync(file, 'saved by the user meanwhile\n');
    const outcome = await replaceFileIfUnchanged(file, 'what fix read\n', 'fixed\n');
    assert.equal(outcome.written, false);
    assert.match(outcome.written ? '' : outcome.reason, /changed since it was read/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'saved by the user meanwhile\n');
  });

  it('does not write while another writer holds the file, and names the leftover when a crash left one', async () => {
    const file = path.join(dir, 'ci.yml');
    fs.writeFileSync(file, 'a\n');
    fs.writeFileSync(lockPathFor(file), '');
    const outcome = await replaceFileIfUnchanged(file, 'a\n', 'b\n');
    assert.match(outcome.written ? '' : outcome.reason, /another process is writing it .*\.ci\.yml\.preflight-write/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'a\n');
  });

  it('never writes through a symbolic link', async () => {
    const outside = path.join(dir, 'outside.yml');
    fs.writeFileSync(outside, 'target\n');
    const link = path.join(dir, 'link.yml');
    fs.symlinkSync(outside, link);
    const outcome = await replaceFileIfUnchanged(link, 'target\n', 'rewritten\n');
    assert.match(outcome.written ? '' : outcome.reason, /symbolic link/);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'target\n');
  });
});

describe('preflight fix writes', () => {
  it('a file that cannot be written is reported; the other files are written and the exit code is not 0', async () => {
    const workflows = path.join(dir, '.github', 'workflows');
    fs.mkdirSync(workflows, { recursive: true });
    for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(workflows, `${name}.yml`), workflow(0, 1));
    const failing: FileReplacer = (file, expected, text) =>
      path.basename(file) === 'b.yml'
        ? Promise.resolve({ written: false, reason: 'permission denied' })
        : replaceFileIfUnchanged(file, expected, text);
    const { output, exitCode } = await runFix(['.'], dir, failing);
    assert.equal(exitCode, 1);
    assert.match(output, /^\.github\/workflows\/b\.yml: not written: permission denied$/m);
    assert.match(output, /Applied 4 fixes in 2 files; 1 file not written \(listed above\)\./);
    assert.match(fs.readFileSync(path.join(workflows, 'a.yml'), 'utf8'), /concurrency: ci-0/);
    assert.match(fs.readFileSync(path.join(workflows, 'c.yml'), 'utf8'), /concurrency: ci-0/);
    assert.match(fs.readFileSync(path.join(workflows, 'b.yml'), 'utf8'), /concurency: ci-0/, 'b.yml untouched');
  });

  it('two fix runs on one tree at once: no file is cut, and every fix either lands or is reported', async () => {
    const workflows = path.join(dir, '.github', 'workflows');
    fs.mkdirSync(workflows, { recursive: true });
    const count = 40;
    const originals = Array.from({ length: count }, (_, i) => workflow(i, 2000));
    originals.forEach((text, i) => {
      fs.writeFileSync(path.join(workflows, `w${i}.yml`), text);
    });
    const run = (rule: string): Promise<{ code: number | null; stdout: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, 'fix', '.', '--rule', rule], { cwd: dir });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.on('close', (code) => {
          resolve({ code, stdout });
        });
      });
    const [keys, labels] = await Promise.all([run('unknown-key'), run('runner-label')]);
    for (let i = 0; i < count; i++) {
      const text = fs.readFileSync(path.join(workflows, `w${i}.yml`), 'utf8');
      assert.equal(text.split('\n').length, originals[i]?.split('\n').length, `w${i}.yml keeps all its lines`);
      const display = `.github/workflows/w${i}.yml`;
      for (const [result, fixed] of [
        [keys, /^concurrency: /m],
        [labels, /runs-on: ubuntu-latest$/m],
      ] as const) {
        const claimed = result.stdout.includes(`fixed ${display}:`);
        const reported = result.stdout.includes(`${display}: not written:`);
        assert.ok(claimed !== reported, `${display}: each run either fixed it or reported it`);
        if (claimed) assert.match(text, fixed, `${display}: a fix that was reported applied is on disk`);
        if (reported) assert.notEqual(result.code, 0);
      }
    }
  });
});
