// The panel tells the truth at a glance (dist/webview.js in Chromium, light and dark themes): a queued job says it
// waits instead of counting up, risk pills take the colour of their band, the header's verdict follows the error
// count, error badges are VS Code's own, "why?" shows where the user looks, and the explanation's words are whole,
// said once, and follow the model.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FailureRiskMessage, RiskExplanationView } from '../../protocol/failureRisk';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { JobView, RunView } from '../../protocol/runsView';
import type { ToWebview } from '../../protocol/webview';
import { shownColours } from './colours';
import { SCREENSHOTS, startPanelHarness, type PanelHarness, type PanelPage } from './panelHarness';
import { CI_RUN, DOCS_RUN, NOW, TRAIN_RUN, at, runsMessage, step } from './runsFixtures';
import { DARK_MODERN, LIGHT_MODERN, type Theme } from './themes';

const THEMES: readonly [string, Theme][] = [
  ['dark', DARK_MODERN],
  ['light', LIGHT_MODERN],
];

/** GitHub fills in a queued job's started_at (when it was queued): counting from it passes waiting off as running. */
const QUEUED_JOB: JobView = {
  id: 601,
  name: 'deploy',
  status: 'queued',
  conclusion: null,
  startedAt: at(240),
  completedAt: null,
  steps: [step(1, 'Set up job', 'queued', null, null, null)],
};
const QUEUED_RUN: RunView = {
  ...CI_RUN,
  id: 9004,
  runNumber: 43,
  title: 'Deploy the model',
  status: 'queued',
  createdAt: at(250),
  startedAt: at(250),
  updatedAt: at(250),
  jobs: [QUEUED_JOB],
};
const RUNNING_WITH_QUEUED_JOB: RunView = {
  ...CI_RUN,
  jobs: [...(CI_RUN.jobs ?? []), { ...QUEUED_JOB, id: 602, name: 'package' }],
};

const LONG_REASON = 'this workflow last succeeded 2 minutes ago, after 3 failed runs on this branch in a row';

