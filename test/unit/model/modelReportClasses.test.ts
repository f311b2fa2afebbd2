// The model view's report for issue 18's fixtures: a three-class classifier is explained per class, with the class the
// model predicts for each shown row; a model onnxruntime reads differently gets an explanation error naming the data
// file's row, and no explanation to draw.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildModelReport } from '../../../server/src/engine/model/report/buildModelReport';
import { boosterMulticlass, EDGE_FEATURES, edgeRegressor, edgeRows } from '../../support/model/edgeTreeModels';
import { runtimeScores } from '../../support/model/runtimeShapley';
import { buildTreeModel } from '../../support/model/treeModelBuilder';

const ROWS = edgeRows(51, 30);
let dir = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-model-classes-'));
  const lines = [
    EDGE_FEATURES.join(','),
    ...ROWS.map((r) => r.map((v) => (Number.isNaN(v) ? '' : String(v))).join(',')),
  ];
  fs.writeFileSync(path.join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('model reports of classifiers with several classes, and of misread models', () => {
  it('explains every class of a three-class booster, with the predicted class per row', async () => {
    const spec = { ...boosterMulticlass(61), zipMap: false };
    const model = path.join(dir, 'booster.onnx');
    fs.writeFileSync(model, buildTreeModel(spec));
    const result = await buildModelReport(model, { dataPath: path.join(dir, 'rows.csv') });
    assert.ok(result.ok, result.ok ? '' : result.error);
    const { report } = result;
    assert.equal(report.explanationError, undefined);
    const e = report.explanation;
    assert.ok(e);
    assert.equal(e.link, 'softmax');
    assert.deepEqual(
      e.outputs.map((o) => o.label),
      ['0', '1', '2'],
    );
    assert.equal(e.rows.length, ROWS.length);
    const probabilities = await runtimeScores(buildTreeModel(spec), 'probabilities', ROWS);
    assert.deepEqual(
      e.predictedClass,
      probabilities.map((p) => p.indexOf(Math.max(...p))),
    );
    for (const output of e.outputs)
      output.shap.forEach((shap, r) => {
        const sum = shap.reduce((a, b) => a + b, output.baseValue);
        assert.ok(Math.abs(sum - (output.values[r] ?? NaN)) < 1e-4, `class ${output.label} row ${r}`);
      });
    assert.ok(e.localAccuracyError < 1e-5);
  });

  it('reports SHAP values that do not add up to onnxruntime as an error naming the row, with nothing to draw', async () => {
    const model = path.join(dir, 'misread.onnx');
    fs.writeFileSync(model, buildTreeModel({ ...edgeRegressor('BRANCH_LT', 71), rootLast: true }));
    const result = await buildModelReport(model, { dataPath: path.join(dir, 'rows.csv') });
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.report.explanation, undefined);
    assert.match(
      result.report.explanationError ?? '',
      /^misread\.onnx: the SHAP values do not add up to onnxruntime's output on \d+ of 30 rows; worst is row \d+ of rows\.csv: base \+ sum of SHAP values = \S+, onnxruntime's TreeEnsembleRegressor output = \S+ \(difference \S+, more than the \S+ allowed\)$/,
    );
  });
});
