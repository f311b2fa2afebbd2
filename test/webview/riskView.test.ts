// The failure-risk part of the Runs tab in the built panel (dist/webview.js, headless Chromium): the risk beside each
// workflow's live status with the top factors on expand and in the tooltip, the "why?" waterfall adding up, the Model
// section with its retrain banner, untrusted names as text, and malformed messages ignored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FailureRiskMessage, ModelMonitoringView, RiskExplanationView } from '../../protocol/failureRisk';
import { startPanelHarness, type PanelHarness, type PanelPage } from './panelHarness';
import { NOW, runsMessage } from './runsFixtures';

const XSS = '<img src=x onerror="window.__pwned=1">';

function explanation(
  workflowName: string,
  probability: number,
  extra: Partial<RiskExplanationView> = {},
): RiskExplanationView {
  const factors = [
    { reason: 'previous run of this workflow failed', feature: 'workflow_prev_failed', points: 9.5 },
    { reason: "about 30% of this workflow's last 5 runs failed", feature: 'workflow_failure_rate_5', points: 4.25 },
    { reason: 'triggered by a person', feature: 'actor_is_bot', points: -1.5 },
    { reason: 'started at 9:00 UTC', feature: 'hour_utc', points: 0.25 },
  ];
  const base = probability - factors.reduce((s, f) => s + f.points, 0) / 100;
  return {
    workflowPath: '.github/workflows/ci.yml',
    workflowName,
    job: null,
    branch: 'main',
    probability,
    baseProbability: base,
    shown: { kind: 'percent' },
    factors,
    // Grouped as the server groups them (factorGroups.ts): recent results, then who started it, then timing.
    groups: [
      {
        label: 'recent results of this workflow',
        points: 13.75,
        features: ['workflow_prev_failed', 'workflow_failure_rate_5'],
      },
      { label: 'who or what started it', points: -1.5, features: ['actor_is_bot'] },
      ...factors
        .filter((f) => f.feature === 'hour_utc')
        .map((f) => ({ label: 'timing and load', points: f.points, features: [f.feature] })),
    ],
    basis: 'Next run on main, from 12 finished runs.',
    markdown: '',
    ...extra,
  };
}

const MONITORING: ModelMonitoringView = {
  modelLabel: 'the default model: trained on public repositories',
  calibrationNote: 'Calibrated on acme/ml: 412 finished runs the model never learned from (53 failures).',
  logged: 80,
  withOutcome: 60,
  calibration: [
    { from: 0, to: 0.2, count: 40, meanPredicted: 0.1, observed: 0.15 },
    { from: 0.2, to: 0.4, count: 20, meanPredicted: 0.3, observed: 0.5 },
  ],
  rolling: { count: 60, precision: 0.5, recall: 0.3, errorRate: 0.25 },
  drift: [{ feature: 'hour_utc', psi: 0.31 }],
  groups: [
    { group: 'actorType', value: 'human', count: 60, errorRate: 0.25, falsePositiveRate: 0.1, falseNegativeRate: 0.7 },
  ],
  retrainSuggested: true,
  reasons: ['recall on failures 0.30 < 0.4 over the last 60 runs'],
};

function message(extra: Partial<FailureRiskMessage> = {}): FailureRiskMessage {
  return {
    type: 'failureRisk',
    branch: 'main',
    workflows: [explanation('CI', 0.27)],
    monitoring: MONITORING,
    jobMonitoring: null,
    focus: null,
    focusRequest: 0,
    focusStale: false,
    ...extra,
  };
}

async function openWithRisk(harness: PanelHarness, risk: FailureRiskMessage): Promise<PanelPage> {
  const panel = await harness.open({ now: NOW });
  await panel.waitForPosted(1);
  await panel.send(runsMessage());
  await panel.send(risk);
  await panel.page.getByTestId('risk-view').waitFor();
  return panel;
}

