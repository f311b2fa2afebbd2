// The built model view (dist/modelView.js) in headless Chromium: the report's cards, untrusted text from the user's model
// and data shown as text, the charts' geometry following the data, keyboard row stepping, the buttons' messages, and
// malformed messages ignored. A screenshot lands in test-results/webview/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ModelReport } from '../../protocol/modelReport';
import { MINUS, numberText, percentText } from '../../protocol/numberText';
import { SCREENSHOTS, startPanelHarness, type PanelHarness, type PanelPage, type PanelWindow } from './panelHarness';
import { DARK_MODERN } from './themes';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const FEATURES = ['tenure_months', 'monthly_charges', 'support_calls', XSS];

/** Rows whose SHAP values follow a known pattern: feature f contributes (f+1) * (value - 0.5) * sign, and class k
 * (of a multiclass report) scales feature f by (k + 1) when k = f % classes, so each class has its own top feature. */
function explanationOf(rowCount: number, labels: readonly string[]): NonNullable<ModelReport['explanation']> {
  const rows = Array.from({ length: rowCount }, (_, index) => ({
    index,
    features: FEATURES.map((_, f) => ((index * (f + 3)) % 10) / 10),
  }));
  const outputs = labels.map((label, k) => {
    const scale = (f: number): number => (labels.length > 1 && f % labels.length === k ? 4 * (k + 1) : 1);
    const shap = rows.map((row) => row.features.map((v, f) => scale(f) * (f + 1) * (v - 0.5) * (f % 2 === 0 ? 1 : -1)));
    const baseValue = -1 + k / 4;
    return {
      label,
      baseValue,
      importance: FEATURES.map((feature, f) => ({
        feature,
        meanAbsShap: shap.reduce((s, r) => s + Math.abs(r[f] ?? 0), 0) / rowCount,
      })),
      values: shap.map((r) => baseValue + r.reduce((a, b) => a + b, 0)),
      shap,
    };
  });
  const predictedClass =
    labels.length > 1
      ? rows.map((_, r) => {
          const values = outputs.map((o) => o.values[r] ?? 0);
          return values.indexOf(Math.max(...values));
        })
      : undefined;
  return {
    method: 'tree-interventional',
    outputSpace: 'margin',
    link: labels.length > 1 ? 'softmax' : 'logistic',
    features: FEATURES,
    rows,
    outputs,
    ...(predictedClass ? { predictedClass } : {}),
    rowsInData: rowCount,
    backgroundRows: 50,
    localAccuracyError: 1e-7,
    elapsedMs: 12,
  };
}

function report(rowCount: number, labels: readonly string[] = ['1']): ModelReport {
  return {
    modelUri: 'file:///ws/model/model.onnx',
    dataUri: 'file:///ws/data/eval.csv',
    summary: {
      fileName: `model${XSS}.onnx`,
      sizeBytes: 2474,
      irVersion: 8,
      producer: XSS,
      parameterCount: 120,
      opsets: [
        { domain: '', version: 17 },
        { domain: 'ai.onnx.ml', version: 3 },
      ],
      inputs: [{ name: XSS, type: 'float32', shape: ['N', 4] }],
      outputs: [
        { name: 'margin', type: 'float32', shape: ['N', 1] },
        { name: 'probability', type: 'float32', shape: ['N', 1] },
      ],
      operators: [
        { op: 'TreeEnsembleRegressor', count: 1 },
        { op: 'Sigmoid', count: 1 },
      ],
      trees: { count: 8, nodes: 120, maxDepth: 3 },
    },
    explanation: explanationOf(rowCount, labels),
    fairness: [
      {
        sensitiveFeature: XSS,
        groups: [
          {
            group: XSS,
            count: 10,
            positives: 5,
            positiveRate: 0.5,
            truePositiveRate: 0.8,
            falsePositiveRate: 0.2,
            accuracy: 0.9,
          },
          {
            group: 'b',
            count: 12,
            positives: 0,
            positiveRate: 0.2,
            truePositiveRate: null,
            falsePositiveRate: 0.2,
            accuracy: 0.7,
          },
        ],
        metrics: [
          { metric: 'demographic_parity_difference', value: 0.3, limit: 0.1, failed: true },
          {
            metric: 'equal_opportunity_difference',
            value: 0.8,
            limit: 0.1,
            undefinedBecause: "group 'b' (12 rows) has no positive labels",
            failed: true,
          },
          { metric: 'equalized_odds_difference', value: 0.8, limit: null, failed: false },
          { metric: 'accuracy_difference', value: 0.2, limit: 0.25, failed: false },
        ],
        minGroupAccuracy: 0.6,
        skippedRows: 2,
        violations: [
          {
            setting: 'max_demographic_parity_difference',
            message: `Demographic parity difference 0.300 exceeds 0.1 for ${XSS}`,
          },
        ],
      },
    ],
    fairnessDecision: {
      output: 'margin',
      space: 'logit',
      basis: "its name 'margin' says log-odds",
      threshold: 0.35,
    },
    notes: [`data column ${XSS} was not found`],
  };
}

