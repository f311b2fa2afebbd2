// `preflight explain` as a user runs it: the real bin/preflight over the committed reference models, with CSV columns
// in another order than the model's inputs plus an id column, compared with the Python brute-force values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../support/paths';
import { loadReference, SHAP_FIXTURES } from '../support/model/shapFixtures';

let dir = '';

function preflight(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A CSV with an id column first and the features in reverse order, quoted headers, empty cells for missing values. */
function writeCsv(file: string, features: string[], rows: (number | null)[][]): void {
  const order = [...features.keys()].reverse();
  const lines = [['"id"', ...order.map((i) => `"${features[i] ?? ''}"`)].join(',')];
  for (const [r, row] of rows.entries())
    lines.push([`row-${r}`, ...order.map((i) => (row[i] === null ? '' : String(row[i])))].join(','));
  fs.writeFileSync(path.join(dir, file), `${lines.join('\r\n')}\r\n`);
}

interface ExplainJson {
  method: string;
  output_space: string;
  features: string[];
  local_accuracy: { ok: boolean };
  rows: { value: number; base_value: number; shap: number[] }[];
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-explain-'));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('preflight explain', () => {
  it('prints the JSON contract in row order, matching the brute-force reference to 1e-4', () => {
    const { ref } = loadReference('xgb_classifier');
    writeCsv('rows.csv', ref.features, ref.rows);
    writeCsv('bg.csv', ref.features, ref.background);
    const r = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'xgb_classifier.onnx'),
      '--data',
      'rows.csv',
      '--background',
      'bg.csv',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as ExplainJson;
    assert.equal(json.method, 'tree-interventional');
    assert.equal(json.output_space, 'margin');
    assert.deepEqual(json.features, ref.features);
    assert.ok(json.local_accuracy.ok);
    assert.equal(json.rows.length, ref.rows.length);
    for (const [i, row] of json.rows.entries()) {
      assert.ok(Math.abs(row.value - (ref.margin?.[i] ?? 0)) < 1e-5, `row ${i} value`);
      assert.ok(Math.abs(row.base_value - (ref.expected.base[i] ?? 0)) < 1e-4);
      row.shap.forEach((v, f) => {
        assert.ok(Math.abs(v - (ref.expected.shap[i]?.[f] ?? 0)) < 1e-4, `row ${i} feature ${f}`);
      });
    }
  });

  it('reads the rows from Parquet as well, matching the features by name', () => {
    const { ref } = loadReference('xgb_classifier');
    writeCsv('bg.csv', ref.features, ref.background);
    const r = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'xgb_classifier.onnx'),
      '--data',
      path.join(SHAP_FIXTURES, 'xgb_classifier_rows.parquet'),
      '--background',
      'bg.csv',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as ExplainJson;
    assert.equal(json.rows.length, ref.rows.length);
    json.rows.forEach((row, i) => {
      row.shap.forEach((v, f) => {
        assert.ok(Math.abs(v - (ref.expected.shap[i]?.[f] ?? 0)) < 1e-4, `row ${i} feature ${f}`);
      });
    });
  });

  it('explains a network exactly in output space and prints a text table of top factors', () => {
    const { ref } = loadReference('mlp');
    writeCsv('mlp.csv', ref.features, ref.rows);
    writeCsv('mlp-bg.csv', ref.features, ref.background);
    const json = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'mlp.onnx'),
      '--data',
      'mlp.csv',
      '--background',
      'mlp-bg.csv',
    ]);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as ExplainJson;
    assert.equal(parsed.method, 'exact');
    assert.equal(parsed.output_space, 'output');
    parsed.rows[0]?.shap.forEach((v, f) => {
      assert.ok(Math.abs(v - (ref.expected.shap[0]?.[f] ?? 0)) < 1e-4);
    });
    const text = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'mlp.onnx'),
      '--data',
      'mlp.csv',
      '--background',
      'mlp-bg.csv',
      '--format',
      'text',
    ]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^method: exact \(probability, output space\)\nlocal accuracy against onnxruntime: ok/);
    assert.equal(text.stdout.match(/^row \d+: value /gm)?.length, ref.rows.length);
  });

  it('refuses NaN, Infinity and values beyond float32 with one line naming the line, row and feature', () => {
    const model = path.join(SHAP_FIXTURES, 'xgb_classifier.onnx');
    const cases: [string, string, RegExp][] = [
      [
        'inf.csv',
        'x0,x1,x2,x3,x4\n1,2,3,4,5\n1,2,3,Infinity,5\n',
        /^preflight: inf\.csv:3: row 2, feature 'x3' is Infinity, not a finite number: explain takes finite values only \(leave a missing value empty, NA or null\)\n$/,
      ],
      [
        'nan.csv',
        'x0,x1,x2,x3,x4\n1,2,3,4,5\n1,2,3,4,5\nNaN,2,3,4,5\n',
        /^preflight: nan\.csv:4: row 3, feature 'x0' is NaN, not a finite number/,
      ],
      ['neg.csv', 'x0,x1,x2,x3,x4\n1,2,3,4,-inf\n', /^preflight: neg\.csv:2: row 1, feature 'x4' is -Infinity/],
      [
        'big.csv',
        'x0,x1,x2,x3,x4\n1,2,1e39,4,5\n',
        /^preflight: big\.csv:2: row 1, feature 'x2' is 1e39, beyond float32/,
      ],
    ];
    for (const [file, text, expected] of cases) {
      fs.writeFileSync(path.join(dir, file), text);
      const r = preflight(['explain', '--model', model, '--data', file]);
      assert.equal(r.status, 2, file);
      assert.equal(r.stdout, '', `${file}: nothing explained`);
      assert.match(r.stderr, expected);
    }
    // The background set is held to the same rule.
    fs.writeFileSync(path.join(dir, 'ok.csv'), 'x0,x1,x2,x3,x4\n1,2,3,4,5\n');
    const background = preflight(['explain', '--model', model, '--data', 'ok.csv', '--background', 'inf.csv']);
    assert.equal(background.status, 2);
    assert.match(background.stderr, /^preflight: inf\.csv:3: row 2, feature 'x3' is Infinity/);
  });

  it('fails with one line naming the missing column, the bad cell, or the non-model file', () => {
    fs.writeFileSync(path.join(dir, 'short.csv'), 'x0,x1\n1,2\n');
    const missing = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'xgb_classifier.onnx'),
      '--data',
      'short.csv',
    ]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^preflight: short\.csv: no column 'x2', 'x3', 'x4'/);
    fs.writeFileSync(path.join(dir, 'text.csv'), 'x0,x1,x2,x3,x4\n1,2,3,4,5\n1,2,"yes",4,5\n');
    const bad = preflight([
      'explain',
      '--model',
      path.join(SHAP_FIXTURES, 'xgb_classifier.onnx'),
      '--data',
      'text.csv',
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^preflight: text\.csv:3: column 'x2' holds 'yes', not a number/);
    const notModel = preflight(['explain', '--model', 'text.csv', '--data', 'text.csv']);
    assert.equal(notModel.status, 2);
    assert.match(notModel.stderr, /^preflight: text\.csv: not an ONNX model/);
    assert.equal(notModel.stderr.trim().split('\n').length, 1);
    const usage = preflight(['explain', '--data', 'text.csv']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /explain needs --model and --data/);
  });
});