function explanation(
  workflowName: string,
  probability: number,
  extra: Partial<RiskExplanationView> = {},
): RiskExplanationView {
  const factors = [
    { reason: LONG_REASON, feature: 'workflow_prev_failed', points: 9.5 },
    { reason: "about 30% of this workflow's last 5 runs failed", feature: 'workflow_failure_rate_5', points: 4.25 },
    { reason: 'triggered by a person', feature: 'actor_is_bot', points: -1.5 },
  ];
  const base = Math.max(0, probability - factors.reduce((s, f) => s + f.points, 0) / 100);
  return {
    workflowPath: `.github/workflows/${workflowName.toLowerCase()}.yml`,
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

function riskMessage(extra: Partial<FailureRiskMessage> = {}): FailureRiskMessage {
  return {
    type: 'failureRisk',
    branch: 'main',
    monitoring: null,
    jobMonitoring: null,
    focus: null,
    focusRequest: 0,
    focusStale: false,
    workflows: [explanation('CI', 0.46), explanation('Train', 0.2), explanation('Docs', 0.02)],
    ...extra,
  };
}

function files(errors: number, warnings: number): ToWebview {
  const file = (relativePath: string, e: number, w: number): PipelineFileSummary => ({
    uri: `file:///ws/${relativePath}`,
    relativePath,
    kind: 'github-workflow',
    errors: e,
    warnings: w,
  });
  return {
    type: 'pipelineFiles',
    workspaceName: 'ml-repo',
    files: [file('.github/workflows/ci.yml', errors, warnings), file('.github/workflows/docs.yml', 0, 0)],
  };
}

async function openPanel(harness: PanelHarness, options: Parameters<PanelHarness['open']>[0] = {}): Promise<PanelPage> {
  const panel = await harness.open({ now: NOW, ...options });
  await panel.waitForPosted(1);
  return panel;
}

describe('the panel at a glance (dist/webview.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
  });
  after(async () => {
    await harness.close();
  });

  it("shows queued runs and jobs as waiting, while a running job's time counts up", async () => {
    const panel = await openPanel(harness);
    const { page } = panel;
    await panel.send(runsMessage([RUNNING_WITH_QUEUED_JOB, QUEUED_RUN, TRAIN_RUN, DOCS_RUN]));
    await page.getByTestId('runs-view').waitFor();
    const runDuration = page.locator('[data-key="run:9004"] [data-testid="run-duration"]');
    assert.equal(await runDuration.textContent(), 'Queued');
    // The newest run (CI, running) is expanded by default: its queued job waits, its running job counts.
    const queuedJob = page.locator('[data-key="job:602"] .duration');
    const runningJob = page.locator('[data-key="job:502"] .duration');
    assert.equal(await queuedJob.textContent(), 'Queued');
    assert.equal(await runningJob.textContent(), '3m 20s');
    assert.equal(await page.locator('[data-key="job:602"]').getAttribute('aria-label'), 'Job package, Queued');
    // A minute and a half later the running job has counted on; the queued ones still say they wait.
    await page.clock.setFixedTime(NOW + 90_000);
    await page.waitForFunction(
      () => document.querySelector('[data-key="job:502"] .duration')?.textContent === '4m 50s',
    );
    assert.equal(await queuedJob.textContent(), 'Queued');
    assert.equal(await runDuration.textContent(), 'Queued');
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  for (const [name, theme] of THEMES) {
    it(`colours risk pills by their band, readably (${name})`, async () => {
      const panel = await openPanel(harness, { theme });
      await panel.send(runsMessage());
      await panel.send(riskMessage());
      const pills = panel.page.getByTestId('risk-value');
      await pills.first().waitFor();
      assert.deepEqual(await pills.allTextContents(), ['risk 46%', 'risk 20%', 'risk 2%']);
      assert.deepEqual(await pills.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-level'))), [
        'high',
        'elevated',
        'low',
      ]);
      assert.deepEqual(await pills.evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label'))), [
        'failure risk 46%, high',
        'failure risk 20%, elevated',
        'failure risk 2%, low',
      ]);
      const [high, elevated, low] = await Promise.all([0, 1, 2].map((i) => shownColours(pills.nth(i))));
      assert.ok(high && elevated && low);
      assert.equal(new Set([high.background, elevated.background, low.background]).size, 3, 'three bands, three looks');
      // High risk wears VS Code's error badge.
      assert.equal(high.background, hexToRgb(theme.variables['--vscode-activityErrorBadge-background'] ?? ''));
      for (const pill of [high, elevated, low])
        assert.ok(pill.contrast >= 4.5, `contrast ${pill.contrast.toFixed(2)} of ${pill.text} on ${pill.background}`);
      // The row's status is the last run's, and says so under a heading about the next run.
      assert.equal(await panel.page.locator('.risk-heading').textContent(), 'Failure risk of the next run');
      assert.equal(await panel.page.getByTestId('risk-last-run').first().textContent(), 'last run: in progress');
      await panel.page.evaluate(() => document.fonts.ready);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await panel.page.screenshot({ path: path.join(SCREENSHOTS, `risk-pills-${name}.png`) });
      await panel.page.close();
    });

    it(`gives the verdict of the counts in the header, and error badges VS Code's error colours (${name})`, async () => {
      const panel = await openPanel(harness, { theme });
      const { page } = panel;
      const status = page.getByTestId('server-status');
      await panel.send({ type: 'serverState', state: 'ready' });
      await panel.send(files(1, 0));
      await page.locator('[data-testid="server-status"][data-health="errors"]').waitFor();
      assert.equal(await status.getAttribute('data-state'), 'ready');
      assert.equal(await status.textContent(), 'Errors to fix');
      assert.equal(await status.getAttribute('aria-label'), 'Checked: 1 error and 0 warnings in 2 pipeline files');
      assert.equal(
        (await shownColours(status.locator('.status-icon'))).text,
        hexToRgb(theme.variables['--vscode-editorError-foreground'] ?? ''),
      );
      assert.equal(
        (await shownColours(page.getByTestId('summary-errors'))).text,
        hexToRgb(theme.variables['--vscode-list-errorForeground'] ?? ''),
      );
      const badge = await shownColours(page.locator('[data-testid="error-count"]:not(.zero)'));
      assert.equal(badge.background, hexToRgb(theme.variables['--vscode-activityErrorBadge-background'] ?? ''));
      assert.ok(badge.contrast >= 4.5, `badge contrast ${badge.contrast.toFixed(2)}`);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `header-errors-${name}.png`),
        clip: { x: 0, y: 0, width: 460, height: 160 },
      });

      await panel.send(files(0, 2));
      await page.locator('[data-testid="server-status"][data-health="warnings"]').waitFor();
      assert.equal(await status.textContent(), 'Warnings to review');
      await panel.send(files(0, 0));
      await page.locator('[data-testid="server-status"][data-health="clean"]').waitFor();
      assert.equal(await status.textContent(), 'No problems');
      assert.equal(
        (await shownColours(status.locator('.status-icon'))).text,
        hexToRgb(theme.variables['--vscode-testing-iconPassed'] ?? ''),
      );
      await page.close();
    });
  }

  it('shows a "why?" from the editor in the Runs tab, brought forward; a refresh or a reload does not move the user', async () => {
    const panel = await openPanel(harness, { theme: DARK_MODERN });
    const { page } = panel;
    await panel.send(runsMessage());
    await panel.send(riskMessage());
    await page.getByTestId('tab-files').click();
    const card = page.getByTestId('risk-explanation');
    const focus = explanation('CI', 0.46);
    await panel.send(riskMessage({ focus, focusRequest: 1 }));
    await card.getByTestId('waterfall').waitFor();
    assert.equal(await page.getByTestId('tab-runs').getAttribute('aria-selected'), 'true');
    assert.equal(await card.isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'risk-explanation');
    assert.equal(await card.locator('h3').textContent(), 'Why 46%: CI');
    await page.evaluate(() => document.fonts.ready);
    await card.screenshot({ path: path.join(SCREENSHOTS, 'risk-explanation-dark.png') });

    // The same request again (the risk refreshed): drawn in place, the user stays on the tab they chose.
    await page.getByTestId('tab-files').click();
    await panel.send(riskMessage({ focus: explanation('CI', 0.5), focusRequest: 1 }));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="risk-explanation"] h3')?.textContent === 'Why 50%: CI',
    );
    assert.equal(await page.getByTestId('tab-files').getAttribute('aria-selected'), 'true');

    // Hidden and shown again (the page reloads): the explanation is still there, and nothing jumps.
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    await page.close();
    const again = await openPanel(harness, { state });
    await again.send(runsMessage());
    await again.send(riskMessage({ focus: explanation('CI', 0.5), focusRequest: 1 }));
    await again.page.getByTestId('risk-explanation').getByTestId('waterfall').waitFor({ state: 'attached' });
    assert.equal(await again.page.getByTestId('tab-files').getAttribute('aria-selected'), 'true');
    // Closed, it stays closed across a reload; a new "why?" opens it again.
    await again.page.getByTestId('tab-runs').click();
    await again.page.locator('.risk-close').click();
    const closedState = await again.page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    await again.page.close();
    const third = await openPanel(harness, { state: closedState });
    await third.send(runsMessage());
    await third.send(riskMessage({ focus: explanation('CI', 0.5), focusRequest: 1 }));
    await third.page.getByTestId('risk-value').first().waitFor();
    assert.equal(await third.page.getByTestId('risk-explanation').isHidden(), true);
    await third.send(riskMessage({ focus: explanation('CI', 0.5), focusRequest: 2 }));
    await third.page.getByTestId('risk-explanation').getByTestId('waterfall').waitFor();
    await third.page.close();
  });

  it('writes each factor in full, once, and the explanation follows the model (or says it is stale)', async () => {
    const panel = await openPanel(harness, { width: 380, theme: LIGHT_MODERN });
    const { page } = panel;
    await panel.send(runsMessage());
    await panel.send(riskMessage({ focus: explanation('CI', 0.995), focusRequest: 1 }));
    const card = page.getByTestId('risk-explanation');
    await card.getByTestId('waterfall').waitFor();
    assert.equal(await card.locator('h3').textContent(), 'Why >99%: CI');
    const text = (await card.textContent()) ?? '';
    assert.equal(text.split(LONG_REASON).length - 1, 1, 'the long reason is there, whole, once');
    const cut = await card
      .locator('.wf-label')
      .evaluateAll((labels) =>
        labels
          .filter((l) => l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1)
          .map((l) => l.textContent),
      );
    assert.deepEqual(cut, [], 'no label is cut');
    // Base, factors and risk in the one percent format the lens and the hover use.
    assert.deepEqual(await card.locator('.wf-start .wf-value, .wf-end .wf-value').allTextContents(), ['87%', '>99%']);
    // One step per group of factors (its largest factors named in its label).
    assert.deepEqual(await card.locator('[data-testid="risk-explanation-factors"] .wf-value').allTextContents(), [
      '+13.8 pts',
      '−1.5 pts',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'risk-explanation-narrow.png'), fullPage: true });

    // Retrained: the extension sends the same lens's explanation under the new model; the card says what the lens says.
    await panel.send(riskMessage({ focus: explanation('CI', 0.04), focusRequest: 1 }));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="risk-explanation"] h3')?.textContent === 'Why 4%: CI',
    );
    assert.equal(await card.getByTestId('risk-explanation-stale').count(), 0);
    // When it could not be recomputed, the card says it is from before.
    await panel.send(riskMessage({ focus: explanation('CI', 0.04), focusRequest: 1, focusStale: true }));
    await card.getByTestId('risk-explanation-stale').waitFor();
    assert.deepEqual(panel.errors, []);
    await page.close();
  });
});

function hexToRgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  return `rgb(${parseInt(m[1] ?? '0', 16)}, ${parseInt(m[2] ?? '0', 16)}, ${parseInt(m[3] ?? '0', 16)})`;
}