async function openWithReport(harness: PanelHarness, rows = 40): Promise<PanelPage> {
  const view = await harness.open({ theme: DARK_MODERN, width: 1100 });
  await view.waitForPosted(1);
  await view.send({ type: 'report', report: report(rows) });
  await view.page.waitForSelector('[data-testid="importance"]');
  return view;
}

describe('model view (dist/modelView.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness('modelView.js');
  });
  after(async () => {
    await harness.close();
  });

  it('says ready, then renders every card with untrusted text as text', async () => {
    const view = await openWithReport(harness);
    assert.deepEqual((await view.posted())[0], { type: 'ready' });
    const text = await view.page.evaluate(() => document.body.textContent);
    assert.ok(text.includes(XSS), 'the payload shows as literal text');
    const injected = await view.page.evaluate(() => ({
      pwned: (window as unknown as PanelWindow).__pwned,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script:not([src])').length,
    }));
    assert.deepEqual(injected, { pwned: undefined, imgs: 0, scripts: 0 });
    assert.deepEqual(await view.cspViolations(), []);
    assert.deepEqual(view.errors, []);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'model-view-dark.png'), fullPage: true });
    await view.page.close();
  });

  it('shows how scores became decisions, and each fairness metric passed, failed, unmeasurable or not gated', async () => {
    const view = await openWithReport(harness);
    const decision = await view.page.$eval('[data-testid="fairness-decision"]', (p) => p.textContent);
    assert.equal(
      decision,
      `Predicted positive when margin ≥ ${numberText(Math.log(0.35 / 0.65))} (log-odds of 0.35). Output 'margin' is log-odds: its name 'margin' says log-odds.`,
    );
    const metrics = await view.page.$$eval('[data-testid="fairness"] .metric', (rows) =>
      rows.map((r) => ({ state: r.getAttribute('class'), text: r.textContent })),
    );
    assert.deepEqual(
      metrics.map((m) => m.state),
      ['metric metric-failed', 'metric metric-failed', 'metric metric-ungated', 'metric metric-ok'],
    );
    assert.match(
      metrics[1]?.text ?? '',
      /cannot be measured \(limit 0\.1\): group 'b' \(12 rows\) has no positive labels/,
    );
    assert.match(metrics[2]?.text ?? '', /Equalized odds difference: 0\.800 \(no limit\)/);
    const cells = await view.page.$$eval('[data-testid="fairness"] tbody tr:nth-child(2) td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(cells.slice(1), ['12', '0', '20%', 'n/a (no positive labels)', '20%', '70%']);
    await view.page.close();
  });

  it('orders importance bars by mean |SHAP| and scales them to the largest', async () => {
    const view = await openWithReport(harness);
    const bars = await view.page.$$eval('[data-testid="importance-list"] .bar-row', (rows) =>
      rows.map((r) => ({
        label: r.querySelector('.bar-label')?.textContent ?? '',
        width: (r.querySelector('.bar') as HTMLElement).style.width,
      })),
    );
    const expected =
      report(40)
        .explanation?.outputs[0]?.importance.slice()
        .sort((a, b) => b.meanAbsShap - a.meanAbsShap) ?? [];
    assert.deepEqual(
      bars.map((b) => b.label),
      expected.map((e) => e.feature),
    );
    const percent = (w: string | undefined): number => Number.parseFloat(w ?? 'NaN');
    assert.equal(percent(bars[0]?.width), 100);
    const ratio = (expected[1]?.meanAbsShap ?? 0) / (expected[0]?.meanAbsShap ?? 1);
    assert.ok(Math.abs(percent(bars[1]?.width) - ratio * 100) < 0.01, `${bars[1]?.width} vs ${ratio * 100}`);
    await view.page.close();
  });

  it('draws one beeswarm dot per row and feature, right of zero exactly when SHAP is positive', async () => {
    const view = await openWithReport(harness, 30);
    const dots = await view.page.$$eval('[data-testid="beeswarm"] g.lane', (lanes) =>
      lanes.map((g) => [...g.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cx')))),
    );
    const zero = await view.page.$eval('[data-testid="beeswarm"] .axis-zero', (l) => Number(l.getAttribute('x1')));
    assert.equal(dots.length, FEATURES.length);
    for (const lane of dots) assert.equal(lane.length, 30);
    const r = report(30);
    const output = r.explanation?.outputs[0];
    const order =
      output?.importance
        .map((imp, f) => ({ f, m: imp.meanAbsShap }))
        .sort((a, b) => b.m - a.m)
        .map((x) => x.f) ?? [];
    order.forEach((feature, lane) => {
      output?.shap.forEach((row, i) => {
        const shap = row[feature] ?? 0;
        const cx = dots[lane]?.[i] ?? NaN;
        if (Math.abs(shap) > 1e-9) assert.equal(cx > zero, shap > 0, `lane ${lane} row ${i}`);
      });
    });
    await view.page.close();
  });

  it('steps through rows with the arrow keys and the buttons', async () => {
    const view = await openWithReport(harness, 5);
    const caption = (): Promise<string> => view.page.$eval('.row-caption', (c) => c.textContent);
    assert.equal(await caption(), 'Row 1 (1 of 5 shown)');
    await view.page.focus('[data-testid="waterfall-section"]');
    await view.page.keyboard.press('ArrowRight');
    await view.page.keyboard.press('ArrowRight');
    assert.equal(await caption(), 'Row 3 (3 of 5 shown)');
    await view.page.keyboard.press('ArrowLeft');
    await view.page.click('[data-testid="waterfall-previous"]');
    await view.page.click('[data-testid="waterfall-previous"]');
    assert.equal(await caption(), 'Row 5 (5 of 5 shown)', 'wraps around');
    // The waterfall ends at the row's prediction, in log-odds and as a probability.
    const label = await view.page.$eval('[data-testid="waterfall"]', (s) => s.getAttribute('aria-label'));
    const value = report(5).explanation?.outputs[0]?.values[4];
    assert.ok(value !== undefined);
    assert.ok(
      label?.includes(
        `prediction ${numberText(value)} log-odds (probability ${percentText(1 / (1 + Math.exp(-value)))})`,
      ),
      label ?? '',
    );
    await view.page.close();
  });

  it("keeps chart text at the editor's size in a narrow editor, with nothing overlapping", async () => {
    const view = await harness.open({ theme: DARK_MODERN, width: 480 });
    await view.waitForPosted(1);
    await view.send({ type: 'report', report: report(40) });
    await view.page.getByTestId('beeswarm').waitFor();
    // Wait for the plot to be drawn at the width it got (it is drawn again when measured).
    await view.page.waitForFunction(() => {
      const plot = document.querySelector('[data-testid="beeswarm"]');
      return plot !== null && Math.abs(plot.getBoundingClientRect().width - Number(plot.getAttribute('width'))) < 1;
    });
    const sizes = await view.page.evaluate(() => {
      const out: { text: string; px: number }[] = [];
      for (const section of document.querySelectorAll(
        '[data-testid="beeswarm-section"], [data-testid="waterfall-section"]',
      )) {
        const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const element = node.parentElement;
          if (!element || (node.textContent ?? '').trim() === '' || element.closest('title')) continue;
          // Text inside an SVG is scaled with it: measure what reaches the screen.
          const svg = element.closest('svg');
          const scale = svg ? (svg.getScreenCTM()?.a ?? 1) : 1;
          out.push({ text: node.textContent ?? '', px: parseFloat(getComputedStyle(element).fontSize) * scale });
        }
      }
      return out;
    });
    assert.ok(sizes.length > 20, `${sizes.length} texts`);
    const small = sizes.filter((s) => s.px < 12);
    assert.deepEqual(small, [], 'every word of the charts at 12 px or more');
    // Dots keep their size too: the plot is drawn 1:1.
    const dot = await view.page
      .locator('[data-testid="beeswarm"] circle')
      .first()
      .evaluate((c) => c.getBoundingClientRect().width);
    assert.ok(dot >= 5.5, `dot ${dot}px`);
    const overlaps = await view.page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.wf-label, .wf-value, .swarm-axis span, .swarm-label')].map((e) => ({
        text: e.textContent,
        r: e.getBoundingClientRect(),
      }));
      const hits: string[] = [];
      boxes.forEach((a, i) => {
        for (const b of boxes.slice(i + 1)) {
          if (
            a.r.width > 0 &&
            b.r.width > 0 &&
            a.r.left < b.r.right - 0.5 &&
            b.r.left < a.r.right - 0.5 &&
            a.r.top < b.r.bottom - 0.5 &&
            b.r.top < a.r.bottom - 0.5
          )
            hits.push(`${a.text} / ${b.text}`);
        }
      });
      return hits;
    });
    assert.deepEqual(overlaps, []);
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'model-view-narrow.png'), fullPage: true });
    await view.page.close();
  });

  it("shows the prediction as a probability too, a tree ensemble's trees and nodes, and one minus sign", async () => {
    const trees = report(6);
    const view = await harness.open({ theme: DARK_MODERN, width: 900 });
    await view.waitForPosted(1);
    await view.send({ type: 'report', report: { ...trees, summary: { ...trees.summary, parameterCount: 0 } } });
    await view.page.getByTestId('waterfall').waitFor();
    const facts = (await view.page.getByTestId('model-facts').textContent()) ?? '';
    assert.match(facts, /8 trees · 120 nodes · depth ≤ 3/);
    assert.doesNotMatch(facts, /parameter/, 'a tree ensemble has no weight tensors: no "0 parameters"');
    const output = trees.explanation?.outputs[0];
    const value = output?.values[0];
    assert.ok(output && value !== undefined);
    const ends = await view.page.locator('.wf-start, .wf-end').evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.deepEqual(ends, [
      `base value (probability ${percentText(1 / (1 + Math.exp(-output.baseValue)))})${numberText(output.baseValue)}`,
      `prediction (probability ${percentText(1 / (1 + Math.exp(-value)))})${numberText(value)}`,
    ]);
    // Negative numbers everywhere in the charts use the minus sign, never a hyphen.
    const chartText = await view.page
      .locator('[data-testid="waterfall-section"], [data-testid="beeswarm-section"]')
      .allTextContents();
    assert.ok(chartText.join(' ').includes(MINUS), 'there are negative values');
    assert.doesNotMatch(chartText.join(' '), /(^|[^\w])-\d/);
    await view.page.close();
  });

  it('shows a multiclass model one class at a time, chosen from the keyboard, keeping the row', async () => {
    const labels = ['setosa', 'versicolor', XSS];
    const r = report(12, labels);
    const view = await harness.open({ theme: DARK_MODERN, width: 1100 });
    await view.waitForPosted(1);
    await view.send({ type: 'report', report: r });
    await view.page.getByTestId('class-picker').waitFor();
    const topFeature = (): Promise<string> =>
      view.page.$eval('[data-testid="importance-list"] .bar-label', (e) => e.textContent);
    const caption = (): Promise<string> => view.page.$eval('.row-caption', (c) => c.textContent);
    const e = r.explanation;
    assert.ok(e);
    const top = (k: number): string =>
      [...(e.outputs[k]?.importance ?? [])].sort((a, b) => b.meanAbsShap - a.meanAbsShap)[0]?.feature ?? '';
    assert.notEqual(top(0), top(1), 'the classes rank features differently');
    assert.equal(await topFeature(), top(0), 'the first class is shown first');
    // Every class is offered, with how many shown rows the model predicts it for.
    const options = await view.page.$$eval('[data-testid="class-select"] vscode-option', (o) =>
      o.map((x) => x.textContent),
    );
    const count = (k: number): number => (e.predictedClass ?? []).filter((c) => c === k).length;
    assert.deepEqual(
      options,
      labels.map((l, k) => `${l} (predicted for ${count(k)} of 12 rows)`),
    );
    // Step the waterfall to the third row, then choose the second class with the keyboard only.
    await view.page.focus('[data-testid="waterfall-section"]');
    await view.page.keyboard.press('ArrowRight');
    await view.page.keyboard.press('ArrowRight');
    const predicted = labels[e.predictedClass?.[2] ?? -1];
    assert.equal(await caption(), `Row 3 (3 of 12 shown) · predicted class ${predicted}`);
    await view.page.focus('[data-testid="class-select"]');
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('Enter');
    await view.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="importance-list"] .bar-label')?.textContent === expected,
      top(1),
    );
    assert.equal(await caption(), `Row 3 (3 of 12 shown) · predicted class ${predicted}`, 'the row stays');
    assert.match(
      (await view.page.getByTestId('importance').textContent()) ?? '',
      /for class versicolor, in class score \(before softmax\) units/,
    );
    // The waterfall ends at the class's score, with the probability softmax gives it among the classes' scores.
    const values = e.outputs.map((o) => o.values[2] ?? 0);
    const probability = Math.exp(values[1] ?? 0) / values.reduce((s, v) => s + Math.exp(v), 0);
    const end = await view.page.locator('.wf-end').textContent();
    assert.equal(
      end,
      `score of class versicolor (probability ${percentText(probability)})${numberText(values[1] ?? 0)}`,
    );
    // The picker keeps the focus after the charts are redrawn, and nothing was injected by the class label.
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'class-select');
    assert.equal(await view.page.evaluate(() => (window as unknown as PanelWindow).__pwned), undefined);
    assert.deepEqual(view.errors, []);
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'model-view-multiclass.png'), fullPage: true });
    await view.page.close();
  });

  it('shows an explanation that does not add up to onnxruntime as an error, with no chart', async () => {
    const view = await harness.open({ width: 900 });
    await view.waitForPosted(1);
    const message =
      "model.onnx: the SHAP values do not add up to onnxruntime's output on row 7 of eval.csv: base + sum of SHAP values = 1.2, onnxruntime's TreeEnsembleRegressor output = 1.25 (difference 0.05, more than the 0.0001 allowed)";
    const { explanation: _dropped, ...withoutExplanation } = report(5);
    await view.send({ type: 'report', report: { ...withoutExplanation, explanationError: message } });
    await view.page.getByTestId('model-summary').waitFor();
    assert.equal(await view.page.$eval('[data-testid="status-text"]', (e) => e.textContent), message);
    assert.equal(await view.page.$eval('[data-testid="status"]', (e) => e.classList.contains('error')), true);
    for (const chart of ['importance', 'beeswarm-section', 'waterfall-section', 'class-picker'])
      assert.equal(await view.page.$(`[data-testid="${chart}"]`), null, `no ${chart}`);
    await view.page.close();
  });

  it('posts pickData, recompute and cancel from the toolbar, and shows progress and errors', async () => {
    const view = await harness.open({ width: 900 });
    await view.waitForPosted(1);
    await view.send({ type: 'progress', message: 'Explaining rows', fraction: 0.25 });
    assert.equal(await view.page.$eval('[data-testid="status-text"]', (e) => e.textContent), 'Explaining rows (25%)');
    await view.page.click('[data-testid="cancel"]');
    await view.page.click('[data-testid="pick-data"]');
    await view.page.click('[data-testid="recompute"]');
    const posted = await view.waitForPosted(4);
    assert.deepEqual(posted.slice(1), [{ type: 'cancel' }, { type: 'pickData' }, { type: 'recompute' }]);
    await view.send({ type: 'error', message: `model.onnx: not an ONNX model ${XSS}` });
    assert.equal(
      await view.page.$eval('[data-testid="status-text"]', (e) => e.textContent),
      `model.onnx: not an ONNX model ${XSS}`,
    );
    assert.equal(
      await view.page.$eval('[data-testid="cancel"]', (e) => (e as HTMLElement).hidden),
      true,
      'cancel hides when nothing runs',
    );
    await view.page.close();
  });

  it('ignores malformed reports instead of half-rendering them', async () => {
    const view = await harness.open();
    await view.waitForPosted(1);
    const bad = report(3) as unknown as { explanation: { outputs: { shap: number[][] }[] } };
    bad.explanation.outputs[0]?.shap[1]?.pop(); // a row with too few SHAP values
    await view.send({ type: 'report', report: bad as unknown as Record<string, unknown> });
    await view.send({ type: 'progress', message: 'x', fraction: 2 });
    assert.equal(await view.page.$('[data-testid="importance"]'), null);
    assert.equal(await view.page.$eval('[data-testid="status-text"]', (e) => e.textContent), 'Reading the model…');
    await view.page.close();
  });
});
