// The fairness gate as CI runs it, `preflight check MLmodel`, on model folders written here (test/support/model/
// fairnessModels.ts): a group with no positive labels, models that output log-odds, equalized odds and per-group
// accuracy. Every expected figure comes from Fairlearn's definitions (test/support/model/fairlearnReference.ts) over
// decisions the test derives from the margins it built the model with, not from the code under test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { logitDecision, logitRows, MARGINS, reference } from '../../support/model/fairnessData';
import {
  lineOf,
  scoreModel,
  writeModelFolder,
  type FairnessRow,
  type ScoreModelKind,
} from '../../support/model/fairnessModels';
import { CLI } from '../../support/paths';

interface JsonFinding {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

function check(mlmodel: string): { status: number | null; findings: JsonFinding[] } {
  const r = spawnSync(process.execPath, [CLI, 'check', 'MLmodel', '--format', 'json'], {
    cwd: path.dirname(mlmodel),
    encoding: 'utf8',
  });
  const parsed = JSON.parse(r.stdout) as {
    files: { diagnostics: { rule: string; message: string; range: { start: { line: number } } }[] }[];
  };
  return {
    status: r.status,
    findings: parsed.files
      .flatMap((f) => f.diagnostics)
      .map((f) => ({ rule: f.rule, message: f.message, line: f.range.start.line })),
  };
}

const figure = (message: string, name: string): string | undefined =>
  new RegExp(`${name} (\\d\\.\\d{3}) exceeds`).exec(message)?.[1];

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fairness-gate-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('fairness gate: a model that outputs log-odds', () => {
  const rows = logitRows(18);
  const ALL_LIMITS_ZERO = [
    'decision_threshold: 0.35',
    'fairness:',
    '  sensitive_features: [group]',
    '  max_demographic_parity_difference: 0',
    '  max_equal_opportunity_difference: 0',
    '  max_equalized_odds_difference: 0',
    '  max_accuracy_difference: 0',
    '  min_group_accuracy: 0.99',
  ];

  it('the data set has positives and negatives in every group, and thresholding margins at 0.35 would differ', () => {
    const ref = reference(rows, logitDecision(0.35));
    for (const g of ref.groups.values()) assert.ok(g.positives > 5 && g.negatives > 5, JSON.stringify(g));
    const naive = reference(rows, (level) => Math.fround(MARGINS[level] ?? 0) >= 0.35);
    assert.notEqual(naive.demographicParityDifference.toFixed(3), ref.demographicParityDifference.toFixed(3));
    assert.notEqual(naive.equalizedOddsDifference.toFixed(3), ref.equalizedOddsDifference.toFixed(3));
  });

  for (const kind of ['margin-regressor', 'classifier-margin'] as const) {
    it(`${kind}: thresholds log-odds at logit(0.35), and each figure on its limit's line is Fairlearn's`, () => {
      const mlmodel = writeModelFolder(path.join(dir, kind), scoreModel(kind, MARGINS), rows, ALL_LIMITS_ZERO);
      const ref = reference(rows, logitDecision(0.35));
      const r = check(mlmodel);
      assert.equal(r.status, 1);
      const gate = r.findings.filter((f) => f.rule === 'mlflow-model-fairness');
      const on = (key: string): JsonFinding[] => gate.filter((f) => f.line === lineOf(mlmodel, `${key}:`));
      const only = (key: string): string => {
        const found = on(key);
        assert.equal(found.length, 1, `${key}: ${JSON.stringify(gate)}`);
        return found[0]?.message ?? '';
      };
      assert.equal(
        figure(only('max_demographic_parity_difference'), 'demographic parity difference'),
        ref.demographicParityDifference.toFixed(3),
      );
      assert.equal(
        figure(only('max_equal_opportunity_difference'), 'equal opportunity difference'),
        ref.equalOpportunityDifference.toFixed(3),
      );
      assert.equal(
        figure(only('max_equalized_odds_difference'), 'equalized odds difference'),
        ref.equalizedOddsDifference.toFixed(3),
      );
      assert.equal(figure(only('max_accuracy_difference'), 'accuracy difference'), ref.accuracyDifference.toFixed(3));
      // One finding per group below the minimum, each naming its group and accuracy.
      const below = [...ref.groups].filter(([, g]) => g.accuracy < 0.99);
      assert.deepEqual(
        on('min_group_accuracy')
          .map((f) => f.message)
          .sort(),
        below
          .map(
            ([name, g]) =>
              `group: accuracy ${(g.accuracy * 100).toFixed(1)}% for group '${name}' (${rows.filter((x) => String(x.group) === name).length} rows) is below 99.0%`,
          )
          .sort(),
      );
      assert.equal(gate.length, 4 + below.length, 'no doubt about what the output means');
    });
  }

  it('passes when every figure is within its limit', () => {
    const ref = reference(rows, logitDecision(0.35));
    const limit = (v: number): string => (Math.ceil(v * 1000 + 1) / 1000).toFixed(3);
    const minAccuracy = Math.min(...[...ref.groups.values()].map((g) => g.accuracy));
    const mlmodel = writeModelFolder(path.join(dir, 'within'), scoreModel('margin-regressor', MARGINS), rows, [
      'decision_threshold: 0.35',
      'fairness:',
      '  sensitive_features: [group]',
      `  max_demographic_parity_difference: ${limit(ref.demographicParityDifference)}`,
      `  max_equal_opportunity_difference: ${limit(ref.equalOpportunityDifference)}`,
      `  max_equalized_odds_difference: ${limit(ref.equalizedOddsDifference)}`,
      `  max_accuracy_difference: ${limit(ref.accuracyDifference)}`,
      `  min_group_accuracy: ${(Math.floor(minAccuracy * 1000 - 1) / 1000).toFixed(3)}`,
    ]);
    const r = check(mlmodel);
    assert.deepEqual(r.findings, []);
    assert.equal(r.status, 0);
  });

  it('says it cannot tell what a plain regressor outputs, until score_space says', () => {
    const block = [
      'decision_threshold: 0.5',
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
      '  max_equal_opportunity_difference: 1',
      '  max_equalized_odds_difference: 0',
    ];
    const unknown = writeModelFolder(path.join(dir, 'plain'), scoreModel('plain-regressor', MARGINS), rows, block);
    const r = check(unknown);
    assert.equal(r.status, 1);
    const doubt = r.findings.filter((f) => /cannot tell/.test(f.message));
    assert.equal(doubt.length, 1, JSON.stringify(r.findings));
    assert.equal(doubt[0]?.line, lineOf(unknown, 'decision_threshold:'));
    assert.match(
      doubt[0]?.message ?? '',
      /cannot tell whether output 'variable' is a probability or log-odds: it comes from a TreeEnsembleRegressor with post_transform NONE .* set metadata\.preflight\.score_space to probability or logit/,
    );

    const told = writeModelFolder(path.join(dir, 'plain-told'), scoreModel('plain-regressor', MARGINS), rows, [
      'score_space: logit',
      ...block,
    ]);
    const t = check(told);
    assert.deepEqual(
      t.findings.map((f) => f.line),
      [lineOf(told, 'max_equalized_odds_difference:')],
      JSON.stringify(t.findings),
    );
    assert.equal(
      figure(t.findings[0]?.message ?? '', 'equalized odds difference'),
      reference(rows, logitDecision(0.5)).equalizedOddsDifference.toFixed(3),
    );
  });

  it('reports a score_space the model contradicts on its line', () => {
    const mlmodel = writeModelFolder(path.join(dir, 'contradicted'), scoreModel('sigmoid-regressor', MARGINS), rows, [
      'score_space: logit',
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
      '  max_equal_opportunity_difference: 1',
    ]);
    const r = check(mlmodel);
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.line]),
      [['mlflow-model-fairness', lineOf(mlmodel, 'score_space:')]],
    );
    assert.match(r.findings[0]?.message ?? '', /it comes from a Sigmoid node, so it is a probability/);
  });
});

