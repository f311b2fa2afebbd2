// `preflight train/evaluate/predict` as a user runs them, on a constructed run history: the model file loads in
// onnxruntime and scores the held-out runs exactly as our JS scoring of the same trees does, predictions add up
// (base + SHAP = margin), and mistakes give one clear line and exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { calibratedRisk } from '../../../server/src/engine/model/failure/explainRisk';
import { readFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import { FEATURE_NAMES } from '../../../server/src/engine/model/failure/featureSpecs';
import { createRiskScorer } from '../../../server/src/engine/model/failure/onnxRisk';
import { loadRunsCsv } from '../../../server/src/engine/model/runs/loadRunsCsv';
import { predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import { CLI } from '../../support/paths';
import { syntheticRuns, toCsv } from '../../support/model/syntheticRuns';

let dir = '';

function preflight(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * 300 runs of CI in GitHub API form with their jobs: `test` fails on odd runs (one matrix leg), `lint` never fails, so
 * the runs alternate while lint's own history is all green.
 */
function apiHistoryWithJobs(): string {
  const t0 = Date.UTC(2026, 0, 5, 8);
  const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const runs = Array.from({ length: 300 }, (_, i) => {
    const at = t0 + i * 2 * 3_600_000;
    const failed = i % 2 === 1;
    const job = (name: string, conclusion: string): object => ({
      name,
      status: 'completed',
      conclusion,
      started_at: iso(at + 60_000),
      completed_at: iso(at + 9 * 60_000),
    });
    return {
      id: 5000 + i,
      workflow_id: 7,
      name: 'CI',
      path: '.github/workflows/ci.yml',
      head_branch: 'main',
      head_sha: `sha${i}`,
      event: 'push',
      status: 'completed',
      conclusion: failed ? 'failure' : 'success',
      created_at: iso(at),
      updated_at: iso(at + 10 * 60_000),
      actor: { login: 'alice', type: 'User' },
      repository: { full_name: 'acme/ml' },
      jobs: [job('test (3.10)', 'success'), job('test (3.12)', failed ? 'failure' : 'success'), job('lint', 'success')],
    };
  });
  return JSON.stringify({ total_count: runs.length, workflow_runs: runs });
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-train-'));
  fs.writeFileSync(path.join(dir, 'runs.csv'), toCsv(syntheticRuns(31, 1500)));
  fs.writeFileSync(path.join(dir, 'api-runs.json'), apiHistoryWithJobs());
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('preflight train / evaluate / predict', () => {
  it('trains with progress, writes model, report and held-out predictions that onnxruntime reproduces', async () => {
    const r = preflight([
      'train',
      '--runs',
      'runs.csv',
      '--out',
      'out/model.onnx',
      '--report',
      'report.json',
      '--predictions',
      'pred.csv',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /preflight train: tree \d+\/1000, train loss/);
    assert.match(r.stdout, /ROC-AUC/);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as {
      test: { rocAuc: number; f1: number };
      baseline: { f1: number };
      split: { test: number };
    };
    // The history is learnable (outcomes repeat per workflow and branch), so the model must beat chance clearly.
    assert.ok(report.test.rocAuc > 0.7, `ROC-AUC ${report.test.rocAuc}`);
    const lines = fs.readFileSync(path.join(dir, 'pred.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'id_build,probability,predicted_failure,failed');
    assert.equal(lines.length - 1, report.split.test);

    const bytes = fs.readFileSync(path.join(dir, 'out/model.onnx'));
    const model = readFailureModelOnnx(bytes, 'model.onnx');
    assert.ok(model.ok, model.ok ? '' : model.error);
    const runs = loadRunsCsv(fs.readFileSync(path.join(dir, 'runs.csv'), 'utf8'), 'runs.csv');
    assert.ok(runs.ok);
    const table = buildFeatureTable(runs.value);
    const heldOut = lines.slice(1).map((l) => l.split(','));
    const rows = heldOut.map(([id]) => table.runs.findIndex((run) => run.id === id));
    const values = new Float64Array(rows.length * table.featureCount);
    rows.forEach((r, k) => {
      values.set(table.values.subarray(r * table.featureCount, (r + 1) * table.featureCount), k * table.featureCount);
    });
    const scorer = await createRiskScorer(bytes, model.value);
    const onnx = await scorer.score(values, rows.length);
    await scorer.dispose();
    heldOut.forEach(([id, p], k) => {
      const js = calibratedRisk(
        model.value,
        predictMargin(model.value.ensemble, values.subarray(k * table.featureCount, (k + 1) * table.featureCount)),
      );
      assert.ok(Math.abs(js - Number(p)) < 1e-5, `run ${id}: JS ${js} vs trained ${p}`);
      assert.ok(Math.abs((onnx[k] ?? 0) - js) < 1e-5, `run ${id}: onnxruntime ${onnx[k]} vs JS ${js}`);
    });
  });

  it('also evaluates walk-forward when asked: every test run scored once, by a model retrained on ever more finished runs', () => {
    const r = preflight([
      'train',
      '--runs',
      'runs.csv',
      '--out',
      'out/wf.onnx',
      '--report',
      'wf.json',
      '--walk-forward',
      '1d',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /preflight train: walk-forward window 1\/\d+ from \d{4}-\d\d-\d\d, retraining on \d+ finished runs/,
    );
    assert.match(r.stdout, /Walk-forward on the same test runs: a model retrained every 1 day/);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'wf.json'), 'utf8')) as {
      split: { test: number; testFrom: string };
      trees: { kept: number };
      walkForward: {
        stepDays: number;
        trees: number;
        steps: { from: string; pastRuns: number; predicted: number }[];
        test: { count: number; rocAuc: number };
      };
    };
    const walked = report.walkForward;
    assert.equal(walked.stepDays, 1);
    assert.equal(walked.trees, report.trees.kept);
    assert.equal(walked.test.count, report.split.test);
    assert.equal(
      walked.steps.reduce((n, s) => n + s.predicted, 0),
      report.split.test,
    );
    assert.equal(walked.steps[0]?.from, report.split.testFrom);
    for (let k = 1; k < walked.steps.length; k++)
      assert.ok(
        (walked.steps[k]?.pastRuns ?? 0) > (walked.steps[k - 1]?.pastRuns ?? 0),
        'each window learns from more runs',
      );
    assert.ok(walked.test.rocAuc > 0.7, `walk-forward ROC-AUC ${walked.test.rocAuc}`);
  });

  it('evaluates and predicts with exact explanations', () => {
    const e = preflight([
      'evaluate',
      '--model',
      'out/model.onnx',
      '--runs',
      'runs.csv',
      '--format',
      'json',
      '--walk-forward',
      '2d',
    ]);
    assert.equal(e.status, 0, e.stderr);
    const evaluation = JSON.parse(e.stdout) as {
      runs: number;
      model: { rocAuc: number };
      walkForward: { test: { count: number; rocAuc: number }; steps: unknown[] };
      drift: { psi: number }[];
      groups: unknown[];
      retrain: { retrain: boolean };
      asUsed: {
        report: { count: number };
        historyRuns: number;
        modelWeight: number;
        retrainings: { at: string; adopted: boolean; text: string }[];
      };
    };
    assert.ok(evaluation.runs > 0 && evaluation.model.rocAuc > 0.6);
    assert.match(e.stderr, /preflight evaluate: walk-forward window 1\/\d+/);
    // As used: the same runs, each fitted on the history the editor would have held, retrained weekly as it does.
    const { asUsed } = evaluation;
    assert.equal(asUsed.report.count, evaluation.runs);
    assert.equal(asUsed.historyRuns, 1000);
    assert.ok(asUsed.modelWeight > 0 && asUsed.modelWeight < 1, String(asUsed.modelWeight));
    const retrainingLines = e.stderr.match(
      /preflight evaluate: as used, retraining \d+\/\d+ on the history of acme\/\w+ before \d{4}-\d\d-\d\d/g,
    );
    assert.equal(retrainingLines?.length, asUsed.retrainings.length);
    assert.ok(asUsed.retrainings.length >= 1);
    assert.equal(evaluation.walkForward.test.count, evaluation.runs, 'the same runs, scored walk-forward');
    assert.ok(evaluation.walkForward.steps.length >= 2 && evaluation.walkForward.test.rocAuc > 0.6);
    assert.equal(evaluation.drift.length, FEATURE_NAMES.length);
    const p = preflight([
      'predict',
      '--model',
      'out/model.onnx',
      '--runs',
      'runs.csv',
      '--workflow',
      'CI tests',
      '--branch',
      'feature-a',
      '--format',
      'json',
    ]);
    assert.equal(p.status, 0, p.stderr);
    const prediction = JSON.parse(p.stdout) as {
      workflow: string;
      branch: string;
      probability: number;
      localAccuracyError: number;
      factors: { reason: string; points: number }[];
    };
    assert.equal(prediction.workflow, 'CI tests');
    assert.equal(prediction.branch, 'feature-a');
    assert.ok(prediction.probability > 0 && prediction.probability < 1);
    assert.ok(prediction.localAccuracyError < 1e-9, `base + Σ SHAP − margin = ${prediction.localAccuracyError}`);
    assert.equal(prediction.factors.length, 5);
    const text = preflight(['predict', '--model', 'out/model.onnx', '--runs', 'runs.csv', '--workflow', 'Lint']);
    assert.match(text.stdout, /^Failure risk of the next run of 'Lint' \(acme\/\w+, branch [\w-]+, \w+\): [<>]?\d+%/);
    assert.match(text.stdout, /: [+−]\d+\.\d pts$/m);
  });

  it('trains the job-level model from a history with jobs (--jobs): one row per run and job, matrix legs merged', () => {
    const r = preflight(['train', '--runs', 'api-runs.json', '--jobs', '--out', 'out/jobs.onnx', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /300 runs from api-runs\.json\n.*600 job results from the runs' jobs/);
    const report = JSON.parse(r.stdout) as {
      level: string;
      split: { train: number; valid: number; test: number };
      test: { f1: number };
    };
    assert.equal(report.level, 'jobs');
    assert.equal(report.split.train + report.split.valid + report.split.test, 600);
    // Each job's own history decides: test alternates, lint never fails; both are learnable exactly.
    assert.ok(report.test.f1 > 0.95, String(report.test.f1));
    const text = preflight(['train', '--runs', 'api-runs.json', '--jobs', '--out', 'out/jobs.onnx']);
    assert.match(text.stdout, /^Trained on \d+ job results, validated on \d+, tested on the last 120 /);
    const noJobs = preflight(['train', '--runs', 'runs.csv', '--jobs', '--out', 'out/none.onnx']);
    assert.equal(noJobs.status, 2);
    assert.match(
      noJobs.stderr,
      /\npreflight: runs\.csv: no jobs to train on\. --jobs needs a history in GitHub API form with each run's jobs/,
    );
  });

  it('fails with one line naming the problem', () => {
    const cases: [string[], RegExp][] = [
      [['train', '--out', 'm.onnx'], /^preflight: --runs FILE .* is required\n$/],
      [['train', '--runs', 'missing.csv', '--out', 'm.onnx'], /^preflight: missing\.csv: no such file\n$/],
      [['train', '--runs', 'runs.txt', '--out', 'm.onnx'], /^preflight: runs\.txt: unknown run history format '\.txt'/],
      [
        ['train', '--runs', 'runs.csv', '--out', 'm.onnx', '--walk-forward', '7x'],
        /^preflight: --walk-forward takes a retraining interval such as 7d \(days\) or 12h \(hours\), not '7x'\n$/,
      ],
      [
        ['evaluate', '--model', 'runs.csv', '--runs', 'runs.csv'],
        /^preflight: runs\.csv: not (an ONNX model|a Preflight failure-risk model)/,
      ],
      [
        ['predict', '--model', 'out/model.onnx', '--runs', 'runs.csv', '--workflow', 'nope'],
        /^preflight: runs\.csv: no runs of workflow 'nope' \(known: /,
      ],
      [
        ['predict', '--model', 'out/model.onnx', '--runs', 'runs.csv', '--workflow', 'Lint', '--git', 'no-clone'],
        /^preflight: no-clone: cannot read git history/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = preflight(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, pattern);
    }
  });
});
