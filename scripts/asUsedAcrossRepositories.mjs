// `node scripts/asUsedAcrossRepositories.mjs`: does a failure-risk figure mean what it says in a repository the model
// never saw? Trains a model on one repository's early history (facebook/react before 2025-03, from the shipped
// ../shared/data/ci-runs CSV), then runs `preflight evaluate` on each other repository of the CSV with at least 250
// runs, and prints the model's Brier score and ECE raw and as the editor would use it (asUsedReplay.ts: calibrated on the
// repository, weighed against its record, retrained weekly) beside the rule "the previous run failed". The model card
// quotes its output. Writes only to a temporary folder. PREFLIGHT_RUNS_CSV names the CSV when ../shared is elsewhere.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const csv = process.env.PREFLIGHT_RUNS_CSV ?? path.resolve(root, '../shared/data/ci-runs/gha_workflow_runs.csv');
const TRAIN_REPO = 'facebook/react';
const TRAIN_BEFORE = '2025-03-01';
const MIN_RUNS = 250;

const [header, ...lines] = fs.readFileSync(csv, 'utf8').trimEnd().split('\n');
const columns = header.split(',');
const repoAt = columns.indexOf('repo');
const createdAt = columns.indexOf('created_at');
// The CSV quotes workflow names with commas, but repo and created_at come before any quoted column.
const byRepo = new Map();
for (const line of lines) {
  const cells = line.split(',');
  const repo = cells[repoAt];
  if (!byRepo.has(repo)) byRepo.set(repo, []);
  byRepo.get(repo).push({ line, created: cells[createdAt] ?? '' });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-as-used-'));
const write = (name, rows) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${header}\n${rows.map((r) => r.line).join('\n')}\n`);
  return file;
};
const cli = (args) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/preflight'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`preflight ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
try {
  const trainFile = write(
    'train.csv',
    byRepo.get(TRAIN_REPO).filter((r) => r.created.slice(0, 10) < TRAIN_BEFORE),
  );
  const model = path.join(dir, 'model.onnx');
  cli(['train', '--runs', trainFile, '--out', model, '--seed', '1']);
  console.log(`Model trained on ${TRAIN_REPO} before ${TRAIN_BEFORE}; each row is a repository it never saw.`);
  console.log(
    'repository'.padEnd(22) +
      [
        'runs',
        'Brier raw',
        'as used',
        'prev failed',
        'ECE raw',
        'as used',
        'warm ECE',
        'warm Brier',
        'prev',
        'bands',
        'model share',
        'retrained',
      ]
        .map((h) => h.padStart(12))
        .join(''),
  );
  for (const [repo, rows] of byRepo) {
    if (repo === TRAIN_REPO || rows.length < MIN_RUNS) continue;
    const file = write(`${repo.replace('/', '__')}.csv`, rows);
    const d = JSON.parse(cli(['evaluate', '--model', model, '--runs', file, '--format', 'json']));
    const warm = d.asUsed.afterWarmUp;
    const f = (v) => (v === undefined ? '–' : v.toFixed(3)).padStart(12);
    console.log(
      repo.padEnd(22) +
        String(d.runs).padStart(12) +
        [
          d.model.brier,
          d.asUsed.report.brier,
          d.baseline.brier,
          d.model.ece,
          d.asUsed.report.ece,
          warm.report?.ece,
          warm.report?.brier,
          warm.baseline?.brier,
        ]
          .map(f)
          .join('') +
        [d.asUsed.bandShare, d.asUsed.modelWeight, d.asUsed.retrainedShare]
          .map((v) => `${Math.round(v * 100)}%`.padStart(12))
          .join(''),
    );
  }
  console.log(
    '"warm": runs predicted once 300 of them had finished; "prev": the rule on those runs; "model share": the model\'s ' +
      'weight against the repository\'s record, averaged; "retrained": runs scored by a repository model it adopted.',
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
