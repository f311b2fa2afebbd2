// `npm ci && npm test` in a fresh clone, several times in a row, while other processes keep every core busy: the
// suite must not race the clock (issue 21). Clones the committed HEAD of this checkout into a temporary folder, installs
// once, then runs the test command N times with one busy process per core beside it, and prints the pass count.
// Usage: node scripts/testUnderLoad.mjs [--runs N] [--keep]   (default 5 runs; --keep leaves the clone for inspection)
// Exit status 0 only when every run passed. Each run's output is written to the clone's test-under-load-<i>.log.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number, 1 or more');
const keep = args.includes('--keep');
const root = path.resolve(import.meta.dirname, '..');
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-under-load-'));
const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
console.log(`cloning ${head} into ${clone}`);
execFileSync('git', ['clone', '-q', root, clone], { stdio: 'inherit' });

/** Runs a command in the clone; resolves with its exit status, its output going to `log`. */
function run(command, commandArgs, log) {
  return new Promise((resolve) => {
    const out = fs.openSync(log, 'w');
    const child = spawn(command, commandArgs, { cwd: clone, stdio: ['ignore', out, out] });
    child.on('exit', (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

/** One busy process per core, at the same priority as the tests: a machine doing other work. */
function startLoad() {
  const spin = 'for (;;) { Math.sqrt(Math.random()); }';
  return Array.from({ length: cores }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
}

let passed = 0;
try {
  const installStatus = await run('npm', ['ci'], path.join(clone, 'npm-ci.log'));
  if (installStatus !== 0)
    throw new Error(`npm ci failed (exit ${installStatus}); see ${path.join(clone, 'npm-ci.log')}`);
  for (let i = 1; i <= runs; i++) {
    const load = startLoad();
    const started = Date.now();
    const log = path.join(clone, `test-under-load-${i}.log`);
    const status = await run('npm', ['test'], log);
    for (const busy of load) busy.kill();
    if (status === 0) passed++;
    console.log(
      `run ${i}/${runs}: ${status === 0 ? 'passed' : `FAILED (exit ${status}, see ${log})`} in ${Math.round((Date.now() - started) / 1000)} s, ${cores} cores kept busy`,
    );
  }
} finally {
  console.log(`npm test passed ${passed} of ${runs} times in a fresh clone of ${head} with every core busy`);
  if (!keep && passed === runs) fs.rmSync(clone, { recursive: true, force: true });
}
process.exit(passed === runs ? 0 : 1);
