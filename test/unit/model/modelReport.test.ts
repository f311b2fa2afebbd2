// Model reports on the example churn model (examples/model): the report's rows are the data's rows, importance is
// the mean |SHAP| of those rows, local accuracy holds, and the fairness numbers equal what a by-hand count over the
// model's own onnxruntime probabilities gives. Then the fairness gate as CI sees it: `preflight check` on an MLmodel.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { buildModelReport } from '../../../server/src/engine/model/report/buildModelReport';
import { FairnessGateCache } from '../../../server/src/engine/model/report/fairnessGateCache';
import { fairnessFindings } from '../../../server/src/engine/model/report/fairnessFindings';
import { parseYaml } from '../../../server/src/engine/yaml/parsedYaml';
import { parseModelExplainConfig } from '../../../server/src/engine/model/report/modelExplainConfig';
import { CLI, REPO_ROOT } from '../../support/paths';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'model');
const FEATURES = ['tenure_months', 'monthly_charges', 'support_calls', 'contract_months'];

function readCsv(file: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return { header: (head ?? '').split(','), rows: lines.map((l) => l.split(',').map(Number)) };
}

async function probabilities(rows: readonly number[][], columns: readonly number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(path.join(EXAMPLE, 'model.onnx'));
  const input = new ort.Tensor('float32', Float32Array.from(rows.flatMap((r) => columns.map((c) => r[c] ?? NaN))), [
    rows.length,
    columns.length,
  ]);
  const out = await session.run({ float_input: input });
  return Array.from(out['probability']?.data as Float32Array);
}

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-model-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the example model directory with the MLmodel's preflight block replaced. */
function modelDir(name: string, preflightBlock: string): string {
  const target = path.join(dir, name);
  fs.mkdirSync(target, { recursive: true });
  for (const f of ['model.onnx', 'eval_sample.csv']) fs.copyFileSync(path.join(EXAMPLE, f), path.join(target, f));
  const original = fs.readFileSync(path.join(EXAMPLE, 'MLmodel'), 'utf8');
  const replaced = original.replace(/ {2}# Read by Preflight[\s\S]*?(?=mlflow_version)/, preflightBlock);
  assert.notEqual(replaced, original, 'the example MLmodel still has its preflight block');
  fs.writeFileSync(path.join(target, 'MLmodel'), replaced);
  return target;
}

describe('model report on the example model', () => {
  it("explains every row with SHAP values that add up, in the data's own row order", async () => {
    const result = await buildModelReport(path.join(EXAMPLE, 'model.onnx'));
    assert.ok(result.ok, result.ok ? '' : result.error);
    const { report } = result;
    assert.deepEqual(report.notes, []);
    assert.equal(report.summary.trees?.count, 8);
    assert.deepEqual(
      report.summary.inputs.map((i) => i.name),
      ['float_input'],
    );
    const e = report.explanation;
    assert.ok(e);
    assert.equal(e.method, 'tree-interventional');
    assert.deepEqual(e.features, FEATURES);
    const csv = readCsv(path.join(EXAMPLE, 'eval_sample.csv'));
    assert.equal(e.rowsInData, csv.rows.length);
    // Checked against onnxruntime's float32 margins: float32 rounding, no more.
    assert.ok(e.localAccuracyError < 1e-5, `local accuracy ${e.localAccuracyError}`);
    assert.equal(e.link, 'logistic');
    assert.equal(e.outputs.length, 1);
    const output = e.outputs[0];
    assert.ok(output);
    const columns = FEATURES.map((f) => csv.header.indexOf(f));
    for (const [k, row] of e.rows.slice(0, 50).entries()) {
      assert.deepEqual(
        row.features,
        columns.map((c) => Math.fround(csv.rows[row.index]?.[c] ?? NaN)),
        `row ${row.index} carries its own values`,
      );
      const shap = output.shap[k] ?? [];
      assert.ok(Math.abs(output.baseValue + shap.reduce((a, b) => a + b, 0) - (output.values[k] ?? NaN)) < 1e-5);
    }
    // Importance = mean |SHAP| over the explained rows (all 300 here).
    for (const [f, feature] of FEATURES.entries()) {
      const mean = output.shap.reduce((s, r) => s + Math.abs(r[f] ?? 0), 0) / e.rows.length;
      assert.ok(Math.abs((output.importance.find((i) => i.feature === feature)?.meanAbsShap ?? NaN) - mean) < 1e-12);
    }
  });

  it("computes group fairness from the model's own probabilities", async () => {
    const result = await buildModelReport(path.join(EXAMPLE, 'model.onnx'), { explain: false });
    assert.ok(result.ok);
    const fairness = result.report.fairness?.[0];
    assert.ok(fairness);
    assert.equal(result.report.explanation, undefined);
    const csv = readCsv(path.join(EXAMPLE, 'eval_sample.csv'));
    const p = await probabilities(
      csv.rows,
      FEATURES.map((f) => csv.header.indexOf(f)),
    );
    const senior = csv.header.indexOf('senior_citizen');
    const label = csv.header.indexOf('churned');
    const threshold =
      parseModelExplainConfig(fs.readFileSync(path.join(EXAMPLE, 'MLmodel'), 'utf8'), path.join(EXAMPLE, 'MLmodel'))
        .decisionThreshold ?? 0.5;
    const rate = (group: number, which: (i: number) => boolean): number => {
      const idx = csv.rows.map((_, i) => i).filter((i) => csv.rows[i]?.[senior] === group && which(i));
      return idx.filter((i) => (p[i] ?? 0) >= threshold).length / idx.length;
    };
    const selection = [rate(0, () => true), rate(1, () => true)];
    const tpr = [rate(0, (i) => csv.rows[i]?.[label] === 1), rate(1, (i) => csv.rows[i]?.[label] === 1)];
    assert.deepEqual(
      fairness.groups.map((g) => g.group),
      ['0', '1'],
    );
    const metric = (id: string): number => fairness.metrics.find((m) => m.metric === id)?.value ?? Number.NaN;
    assert.ok(
      Math.abs(metric('demographic_parity_difference') - Math.abs((selection[0] ?? 0) - (selection[1] ?? 0))) < 1e-12,
    );
    assert.ok(
      Math.abs(metric('equal_opportunity_difference') - Math.abs((tpr[0] ?? 0) - (tpr[1] ?? 0))) < 1e-12,
      `${metric('equal_opportunity_difference')} vs ${tpr.join(' ')}`,
    );
    assert.equal(result.report.fairnessDecision?.space, 'probability', 'the example model outputs a Sigmoid');
    assert.deepEqual(fairness.violations, [], 'the example model passes its own gate');
  });

  it('reports an unreadable data file as a note naming the file, not a failure', async () => {
    const target = modelDir('missing-data', '  preflight:\n    data: nowhere.csv\n');
    const result = await buildModelReport(path.join(target, 'model.onnx'));
    assert.ok(result.ok);
    assert.match(result.report.notes.join('\n'), /nowhere\.csv: cannot read \(ENOENT\)/);
  });
});

describe('fairness gate in `preflight check`', () => {
  function check(target: string): { status: number | null; stdout: string } {
    const r = spawnSync(process.execPath, [CLI, 'check', 'MLmodel', '--format', 'json'], {
      cwd: target,
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout };
  }
  interface JsonFinding {
    rule: string;
    message: string;
    line: number;
  }
  const findings = (stdout: string): JsonFinding[] =>
    (
      JSON.parse(stdout) as {
        files: { diagnostics: { rule: string; message: string; range: { start: { line: number } } }[] }[];
      }
    ).files
      .flatMap((f) => f.diagnostics)
      .map((f) => ({ rule: f.rule, message: f.message, line: f.range.start.line }));

  it("fails CI with a finding on the exceeded limit's line", () => {
    const target = modelDir(
      'strict',
      [
        '  preflight:',
        '    data: eval_sample.csv',
        '    label: churned',
        '    decision_threshold: 0.35',
        '    fairness:',
        '      sensitive_features: [senior_citizen]',
        '      max_demographic_parity_difference: 0.01',
        '',
      ].join('\n'),
    );
    const r = check(target);
    assert.equal(r.status, 1);
    const found = findings(r.stdout).filter((f) => f.rule === 'mlflow-model-fairness');
    assert.equal(found.length, 1, JSON.stringify(found));
    const lines = fs.readFileSync(path.join(target, 'MLmodel'), 'utf8').split('\n');
    assert.match(lines[found[0]?.line ?? -1] ?? '', /max_demographic_parity_difference: 0\.01/);
    assert.match(found[0]?.message ?? '', /demographic parity difference 0\.\d{3} exceeds 0\.01/);
  });

  it('passes the example model, and says so when a declared gate cannot run', () => {
    assert.equal(check(EXAMPLE).status, 0);
    const target = modelDir(
      'no-label',
      [
        '  preflight:',
        '    data: eval_sample.csv',
        '    fairness:',
        '      sensitive_features: [senior_citizen]',
        '',
      ].join('\n'),
    );
    const r = check(target);
    assert.equal(r.status, 1);
    assert.match(
      findings(r.stdout)
        .map((f) => f.message)
        .join('\n'),
      /add metadata\.preflight\.label/,
    );
  });

  it('can be silenced like any rule', () => {
    const target = modelDir(
      'silenced',
      ['  preflight:', '    fairness:', '      sensitive_features: [senior_citizen]', ''].join('\n'),
    );
    assert.equal(check(target).status, 1);
    fs.writeFileSync(path.join(target, '.preflight.yml'), 'rules:\n  mlflow-model-fairness: off\n');
    assert.equal(check(target).status, 0);
  });
});

describe('fairness gate cache (the editor re-checks after every typing pause)', () => {
  const STRICT = [
    '  preflight:',
    '    data: eval_sample.csv',
    '    label: churned',
    '    fairness:',
    '      sensitive_features: [senior_citizen]',
    '      max_demographic_parity_difference: 0.01',
    '',
  ].join('\n');

  it('runs the model once while only other text changes, and again when the model, data or settings change', async () => {
    const target = modelDir('cached', STRICT);
    const file = path.join(target, 'MLmodel');
    const text = fs.readFileSync(file, 'utf8');
    const cache = new FairnessGateCache();
    const first = await fairnessFindings(file, parseYaml(text), cache);
    assert.equal(first.length, 1, JSON.stringify(first));
    assert.equal(cache.modelRuns, 1);
    assert.deepEqual(await fairnessFindings(file, parseYaml(text), cache), first, 'same inputs, same findings');
    assert.equal(cache.modelRuns, 1, 'an unchanged second check does not rescore');
    // Typing elsewhere (a comment above everything) moves the finding a line down without a model run.
    const typed = await fairnessFindings(file, parseYaml(`# notes\n${text}`), cache);
    assert.equal(typed[0]?.message, first[0]?.message);
    assert.equal(typed[0]?.range.start.line, (first[0]?.range.start.line ?? 0) + 1);
    assert.equal(cache.modelRuns, 1);
    // A looser limit in the (unsaved) text is new settings: one run, and the gate passes.
    assert.deepEqual(
      await fairnessFindings(
        file,
        parseYaml(text.replace('max_demographic_parity_difference: 0.01', 'max_demographic_parity_difference: 0.9')),
        cache,
      ),
      [],
    );
    assert.equal(cache.modelRuns, 2);
    // New data (same size, new time) and a retrained model (new time) each run it again.
    const data = path.join(target, 'eval_sample.csv');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(data, later, later);
    await fairnessFindings(file, parseYaml(text), cache);
    assert.equal(cache.modelRuns, 3);
    fs.utimesSync(path.join(target, 'model.onnx'), later, later);
    await fairnessFindings(file, parseYaml(text), cache);
    assert.equal(cache.modelRuns, 4);
    await fairnessFindings(file, parseYaml(text), cache);
    assert.equal(cache.modelRuns, 4);
  });

  it('does not keep a missing data file: it is looked for again on the next check', async () => {
    const target = modelDir('late-data', STRICT);
    const file = path.join(target, 'MLmodel');
    const data = path.join(target, 'eval_sample.csv');
    fs.renameSync(data, `${data}.away`);
    const cache = new FairnessGateCache();
    const missing = await fairnessFindings(file, parseYaml(fs.readFileSync(file, 'utf8')), cache);
    assert.match(missing.map((f) => f.message).join('\n'), /eval_sample\.csv: cannot read/);
    fs.renameSync(`${data}.away`, data);
    const found = await fairnessFindings(file, parseYaml(fs.readFileSync(file, 'utf8')), cache);
    assert.match(found.map((f) => f.message).join('\n'), /demographic parity difference/);
    assert.equal(cache.modelRuns, 2);
  });
});