describe('fairness gate: only one group has positive labels', () => {
  const level = { low: 0, high: 6, middle: 4 };
  // Group 1: 22 positives, 15 selected (TPR 15/22), and negatives; group 2: 30 negatives. Fairlearn: 0.682.
  const rows: FairnessRow[] = [
    ...Array.from({ length: 15 }, () => ({ level: level.high, group: 1, outcome: 1 as const })),
    ...Array.from({ length: 7 }, () => ({ level: level.low, group: 1, outcome: 1 as const })),
    ...Array.from({ length: 13 }, (_, i) => ({
      level: i < 3 ? level.middle : level.low,
      group: 1,
      outcome: 0 as const,
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      level: i < 10 ? level.middle : level.low,
      group: 2,
      outcome: 0 as const,
    })),
  ];
  const kinds: ScoreModelKind[] = ['sigmoid-regressor', 'classifier-logistic'];

  for (const kind of kinds) {
    it(`${kind}: fails a limit of 0.0 and one above the figure, saying why and giving Fairlearn's 0.682`, () => {
      const ref = reference(rows, logitDecision(0.5));
      assert.equal(ref.equalOpportunityDifference.toFixed(3), '0.682');
      for (const limit of ['0.0', '0.9']) {
        const mlmodel = writeModelFolder(path.join(dir, `${kind}-${limit}`), scoreModel(kind, MARGINS), rows, [
          'fairness:',
          '  sensitive_features: [group]',
          '  max_demographic_parity_difference: 1',
          `  max_equal_opportunity_difference: ${limit}`,
        ]);
        const r = check(mlmodel);
        assert.equal(r.status, 1, `limit ${limit}`);
        assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
        const f = r.findings[0];
        assert.equal(f?.line, lineOf(mlmodel, 'max_equal_opportunity_difference:'));
        assert.match(
          f?.message ?? '',
          /^group: equal opportunity difference cannot be measured: group '2' \(30 rows\) has no positive labels, so its true positive rate is undefined\. Fairlearn's figure, which counts an undefined rate as 0, is 0\.682/,
        );
      }
    });
  }

  it('fails through the default limit too, on the fairness line, when the MLmodel sets none', () => {
    const mlmodel = writeModelFolder(path.join(dir, 'default-limit'), scoreModel('sigmoid-regressor', MARGINS), rows, [
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
    ]);
    const r = check(mlmodel);
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.findings.map((f) => f.line),
      [lineOf(mlmodel, 'fairness:')],
    );
    assert.match(r.findings[0]?.message ?? '', /equal opportunity difference cannot be measured/);
  });
});