describe('failure risk in the Runs tab (dist/webview.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
  });
  after(async () => {
    await harness.close();
  });

  it("shows each workflow's next-run risk beside its live status, grouped factors on expand and in the tooltip", async () => {
    const panel = await openWithRisk(harness, message());
    const row = panel.page.getByTestId('risk-row').first();
    assert.equal(await row.getByTestId('risk-workflow').textContent(), 'CI');
    assert.equal(await row.getByTestId('risk-value').textContent(), 'risk 27%');
    const title = (await row.locator('summary').getAttribute('title')) ?? '';
    assert.match(title, /^Failure risk of the next run on main: 27%/);
    assert.match(title, /• recent results of this workflow: \+13\.8 pts/);
    assert.equal(await row.getByTestId('risk-top-factors').isVisible(), false);
    await row.locator('summary').focus();
    await panel.page.keyboard.press('Enter');
    assert.deepEqual(await row.locator('[data-testid="risk-top-factors"] li').allTextContents(), [
      'recent results of this workflow+13.8 pts',
      'who or what started it−1.5 pts',
      'timing and load+0.3 pts',
    ]);
    // A group's own factors are in its tooltip.
    assert.equal(
      await row.locator('[data-testid="risk-top-factors"] li').first().getAttribute('title'),
      "previous run of this workflow failed: +9.5 pts\nabout 30% of this workflow's last 5 runs failed: +4.3 pts",
    );
  });

  it('shows a band with its reason, never a percentage, while the model is not calibrated on the repository', async () => {
    const reason = 'not calibrated on acme/ml yet (40 of the 100 finished results it needs)';
    const banded = explanation('CI', 0.27, { shown: { kind: 'band', level: 'elevated', reason } });
    const panel = await openWithRisk(harness, message({ workflows: [banded], focus: banded, focusRequest: 1 }));
    const row = panel.page.getByTestId('risk-row').first();
    assert.equal(await row.getByTestId('risk-value').textContent(), 'risk elevated');
    assert.equal(
      await row.getByTestId('risk-value').getAttribute('aria-label'),
      'failure risk elevated (15–40%), elevated',
    );
    const title = (await row.locator('summary').getAttribute('title')) ?? '';
    assert.match(
      title,
      /^Failure risk of the next run on main: elevated \(15–40%\) \(base rate 15%\)\nShown as a band: not calibrated on acme\/ml yet/,
    );
    assert.doesNotMatch(title, /27%/);
    const card = panel.page.getByTestId('risk-explanation');
    await card.getByTestId('waterfall').waitFor();
    assert.equal(await card.locator('h3').textContent(), 'Why elevated (15–40%): CI');
    assert.match((await card.getByTestId('waterfall').getAttribute('aria-label')) ?? '', /risk elevated \(15–40%\)$/);
  });

  it('draws the "why?" explanation as a waterfall from the base rate to the risk', async () => {
    const weighed = "Weighed 60 % the model, 40 % this workflow's own record after a failure: 3 of 4 such runs failed.";
    const panel = await openWithRisk(harness, message({ focus: explanation('CI', 0.27, { weighed }) }));
    const card = panel.page.getByTestId('risk-explanation');
    await card.getByTestId('waterfall').waitFor();
    // What the model was weighed against is said under the waterfall, as in the hover.
    assert.equal(await card.getByTestId('risk-weighed').textContent(), weighed);
    // The fixture's factors add 12.5 points to a base of 14.5%: 27%, in whole percents as everywhere.
    assert.match((await card.getByTestId('waterfall').getAttribute('aria-label')) ?? '', /base rate 15%, risk 27%/);
    // One step per group of factors, each naming its largest factors.
    assert.equal(await card.locator('.wf-bar').count(), 3);
    const steps = await card.locator('[data-testid="risk-explanation-factors"] li').allTextContents();
    assert.equal(steps.length, 3);
    assert.match(
      steps[0] ?? '',
      /^recent results of this workflow: previous run of this workflow failed \+9\.5 pts; about 30% .*\+13\.8 pts$/,
    );
    // Closing it, and opening another workflow's from its row, needs no round trip to the extension.
    await card.locator('.risk-close').click();
    assert.equal(await card.isHidden(), true);
    const row = panel.page.getByTestId('risk-row').first();
    await row.locator('summary').click();
    await row.getByTestId('risk-explain').click();
    await card.getByTestId('waterfall').waitFor();
  });

  it('shows the Model section with calibration, quality, drift, groups and the retrain banner', async () => {
    const panel = await openWithRisk(harness, message());
    const model = panel.page.getByTestId('risk-model');
    await model.getByTestId('risk-retrain-banner').waitFor();
    assert.match(
      (await model.getByTestId('risk-retrain-banner').textContent()) ?? '',
      /recall on failures 0\.30 < 0\.4/,
    );
    assert.equal(
      await model.getByTestId('risk-quality').textContent(),
      'Last 60 predicted runs: precision 50%, recall 30%, error rate 25% (80 logged).',
    );
    assert.deepEqual(await model.locator('[data-testid="risk-calibration"] tbody tr').allTextContents(), [
      '10%15%40',
      '30%50%20',
    ]);
    assert.deepEqual(await model.locator('[data-testid="risk-drift"] tbody tr').allTextContents(), ['hour_utc0.31']);
    assert.deepEqual(await model.locator('[data-testid="risk-groups"] tbody tr').allTextContents(), [
      'actorType: human6025%10%70%',
    ]);
    const calm = await openWithRisk(
      harness,
      message({ monitoring: { ...MONITORING, retrainSuggested: false, reasons: [] } }),
    );
    assert.equal(await calm.page.getByTestId('risk-retrain-banner').count(), 0);
    assert.equal(await calm.page.getByTestId('risk-job-model').isVisible(), false, 'no job model, no section');
  });

  it('shows a Job model section beside it while job lenses use a job model', async () => {
    const jobMonitoring = {
      ...MONITORING,
      modelLabel: 'the job model retrained on acme/ml (2026-11-20): trained on 480 job results of acme/ml',
      retrainSuggested: false,
      reasons: [],
      rolling: { count: 12, precision: 0.75, recall: 0.6, errorRate: 0.1 },
    };
    const panel = await openWithRisk(harness, message({ jobMonitoring }));
    const jobs = panel.page.getByTestId('risk-job-model');
    await jobs.waitFor();
    assert.match((await jobs.locator('summary').textContent()) ?? '', /Job model/);
    await jobs.locator('summary').click();
    assert.equal(
      await jobs.getByTestId('risk-quality').textContent(),
      'Last 12 predicted jobs: precision 75%, recall 60%, error rate 10% (80 logged).',
    );
    assert.match((await jobs.locator('p.hint').first().textContent()) ?? '', /the job model retrained on acme\/ml/);
    // The workflow model's section is still its own.
    assert.equal(
      await panel.page.getByTestId('risk-model').getByTestId('risk-quality').textContent(),
      'Last 60 predicted runs: precision 50%, recall 30%, error rate 25% (80 logged).',
    );
  });

  it('renders untrusted workflow names as text and ignores malformed messages', async () => {
    const panel = await openWithRisk(harness, message({ workflows: [explanation(XSS, 0.5)] }));
    assert.equal(await panel.page.getByTestId('risk-workflow').first().textContent(), XSS);
    await panel.send({ ...message(), workflows: [{ ...explanation('CI', 1.5) }] });
    await panel.send({ ...message(), monitoring: { ...MONITORING, rolling: 'broken' } });
    await panel.send(runsMessage());
    assert.equal(
      await panel.page.getByTestId('risk-workflow').first().textContent(),
      XSS,
      'a probability of 150% or a broken section changes nothing',
    );
    assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('hides the risk while signed out', async () => {
    const panel = await openWithRisk(harness, message());
    await panel.send({ ...runsMessage(), state: { kind: 'signedOut' }, runs: [] });
    await panel.page.getByTestId('risk-view').waitFor({ state: 'hidden' });
  });
});
