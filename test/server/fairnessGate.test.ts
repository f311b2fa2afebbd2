// The fairness gate's findings on an MLmodel over the real protocol: a group with no positive labels, a model that
// outputs log-odds with equalized odds and per-group accuracy limits, and an output whose meaning the model does not
// tell, fixed by typing `score_space` (the findings follow the unsaved text). Hover and completion document the keys.
// Expected figures come from Fairlearn's definitions (test/support/model/fairlearnReference.ts), not from the server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { logitDecision, logitRows, MARGINS, reference } from '../support/model/fairnessData';
import { scoreModel, writeModelFolder, type FairnessRow } from '../support/model/fairnessModels';
import { startHarness, type Harness } from '../support/lspHarness';

const GATE = 'mlflow-model-fairness';
const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : '');

describe('fairness gate findings on an MLmodel over the language server', () => {
  let h: Harness;
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fairness-lsp-'));
    h = await startHarness(dir);
  });
  after(() => {
    h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens (or changes to `version`) the MLmodel and resolves with the diagnostics once the gate's have joined. */
  async function gateDiagnostics(file: string, content: string, version = 1): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    if (version === 1) h.open(uri, content);
    else h.change(uri, content, version);
    for (;;) {
      const published = await h.diagnosticsAtLeast(uri, version);
      if (published.some((d) => d.code === GATE)) return published;
    }
  }

  const lineIn = (content: string, start: string): number =>
    content.split('\n').findIndex((l) => l.trimStart().startsWith(start));

  it('fails equal opportunity when only one group has positive labels, on the limit of 0.0', async () => {
    const rows: FairnessRow[] = [
      ...Array.from({ length: 15 }, () => ({ level: 6, group: 1, outcome: 1 as const })),
      ...Array.from({ length: 7 }, () => ({ level: 0, group: 1, outcome: 1 as const })),
      ...Array.from({ length: 13 }, (_, i) => ({ level: i < 3 ? 4 : 0, group: 1, outcome: 0 as const })),
      ...Array.from({ length: 30 }, (_, i) => ({ level: i < 10 ? 4 : 0, group: 2, outcome: 0 as const })),
    ];
    const file = writeModelFolder(path.join(dir, 'one-group'), scoreModel('sigmoid-regressor', MARGINS), rows, [
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
      '  max_equal_opportunity_difference: 0.0',
    ]);
    const content = fs.readFileSync(file, 'utf8');
    const diagnostics = await gateDiagnostics(file, content);
    const fairlearn = reference(rows, logitDecision(0.5)).equalOpportunityDifference.toFixed(3);
    assert.equal(fairlearn, '0.682');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [[GATE, lineIn(content, 'max_equal_opportunity_difference:')]],
    );
    assert.match(text(diagnostics[0] as Diagnostic), /group '2' \(30 rows\) has no positive labels/);
    assert.match(text(diagnostics[0] as Diagnostic), new RegExp(`Fairlearn's figure, .* is ${fairlearn}`));
  });

  it('thresholds an unlabelled output only once score_space says what it is, following the unsaved text', async () => {
    const rows = logitRows(7);
    const block = [
      'decision_threshold: 0.35',
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
      '  max_equal_opportunity_difference: 1',
      '  max_equalized_odds_difference: 0.02',
      '  min_group_accuracy: 0.7',
    ];
    const file = writeModelFolder(path.join(dir, 'plain'), scoreModel('plain-regressor', MARGINS), rows, block);
    const content = fs.readFileSync(file, 'utf8');
    const first = await gateDiagnostics(file, content);
    const doubt = first.filter((d) => /cannot tell whether output 'variable'/.test(text(d)));
    assert.deepEqual(
      doubt.map((d) => d.range.start.line),
      [lineIn(content, 'decision_threshold:')],
    );

    // The user says the output is log-odds: the doubt goes, and the figures are those of log-odds decisions at 0.35.
    const told = content.replace(
      '    decision_threshold: 0.35',
      '    score_space: logit\n    decision_threshold: 0.35',
    );
    const second = await gateDiagnostics(file, told, 2);
    const ref = reference(rows, logitDecision(0.35));
    assert.equal(second.filter((d) => /cannot tell/.test(text(d))).length, 0, JSON.stringify(second));
    const odds = second.filter((d) => d.range.start.line === lineIn(told, 'max_equalized_odds_difference:'));
    assert.equal(odds.length, 1, JSON.stringify(second));
    assert.match(
      text(odds[0] as Diagnostic),
      new RegExp(`equalized odds difference ${ref.equalizedOddsDifference.toFixed(3)} exceeds 0\\.02`),
    );
    const below = [...ref.groups].filter(([, g]) => g.accuracy < 0.7).map(([name]) => name);
    const accuracy = second.filter((d) => d.range.start.line === lineIn(told, 'min_group_accuracy:'));
    assert.deepEqual(
      accuracy.map((d) => /for group '(\d+)'/.exec(text(d))?.[1]).sort(),
      below.sort(),
      JSON.stringify(ref.groups),
    );
  });

  it('documents the fairness keys on hover and in completion', async () => {
    const file = writeModelFolder(path.join(dir, 'docs'), scoreModel('sigmoid-regressor', MARGINS), logitRows(1), [
      'fairness:',
      '  sensitive_features: [group]',
      '  max_equalized_odds_difference: 0.0',
      '  ',
    ]);
    const content = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    // The gate's run finishes first (with a limit of 0, it has a finding to publish): nothing is left in flight.
    await gateDiagnostics(file, content);
    const line = lineIn(content, 'max_equalized_odds_difference:');
    const hover = await h.client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 8 },
    });
    assert.match(hover?.contents.value ?? '', /\*\*max_equalized_odds_difference\*\*/);
    assert.match(hover?.contents.value ?? '', /Fairlearn's `equalized_odds_difference`/);
    const blank = content.split('\n').findIndex((l, i) => i > line && l.trim() === '');
    const items = await h.client.sendRequest<{ label: string; documentation?: { value: string } }[] | null>(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: blank, character: 6 } },
    );
    const labels = (items ?? []).map((i) => i.label);
    for (const key of ['max_accuracy_difference', 'min_group_accuracy', 'max_equal_opportunity_difference'])
      assert.ok(labels.includes(key), labels.join(', '));
    assert.ok(!labels.includes('max_equalized_odds_difference'), 'a key already present is not offered again');
    const minimum = (items ?? []).find((i) => i.label === 'min_group_accuracy');
    assert.match(minimum?.documentation?.value ?? '', /Lowest allowed accuracy of any group/);
  });
});
