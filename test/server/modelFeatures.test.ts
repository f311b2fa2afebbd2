// The user's model over the real protocol: hovering a feature in an MLmodel shows its importance from the model's SHAP
// report, the model report request answers with progress and honours cancellation, and the fairness gate publishes
// its finding on the limit's line after the file opens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ModelReportProgressNotification, ModelReportRequest } from '../../protocol/modelInsights';
import { EXAMPLES } from '../support/paths';
import { startHarness, type Harness } from '../support/lspHarness';

describe('MLmodel and ONNX models over the language server', () => {
  let h: Harness;
  let dir = '';
  let mlmodelText = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-model-lsp-'));
    for (const f of ['model.onnx', 'eval_sample.csv', 'MLmodel'])
      fs.copyFileSync(path.join(EXAMPLES, 'model', f), path.join(dir, f));
    // A stricter limit than the example's, so the fairness gate has a finding to publish.
    mlmodelText = fs
      .readFileSync(path.join(dir, 'MLmodel'), 'utf8')
      .replace('max_demographic_parity_difference: 0.1', 'max_demographic_parity_difference: 0.01');
    assert.match(mlmodelText, /max_demographic_parity_difference: 0\.01/);
    fs.writeFileSync(path.join(dir, 'MLmodel'), mlmodelText);
    h = await startHarness(dir);
  });
  after(() => {
    h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("publishes the fairness gate's finding on the limit's line after the quick checks", async () => {
    const uri = pathToFileURL(path.join(dir, 'MLmodel')).href;
    const quick = h.nextDiagnostics(uri);
    h.open(uri, mlmodelText);
    assert.deepEqual(
      (await quick).map((d) => d.code),
      [],
      'the quick checks find nothing',
    );
    const withModel = await h.nextDiagnostics(uri);
    const fairness = withModel.filter((d) => d.code === 'mlflow-model-fairness');
    assert.equal(fairness.length, 1);
    assert.equal(
      fairness[0]?.range.start.line,
      mlmodelText.split('\n').findIndex((l) => l.includes('max_demographic_parity_difference')),
    );
    const message = fairness[0]?.message;
    assert.match(
      typeof message === 'string' ? message : (message?.value ?? ''),
      /demographic parity difference 0\.\d+ exceeds 0\.01/,
    );
  });

  it('hovers a feature name with its importance rank and mean |SHAP|', async () => {
    const uri = pathToFileURL(path.join(dir, 'MLmodel')).href;
    const lines = mlmodelText.split('\n');
    const line = lines.findIndex((l) => l.trim() === '- contract_months');
    const hover = await h.client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 5 },
    });
    // contract_months has the largest mean |SHAP| on the example data (see test/unit/model/modelReport.test.ts).
    assert.match(hover?.contents.value ?? '', /\*\*contract_months\*\*: importance rank 1 of 4/);
    assert.match(hover?.contents.value ?? '', /mean \|SHAP\| 0\.\d+ log-odds/);
  });

  it('answers a model report request with progress, and cancels one in flight', async () => {
    const progress: string[] = [];
    h.client.onNotification(ModelReportProgressNotification.type, (p) => {
      if (p.progressId === 'p1') progress.push(p.message);
    });
    const result = await h.client.sendRequest(ModelReportRequest.type, {
      modelUri: pathToFileURL(path.join(dir, 'model.onnx')).href,
      progressId: 'p1',
    });
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.report.explanation?.rows.length, 300);
    assert.equal(result.report.fairness?.[0]?.sensitiveFeature, 'senior_citizen');
    assert.ok(progress.includes('Reading the model'), progress.join(' | '));
    const notOnnx = await h.client.sendRequest(ModelReportRequest.type, {
      modelUri: pathToFileURL(path.join(dir, 'eval_sample.csv')).href,
      progressId: 'p2',
    });
    assert.equal(notOnnx.ok, false);
    assert.match(notOnnx.ok ? '' : notOnnx.error, /eval_sample\.csv/);
  });
});
