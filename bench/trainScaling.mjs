// `preflight train` time and peak memory against the size of the run history (issue 25: "train on a history of 1 M
// runs reached 3.8 GB and was still running after 600 s"). Synthetic histories in the shape of the shipped
// ../shared/data/ci-runs/gha_workflow_runs.csv (same columns, rows grouped by repository, ~20,000 runs a repository,
// failures that cluster by workflow, actor and branch) are generated here at 10k, 100k and 1M runs, and each is trained
// by the real CLI in its own process: wall time, CPU time (user + system, steadier than wall time on a shared machine)
// and peak RSS of that process. Then the growth exponents, fitted by least squares on log(cost) against log(runs):
// linear work fits about 1. Anchor in the same run: the shipped history of 10,823 real runs.
// Printed, never asserted: timing on a shared machine is no pass/fail.
// Usage: node bench/trainScaling.mjs [SIZES...]   e.g. 10000 100000 (default 10000 100000 1000000); needs `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedPath } from './lib/sharedData.mjs';
import { growthExponent, machineLine, repoRoot } from './lib/stats.mjs';
import { HEADER, writeSyntheticRunsCsv } from './lib/syntheticRunsCsv.mjs';

const root = repoRoot();
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-train-bench-'));

console.log(machineLine());
console.log(
  `load average at start: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);

/** One `preflight train` in its own process: wall, CPU and peak RSS of that process, and what the model report says. */
function train(csv) {
  const usage = path.join(tmp, 'usage.json');
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(root, 'bench/lib/maxRssOnExit.mjs')).href,
      path.join(root, 'bin/preflight'),
      'train',
      '--runs',
      csv,
      '--out',
      path.join(tmp, 'model.onnx'),
      '--format',
      'json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, PREFLIGHT_BENCH_USAGE: usage, SOURCE_DATE_EPOCH: '1700000000' },
    },
  );
  const wallS = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`train ${csv} failed (${r.status}): ${r.stderr.split('\n').slice(-3).join(' ')}`);
  const u = JSON.parse(fs.readFileSync(usage, 'utf8'));
  const report = JSON.parse(r.stdout);
  return { wallS, cpuS: (u.userMs + u.systemMs) / 1000, rssMb: u.maxRssKb / 1024, report };
}

const line = (label, m) =>
  `${label.padEnd(22)} ${m.wallS.toFixed(1).padStart(7)} s wall ${m.cpuS.toFixed(1).padStart(7)} s cpu ${m.rssMb.toFixed(0).padStart(6)} MB peak RSS   ${m.report.trees.grown} trees grown, ${m.report.trees.kept} kept; test ROC-AUC ${m.report.test.rocAuc.toFixed(3)}`;

try {
  const shipped = sharedPath('data', 'ci-runs', 'gha_workflow_runs.csv');
  if (shipped) {
    const header = fs.readFileSync(shipped, 'utf8').split('\n', 1)[0]?.trimEnd();
    if (header !== HEADER)
      console.log(`note: the shipped header differs from the generated one:\n  ${header}\n  ${HEADER}`);
    console.log(line('anchor: shipped 10,823', train(shipped)));
  } else console.log('anchor: skipped (no ../shared/data/ci-runs; set PREFLIGHT_SHARED)');
  const rows = [];
  for (const n of SIZES) {
    const csv = path.join(tmp, `runs-${n}.csv`);
    await writeSyntheticRunsCsv(csv, n);
    const m = train(csv);
    fs.rmSync(csv);
    rows.push({ n, ...m });
    console.log(line(`ours: ${n.toLocaleString('en-US')} runs`, m));
  }
  if (rows.length >= 2) {
    const xs = rows.map((r) => r.n);
    console.log(
      `growth exponent (least squares on log-log, ${xs.map((x) => x.toLocaleString('en-US')).join(' / ')} runs): wall ${growthExponent(
        xs,
        rows.map((r) => r.wallS),
      ).toFixed(2)}, cpu ${growthExponent(
        xs,
        rows.map((r) => r.cpuS),
      ).toFixed(2)}, peak RSS ${growthExponent(
        xs,
        rows.map((r) => r.rssMb),
      ).toFixed(2)} (1 = linear)`,
    );
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      console.log(
        `  ${a.n.toLocaleString('en-US')} -> ${b.n.toLocaleString('en-US')}: cpu x${(b.cpuS / a.cpuS).toFixed(1)}, peak RSS x${(b.rssMb / a.rssMb).toFixed(1)} for x${(b.n / a.n).toFixed(0)} runs; ${((b.rssMb * 1024 * 1024) / b.n).toFixed(0)} bytes a run at ${b.n.toLocaleString('en-US')}`,
      );
    }
  }
  console.log('before issue 25 (reported): 1,000,000 runs reached 3.8 GB and was still running after 600 s');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
