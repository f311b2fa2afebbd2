// `preflight explain` on issue 18's fixtures, as a user runs it (the real bin/preflight): a HistGradientBoosting-style
// classifier with BRANCH_LEQ +inf splits is explained correctly and exits 0; a classifier with three classes prints
// every class (or the one --class names); a model onnxruntime reads differently fails with exit 1 and one line naming
// the row, both values and the difference. References are enumerated through onnxruntime in the test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  boosterMulticlass,
  EDGE_FEATURES,
  edgeRegressor,
  edgeRows,
  histGradientBoostingBinary,
  rawScoresOf,
} from '../support/model/edgeTreeModels';
import { runtimeShapley } from '../support/model/runtimeShapley';
import { buildTreeModel, type TreeModelSpec } from '../support/model/treeModelBuilder';
import { CLI } from '../support/paths';

let dir = '';

function preflight(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The rows as CSV with the columns in reverse order (matched by name) and empty cells for missing values. */
function writeCsv(file: string, rows: number[][]): void {
  const order = [...EDGE_FEATURES.keys()].reverse();
  const lines = [order.map((i) => EDGE_FEATURES[i] ?? '').join(',')];
  for (const row of rows) lines.push(order.map((i) => (Number.isNaN(row[i]) ? '' : String(row[i]))).join(','));
  fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
}

function writeModel(file: string, spec: TreeModelSpec): string {
  fs.writeFileSync(path.join(dir, file), buildTreeModel(spec));
  return file;
}

interface OutputJson {
  value: number;
  base_value: number;
  shap: number[];
}

const ROWS = edgeRows(41, 8);
const BACKGROUND = edgeRows(42, 5);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-explain-edge-'));
  writeCsv('rows.csv', ROWS);
  writeCsv('bg.csv', BACKGROUND);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function assertClose(ours: OutputJson | undefined, base: number, shap: number[] | undefined, where: string): void {
  assert.ok(ours && shap, where);
  assert.ok(Math.abs(ours.base_value - base) < 1e-5, `${where}: base ${ours.base_value} vs ${base}`);
  shap.forEach((v, f) => {
    assert.ok(Math.abs((ours.shap[f] ?? NaN) - v) < 1e-5, `${where} feature ${f}: ${ours.shap[f]} vs ${v}`);
  });
}

describe('preflight explain on trees with infinite thresholds and several classes', () => {
  it('explains a HistGradientBoosting-style classifier with BRANCH_LEQ +inf splits correctly, exit 0', async () => {
    const spec = histGradientBoostingBinary(3);
    const model = writeModel('hgb.onnx', spec);
    const r = preflight(['explain', '--model', model, '--data', 'rows.csv', '--background', 'bg.csv']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as {
      output_space: string;
      local_accuracy: { ok: boolean; checked_against: string; failed_rows: number };
      rows: OutputJson[];
    };
    assert.equal(json.output_space, 'margin');
    assert.deepEqual(
      [json.local_accuracy.ok, json.local_accuracy.checked_against, json.local_accuracy.failed_rows],
      [true, 'onnxruntime', 0],
    );
    const reference = await runtimeShapley(buildTreeModel(rawScoresOf(spec)), 'probabilities', ROWS, BACKGROUND);
    json.rows.forEach((row, i) => {
      assertClose(row, reference.base[1] ?? NaN, reference.shap[i]?.[1], `row ${i}`);
    });
  });

  it('prints every class of a three-class classifier with the predicted class, or the one --class names', async () => {
    const spec = boosterMulticlass(5);
    const model = writeModel('booster.onnx', spec);
    const all = preflight(['explain', '--model', model, '--data', 'rows.csv', '--background', 'bg.csv']);
    assert.equal(all.status, 0, all.stderr);
    const json = JSON.parse(all.stdout) as {
      classes: string[];
      output_space: string;
      rows: { predicted_class: string; classes: (OutputJson & { class: string })[] }[];
    };
    assert.deepEqual(json.classes, ['0', '1', '2']);
    assert.equal(json.output_space, 'margin');
    const reference = await runtimeShapley(buildTreeModel(rawScoresOf(spec)), 'probabilities', ROWS, BACKGROUND);
    json.rows.forEach((row, i) => {
      assert.deepEqual(
        row.classes.map((c) => c.class),
        ['0', '1', '2'],
      );
      row.classes.forEach((c, k) => {
        assertClose(c, reference.base[k] ?? NaN, reference.shap[i]?.[k], `row ${i} class ${k}`);
      });
      const scores = reference.value[i] ?? [];
      assert.equal(row.predicted_class, String(scores.indexOf(Math.max(...scores))), `row ${i}: predicted class`);
    });
    const one = preflight([
      'explain',
      '--model',
      model,
      '--data',
      'rows.csv',
      '--background',
      'bg.csv',
      '--class',
      '2',
    ]);
    assert.equal(one.status, 0, one.stderr);
    const chosen = JSON.parse(one.stdout) as { class: string; classes?: unknown; rows: OutputJson[] };
    assert.equal(chosen.class, '2');
    assert.equal(chosen.classes, undefined);
    chosen.rows.forEach((row, i) => {
      const sameClass = json.rows[i]?.classes[2];
      assert.deepEqual(
        row,
        { value: sameClass?.value, base_value: sameClass?.base_value, shap: sameClass?.shap },
        `row ${i}`,
      );
    });
    const text = preflight([
      'explain',
      '--model',
      model,
      '--data',
      'rows.csv',
      '--background',
      'bg.csv',
      '--format',
      'text',
    ]);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stdout.match(/^row \d+: predicted class '\d'$/gm)?.length, ROWS.length);
    assert.equal(text.stdout.match(/^ {2}class '\d': value /gm)?.length, 3 * ROWS.length);
    const unknown = preflight(['explain', '--model', model, '--data', 'rows.csv', '--class', 'setosa']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, "preflight: booster.onnx has no class 'setosa' (its classes: '0', '1', '2')\n");
  });

  it('fails with exit 1 and one line naming the row, both values and the difference when onnxruntime disagrees', () => {
    // Each tree's nodes listed leaf first: onnxruntime starts the tree at that leaf, the ONNX spec at node 0.
    const model = writeModel('misread.onnx', { ...edgeRegressor('BRANCH_GT', 8), rootLast: true });
    const r = preflight(['explain', '--model', model, '--data', 'rows.csv', '--background', 'bg.csv']);
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0] ?? '',
      /^preflight: the SHAP values do not add up to onnxruntime's output on \d+ of 8 rows; worst is row (\d+) of rows\.csv: base \+ sum of SHAP values = (-?[\d.e+-]+), onnxruntime's TreeEnsembleRegressor output = (-?[\d.e+-]+) \(difference ([\d.e+-]+), more than the [\d.e+-]+ allowed\)$/,
    );
    const json = JSON.parse(r.stdout) as {
      local_accuracy: {
        ok: boolean;
        worst: { row: number; from_shap: number; onnxruntime: number; difference: number };
      };
    };
    assert.equal(json.local_accuracy.ok, false);
    const [, row, ours, theirs] =
      /row (\d+) of rows\.csv: base \+ sum of SHAP values = (\S+), onnxruntime's \S+ output = (\S+) /.exec(
        lines[0] ?? '',
      ) ?? [];
    assert.equal(Number(row), json.local_accuracy.worst.row);
    assert.ok(Math.abs(Number(ours) - json.local_accuracy.worst.from_shap) < 1e-6);
    assert.ok(Math.abs(Number(theirs) - json.local_accuracy.worst.onnxruntime) < 1e-6);
    assert.ok(json.local_accuracy.worst.difference > 1e-4);
  });
});