describe('fairness settings in the MLmodel schema', () => {
  it('reports a misspelt limit, an out-of-range accuracy and an unknown score space on their lines', () => {
    const mlmodel = writeModelFolder(path.join(dir, 'typos'), scoreModel('sigmoid-regressor', MARGINS), logitRows(3), [
      'score_space: logits',
      'fairness:',
      '  sensitive_features: [group]',
      '  max_demographic_parity_difference: 1',
      '  max_equal_opportunity_difference: 1',
      '  max_equalised_odds_difference: 0.1',
      '  min_group_accuracy: 1.5',
    ]);
    const r = check(mlmodel);
    assert.equal(r.status, 1);
    const at = (start: string): string[] =>
      r.findings.filter((f) => f.line === lineOf(mlmodel, start)).map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(at('score_space:'), [
      "invalid-value: 'logits' is not valid for 'metadata.preflight.score_space'. Expected one of 'probability', 'logit'. Did you mean 'logit'?",
    ]);
    assert.deepEqual(at('max_equalised_odds_difference:'), [
      "unknown-key: Unknown key 'max_equalised_odds_difference' in 'metadata.preflight.fairness'. Did you mean 'max_equalized_odds_difference'?",
    ]);
    assert.deepEqual(at('min_group_accuracy:'), [
      "invalid-value: 1.5 is out of range for 'metadata.preflight.fairness.min_group_accuracy': expected a number at least 0 and at most 1.",
    ]);
    assert.equal(r.findings.length, 3, 'the gate does not repeat what the schema says');
  });
});
