// `npm run train:default`: retrains the model that ships with the extension from the shipped run history
// (../shared/data/ci-runs/gha_workflow_runs.csv beside the repository, or PREFLIGHT_RUNS_CSV), through the real CLI.
// The report also carries the walk-forward figures (weekly refits over the test period, ~100 s on 2 cores; the model
// file does not depend on them). SOURCE_DATE_EPOCH is pinned to the data snapshot, so the same data and code give
// byte-identical model files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const csv = process.env.PREFLIGHT_RUNS_CSV ?? path.resolve(root, '../shared/data/ci-runs/gha_workflow_runs.csv');
if (!fs.existsSync(csv)) {
  console.error(
    `train:default: run history not found at ${csv} (set PREFLIGHT_RUNS_CSV to the shipped gha_workflow_runs.csv)`,
  );
  process.exit(2);
}
const out = 'server/src/engine/model/data';
const args = [
  'bin/preflight',
  'train',
  '--runs',
  csv,
  '--out',
  `${out}/defaultFailureModel.onnx`,
  '--report',
  `${out}/defaultFailureModel.report.json`,
  '--seed',
  '1',
  '--walk-forward',
  '7d',
];
// 2025-12-07T16:45:09Z: the newest run in the shipped data.
const env = { ...process.env, SOURCE_DATE_EPOCH: '1765125909' };
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 2);
