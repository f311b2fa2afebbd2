// The Runs tab of the built panel (dist/webview.js) in headless Chromium: rendering, untrusted text, keyboard, keyed
// refresh, every action's message, every state, the tabs, and a screenshot in out/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunView } from '../../protocol/runsView';
import {
  RUNS_SCREENSHOTS,
  startPanelHarness,
  type PanelHarness,
  type PanelPage,
  type PanelWindow,
} from './panelHarness';
import { CI_RUN, DOCS_RUN, NOW, TEST_JOB, TRAIN_JOB, TRAIN_RUN, at, runsMessage, step } from './runsFixtures';
import { DARK_MODERN, LIGHT_MODERN } from './themes';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const ROW = '[data-testid$="-row"][role="treeitem"]';

async function openWithRuns(
  harness: PanelHarness,
  message = runsMessage(),
  options: Parameters<PanelHarness['open']>[0] = {},
): Promise<PanelPage> {
  const panel = await harness.open({ now: NOW, ...options });
  await panel.waitForPosted(1);
  await panel.send(message);
  await panel.page.getByTestId('runs-view').waitFor();
  return panel;
}

/** The visible tree as "level|text" lines, for comparing whole structures at once. */
async function treeLines(panel: PanelPage): Promise<string[]> {
  return panel.page
    .locator(ROW)
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('aria-level') ?? ''}|${r.getAttribute('data-key') ?? ''}`),
    );
}

async function focusedKey(panel: PanelPage): Promise<string | undefined> {
  return panel.page.evaluate(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset['key'] : undefined,
  );
}

async function lastPosted(panel: PanelPage, count: number): Promise<unknown> {
  return (await panel.waitForPosted(count))[count - 1];
}

describe('runs view (dist/webview.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
  });
  after(async () => {
    await harness.close();
  });

  it('keeps the tabs hidden until runs arrive, then lands on Runs; Files still works', async () => {
    const panel = await harness.open({ now: NOW });
    await panel.waitForPosted(1);
    assert.equal(await panel.page.getByTestId('tabs').isHidden(), true);
    await panel.send(runsMessage());
    await panel.page.getByTestId('tabs').waitFor();
    assert.equal(await panel.page.getByTestId('tab-runs').getAttribute('aria-selected'), 'true');
    assert.equal(await panel.page.getByTestId('runs-view').isVisible(), true);
    assert.equal(await panel.page.locator('.files').isVisible(), false);
    // Arrow keys move between tabs and select them; only the selected tab is a tab stop.
    await panel.page.getByTestId('tab-runs').focus();
    await panel.page.keyboard.press('ArrowRight');
    assert.equal(await panel.page.getByTestId('tab-files').getAttribute('aria-selected'), 'true');
    assert.equal(await panel.page.getByTestId('tab-runs').getAttribute('tabindex'), '-1');
    assert.equal(await panel.page.locator('.files').isVisible(), true);
    assert.equal(await panel.page.getByTestId('runs-view').isVisible(), false);
    await panel.page.keyboard.press('ArrowLeft');
    assert.equal(await panel.page.getByTestId('runs-view').isVisible(), true);
    // The Runs tab carries the newest run's status (here: running), for when the Files tab is open.
    assert.equal(
      await panel.page.getByTestId('tab-runs-status').getAttribute('class'),
      'codicon codicon-loading tab-status tone-running codicon-modifier-spin',
    );
    assert.equal(await panel.page.getByTestId('tab-runs').getAttribute('aria-label'), 'Runs, latest: In progress');
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('renders runs newest first with status, title, trigger, actor, attempt, duration and age', async () => {
    const panel = await openWithRuns(harness);
    const { page } = panel;
    const runs = await page.getByTestId('run-row').evaluateAll((rows) =>
      rows.map((r) => ({
        workflow: r.querySelector('[data-testid="workflow-name"]')?.textContent,
        number: r.querySelector('.run-number')?.textContent,
        title: r.querySelector('[data-testid="run-title"]')?.textContent,
        conclusion: r.querySelector('[data-testid="run-conclusion"]')?.textContent,
        event: r.querySelector('[data-testid="run-event"]')?.textContent,
        actor: r.querySelector('[data-testid="run-actor"]')?.textContent,
        when: r.querySelector('[data-testid="run-when"]')?.textContent,
        duration: r.querySelector('[data-testid="run-duration"]')?.textContent,
        attemptShown: !r.querySelector('[data-testid="attempt"]')?.classList.contains('invisible'),
        attempt: r.querySelector('[data-testid="attempt"]')?.textContent,
        icon: r.querySelector('.status-icon')?.className,
        expanded: r.getAttribute('aria-expanded'),
      })),
    );
    assert.deepEqual(runs, [
      // Running: started 305 s ago, so 5m 05s so far; created 310 s ago.
      {
        workflow: 'CI',
        number: '#42',
        title: 'Speed up the data loader',
        conclusion: 'In progress',
        event: 'push',
        actor: 'octocat',
        when: '5 min ago',
        duration: '5m 05s',
        attemptShown: false,
        attempt: 'attempt 1',
        icon: 'codicon codicon-loading status-icon tone-running codicon-modifier-spin',
        expanded: 'true',
      },
      // Failed: from start (4010 s ago) to its last update (3600 s ago) = 410 s.
      {
        workflow: 'Train',
        number: '#41',
        title: 'Bump learning rate',
        conclusion: 'Failed',
        event: 'manual',
        actor: 'mona',
        when: '1 h ago',
        duration: '6m 50s',
        attemptShown: true,
        attempt: 'attempt 2',
        icon: 'codicon codicon-error status-icon tone-failed',
        expanded: 'false',
      },
      {
        workflow: 'Docs',
        number: '#40',
        title: 'Fix typo in README',
        conclusion: 'Succeeded',
        event: 'pull request',
        actor: 'dependabot[bot]',
        when: '2 days ago',
        duration: '1m 00s',
        attemptShown: false,
        attempt: 'attempt 1',
        icon: 'codicon codicon-pass-filled status-icon tone-passed',
        expanded: 'false',
      },
    ]);
    // The newest run is open; its running job is open too, its finished one is not.
    assert.deepEqual(await treeLines(panel), [
      '1|run:9003',
      '2|job:501',
      '2|job:502',
      '3|step:502:1',
      '3|step:502:2',
      '3|step:502:3',
      '3|step:502:4',
      '1|run:9002',
      '1|run:9001',
    ]);
    const test = page.locator('[data-key="job:502"]');
    assert.equal(await test.locator('.row-name').textContent(), 'test (3.11, ubuntu-latest)');
    assert.equal(await test.locator('.duration').textContent(), '3m 20s');
    assert.equal(await page.locator('[data-key="step:502:2"] .duration').textContent(), '1m 13s');
    assert.equal(await page.locator('[data-key="step:502:4"] .duration').textContent(), '');
    assert.equal(
      await page.locator('[data-key="step:502:3"] .status-icon').getAttribute('class'),
      'codicon codicon-loading status-icon tone-running codicon-modifier-spin',
    );
    assert.equal(await page.getByTestId('runs-branch').textContent(), 'main');
    assert.equal(await page.getByTestId('runs-repository').textContent(), 'preflight-dev/ml-repo');
    assert.equal(await page.getByTestId('runs-updated').textContent(), 'Updated 12 s ago');
    assert.equal(
      await page.getByTestId('run-row').first().getAttribute('aria-label'),
      'CI run 42, In progress: Speed up the data loader, push by octocat',
    );
    // A flat tree tells screen readers where each row sits among its siblings.
    const positions = await page
      .locator(ROW)
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('aria-posinset') ?? ''}/${r.getAttribute('aria-setsize') ?? ''}`),
      );
    assert.deepEqual(positions, ['1/3', '1/2', '2/2', '1/4', '2/4', '3/4', '4/4', '2/3', '3/3']);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('highlights the failed step once the failed run is opened, and its failed job opens by itself', async () => {
    const panel = await openWithRuns(harness);
    await panel.page.locator('[data-key="run:9002"]').click();
    await panel.page.locator('[data-key="step:402:3"]').waitFor();
    assert.deepEqual((await treeLines(panel)).slice(-9), [
      '1|run:9002',
      '2|job:401',
      '2|job:402',
      '3|step:402:1',
      '3|step:402:2',
      '3|step:402:3',
      '3|step:402:4',
      '3|step:402:5',
      '1|run:9001',
    ]);
    const failed = await panel.page
      .locator('.failed-step')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    assert.deepEqual(failed, ['step:402:3']);
    assert.equal(await panel.page.locator('[data-key="step:402:3"] .duration').textContent(), '4m 43s');
    // Docs has no jobs fetched yet: opening it says so instead of showing nothing.
    await panel.page.locator('[data-key="run:9001"]').click();
    assert.equal(await panel.page.locator('[data-key="jobs:9001"]').textContent(), 'Loading jobs…');
    await panel.page.close();
  });

  it('shows markup in every untrusted field as literal text and never runs it', async () => {
    const evilStep = step(1, `${XSS} step`, 'completed', 'failure', 100, 50);
    const evilRun: RunView = {
      ...TRAIN_RUN,
      id: 7,
      workflowName: `${XSS} wf`,
      title: `${XSS} title`,
      actor: `${XSS} actor`,
      event: `${XSS} event`,
      headSha: XSS,
      jobs: [{ ...TRAIN_JOB, id: 8, name: `${XSS} job`, steps: [evilStep] }],
    };
    const panel = await openWithRuns(
      harness,
      runsMessage([evilRun], { branch: `${XSS} branch`, repository: `${XSS} repo` }),
    );
    const { page } = panel;
    await page.locator('[data-key="step:8:1"]').waitFor();
    assert.equal(await page.getByTestId('workflow-name').textContent(), `${XSS} wf`);
    assert.equal(await page.getByTestId('run-title').textContent(), `${XSS} title`);
    assert.equal(await page.getByTestId('run-actor').textContent(), `${XSS} actor`);
    // An unknown trigger is shown with its underscores as spaces, still as text.
    assert.equal(await page.getByTestId('run-event').textContent(), `${XSS.replace(/_/g, ' ')} event`);
    assert.equal(await page.locator('[data-key="job:8"] .row-name').textContent(), `${XSS} job`);
    assert.equal(await page.locator('[data-key="step:8:1"] .row-name').textContent(), `${XSS} step`);
    assert.equal(await page.getByTestId('runs-branch').textContent(), `${XSS} branch`);
    assert.equal(await page.getByTestId('runs-repository').textContent(), `${XSS} repo`);
    await panel.send(runsMessage([], { state: { kind: 'permissionDenied', detail: `${XSS} detail` } }));
    await page.locator('[data-testid="runs-state"][data-state="permissionDenied"]').waitFor();
    assert.equal(await page.getByTestId('runs-state-detail').textContent(), `${XSS} detail`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#app img, #app script').length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as PanelWindow).__pwned), undefined);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('moves with the arrow keys: Up/Down, Right opens and steps in, Left closes and steps out, Home/End', async () => {
    const panel = await openWithRuns(harness);
    const { page } = panel;
    assert.equal(await page.locator(`${ROW}[tabindex="0"]`).count(), 1);
    await page.getByTestId('tab-runs').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedKey(panel), 'run:9003');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedKey(panel), 'job:501');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('[data-key="job:501"]').getAttribute('aria-expanded'), 'true');
    assert.equal(await focusedKey(panel), 'job:501', 'Right on a closed row opens it without moving');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedKey(panel), 'step:501:1', 'Right on an open row steps into it');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedKey(panel), 'job:501', 'Left on a step goes to its job');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('[data-key="job:501"]').getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedKey(panel), 'run:9003');
    await page.keyboard.press('End');
    assert.equal(await focusedKey(panel), 'run:9001');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedKey(panel), 'run:9001', 'stops at the last row');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.locator('[data-key="run:9001"]').getAttribute('aria-expanded'),
      'true',
      'Enter toggles a run',
    );
    await page.keyboard.press('Home');
    assert.equal(await focusedKey(panel), 'run:9003');
    // Enter on a step opens it in the workflow file.
    await page.locator('[data-key="step:502:3"]').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(panel, 2), { type: 'openStep', runId: 9003, jobId: 502, stepNumber: 3 });
    // Tab from a row goes to that row's buttons, not through every row.
    await page.locator('[data-key="job:502"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'action-open-log');
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(panel, 3), { type: 'openLog', runId: 9003, jobId: 502 });
    assert.equal(await page.locator(`${ROW}[tabindex="0"]`).count(), 1);
    await page.close();
  });

  it('refreshes in place: rows keep their elements, focus stays put, new runs slide in above', async () => {
    const panel = await openWithRuns(harness);
    const { page } = panel;
    await page.locator('[data-key="step:502:3"]').focus();
    await page.evaluate(() => {
      document.querySelectorAll('[role="treeitem"]').forEach((r) => {
        (r as HTMLElement & { __mark?: string }).__mark = r.getAttribute('data-key') ?? '';
      });
    });
    const treeTop = await page.getByTestId('runs-tree').evaluate((t) => t.getBoundingClientRect().top);
    const finished = {
      ...TEST_JOB,
      status: 'completed' as const,
      conclusion: 'success' as const,
      completedAt: at(1),
      steps: TEST_JOB.steps.map((s) => ({
        ...s,
        status: 'completed' as const,
        conclusion: 'success' as const,
        completedAt: s.completedAt ?? at(1),
        startedAt: s.startedAt ?? at(2),
      })),
    };
    const newRun: RunView = {
      ...CI_RUN,
      id: 9004,
      runNumber: 43,
      title: 'Next commit',
      status: 'queued',
      jobs: null,
      createdAt: at(2),
      startedAt: null,
    };
    await panel.send(
      runsMessage([newRun, { ...CI_RUN, jobs: [CI_RUN.jobs?.[0] ?? TEST_JOB, finished] }, TRAIN_RUN, DOCS_RUN], {
        updatedAt: at(0),
      }),
    );
    await page.locator('[data-key="run:9004"]').waitFor();
    assert.equal(await focusedKey(panel), 'step:502:3', 'the focused step keeps focus');
    assert.equal(
      await page.locator('[data-key="step:502:3"] .status-icon').getAttribute('class'),
      'codicon codicon-pass-filled status-icon tone-passed',
    );
    const marks = await page
      .locator('[role="treeitem"]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement & { __mark?: string }).__mark ?? 'new'));
    // The old rows are the same elements and the new run arrives closed above them: the run that was open stays open,
    // and the finished job does not fold away under the user.
    assert.deepEqual(marks, [
      'new',
      'run:9003',
      'job:501',
      'job:502',
      'step:502:1',
      'step:502:2',
      'step:502:3',
      'step:502:4',
      'run:9002',
      'run:9001',
    ]);
    assert.equal(await page.locator('[data-key="run:9004"]').getAttribute('aria-expanded'), 'false');
    assert.equal(
      await page.getByTestId('runs-tree').evaluate((t) => t.getBoundingClientRect().top),
      treeTop,
      'the list itself does not move',
    );
    assert.equal(await page.getByTestId('runs-updated').textContent(), 'Updated just now');
    // Runs GitHub listed that Preflight could not read are counted beside the time, with the reason in the tooltip.
    await panel.send({ ...runsMessage([CI_RUN, TRAIN_RUN], { updatedAt: at(0) }), leftOut: 2 });
    await page.getByTestId('runs-updated').getByText('Updated just now · 2 runs left out').waitFor();
    assert.match(
      (await page.getByTestId('runs-updated').getAttribute('title')) ?? '',
      /GitHub listed 2 runs without the fields Preflight reads/,
    );
    await page.close();
  });

  it('offers "Explain failure (AI)" only while the editor has a language model', async () => {
    const panel = await openWithRuns(harness);
    const { page } = panel;
    await page.locator('[data-key="run:9002"]').click();
    const explain = page.locator('[data-key="job:402"]').getByTestId('action-explain-failure');
    await explain.waitFor({ state: 'attached' });
    const offered = (): Promise<boolean> => explain.evaluate((b) => !(b as HTMLElement).hidden);
    assert.equal(await offered(), false, 'not offered before the host says a model is there');
    await panel.send({ type: 'languageModels', available: true });
    const shownIs = (shown: boolean) =>
      page.waitForFunction(
        (want) =>
          document.querySelector<HTMLElement>('[data-key="job:402"] [data-testid="action-explain-failure"]')?.hidden ===
          !want,
        shown,
      );
    await shownIs(true);
    // The job's other actions are unaffected, and a malformed message changes nothing.
    assert.equal(
      await page
        .locator('[data-key="job:402"]')
        .getByTestId('action-open-log')
        .evaluate((b) => !(b as HTMLElement).hidden),
      true,
    );
    await panel.send({ type: 'languageModels', available: 'no' });
    await panel.send(runsMessage());
    assert.equal(await offered(), true);
    await panel.send({ type: 'languageModels', available: false });
    await shownIs(false);
    assert.equal(
      (await panel.posted()).some((m) => (m as { type?: string }).type === 'explainFailure'),
      false,
    );
    await page.close();
  });

  it('posts the right message for every button and for clicking a step', async () => {
    const panel = await openWithRuns(harness);
    const { page } = panel;
    await panel.send({ type: 'languageModels', available: true });
    let count = 1;
    // As a user does it: point at the row (its actions appear), then click the button.
    const expectPost = async (
      row: ReturnType<typeof page.locator>,
      button: string | undefined,
      message: unknown,
    ): Promise<void> => {
      await row.hover();
      await (button ? row.getByTestId(button) : row).click();
      count++;
      assert.deepEqual(await lastPosted(panel, count), message);
    };
    await page.locator('[data-key="run:9002"]').click(); // open the failed run (a click posts nothing)
    assert.equal((await panel.posted()).length, 1);
    // Whether a row offers an action (its button is drawn while you are on the row; `hidden` means never offered).
    const offered = (locator: ReturnType<typeof page.locator>): Promise<boolean> =>
      locator.evaluate((b) => !(b as HTMLElement).hidden);
    const ci = page.locator('[data-key="run:9003"]');
    const train = page.locator('[data-key="run:9002"]');
    assert.equal(await offered(ci.getByTestId('action-cancel-run')), true);
    assert.equal(
      await offered(ci.getByTestId('action-rerun-failed')),
      false,
      'a running run cannot re-run failed jobs',
    );
    assert.equal(await offered(train.getByTestId('action-cancel-run')), false, 'a finished run cannot be cancelled');
    assert.equal(
      await offered(page.locator('[data-key="run:9001"]').getByTestId('action-rerun-failed')),
      false,
      'a green run has no failed jobs',
    );
    await expectPost(ci, 'action-cancel-run', { type: 'cancelRun', runId: 9003 });
    await expectPost(train, 'action-rerun-failed', { type: 'rerunFailed', runId: 9002 });
    await expectPost(train, 'action-rerun-run', { type: 'rerunRun', runId: 9002 });
    await expectPost(page.locator('[data-key="job:402"]'), 'action-rerun-job', {
      type: 'rerunJob',
      runId: 9002,
      jobId: 402,
    });
    await expectPost(page.locator('[data-key="job:402"]'), 'action-open-log', {
      type: 'openLog',
      runId: 9002,
      jobId: 402,
    });
    await expectPost(page.locator('[data-key="job:402"]'), 'action-explain-failure', {
      type: 'explainFailure',
      runId: 9002,
      jobId: 402,
    });
    assert.equal(
      await offered(page.locator('[data-key="job:401"]').getByTestId('action-explain-failure')),
      false,
      'a job that passed has no failure to explain',
    );
    await expectPost(page.locator('[data-key="step:402:3"]'), undefined, {
      type: 'openStep',
      runId: 9002,
      jobId: 402,
      stepNumber: 3,
    });
    assert.equal(
      await offered(page.locator('[data-key="job:502"]').getByTestId('action-rerun-job')),
      false,
      'a running job cannot be re-run',
    );
    // Button clicks do not also toggle the row.
    assert.equal(await train.getAttribute('aria-expanded'), 'true');
    await page.close();
  });

  it('shows each state: signed out (with Sign in), no remote, no runs, loading, offline, rate limited, permission denied', async () => {
    const panel = await openWithRuns(
      harness,
      runsMessage([], { state: { kind: 'signedOut' }, branch: null, repository: null, updatedAt: null }),
    );
    const { page } = panel;
    const state = page.getByTestId('runs-state');
    const title = page.getByTestId('runs-state-title');
    await page.locator('[data-testid="runs-state"][data-state="signedOut"]').waitFor();
    assert.equal(await title.textContent(), 'Sign in to GitHub to see workflow runs');
    assert.equal(await page.getByTestId('runs-updated').textContent(), 'Not updated yet');
    await page.getByTestId('sign-in').click();
    assert.deepEqual(await lastPosted(panel, 2), { type: 'signIn' });

    const cases: [Parameters<typeof runsMessage>[1], string, RegExp][] = [
      [{ state: { kind: 'noRemote' } }, 'No GitHub remote', /git remote add origin/],
      [
        { state: { kind: 'noRuns' }, branch: 'feature/x' },
        'No workflow runs on feature/x yet',
        /as soon as a workflow starts/,
      ],
      [{ state: { kind: 'offline' } }, 'GitHub cannot be reached', /keeps trying/],
      [{ state: { kind: 'rateLimited', until: at(-600) } }, 'GitHub API rate limit reached', /resume in 10 min/],
      [
        { state: { kind: 'permissionDenied', detail: 'The token lacks the repo scope.' } },
        'No permission to read Actions for preflight-dev/ml-repo',
        /lacks the repo scope/,
      ],
    ];
    for (const [patch, expectedTitle, detail] of cases) {
      await panel.send(runsMessage([], patch));
      await page.locator(`[data-testid="runs-state"][data-state="${patch?.state?.kind ?? ''}"]`).waitFor();
      assert.equal(await title.textContent(), expectedTitle);
      assert.match((await page.getByTestId('runs-state-detail').textContent()) ?? '', detail);
      assert.equal(await page.getByTestId('sign-in').isHidden(), true);
      assert.equal(await page.getByTestId('runs-tree').isHidden(), true);
      assert.equal(await state.evaluate((s) => s.classList.contains('banner')), false);
    }
    await panel.send(runsMessage([], { state: { kind: 'loading' } }));
    await page.getByTestId('runs-loading').waitFor();
    assert.equal(await state.isHidden(), true);

    // With runs to show, a problem is a banner above the last good list.
    await panel.send(runsMessage(undefined, { state: { kind: 'offline' } }));
    await page.locator('[data-testid="runs-state"].banner[data-state="offline"]').waitFor();
    assert.equal(await page.getByTestId('run-row').count(), 3);
    assert.equal(await page.getByTestId('runs-loading').isHidden(), true);
    // Signed out never shows runs, even stale ones.
    await panel.send(runsMessage(undefined, { state: { kind: 'signedOut' } }));
    await page.locator('[data-testid="runs-state"][data-state="signedOut"]').waitFor();
    assert.equal(await page.getByTestId('runs-tree').isHidden(), true);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('ignores malformed runs messages and keeps what it shows', async () => {
    const panel = await openWithRuns(harness);
    for (const bad of [
      { ...runsMessage(), runs: [{ ...CI_RUN, id: -1 }] },
      { ...runsMessage(), state: { kind: 'rateLimited' } },
      { ...runsMessage(), runs: [CI_RUN, CI_RUN] },
      { ...runsMessage(), runs: [{ ...CI_RUN, status: 'exploded' }] },
    ])
      await panel.send(bad);
    await panel.send(runsMessage([DOCS_RUN], { updatedAt: at(30) }));
    await panel.page.getByText('Updated 30 s ago').waitFor();
    assert.equal(await panel.page.getByTestId('run-row').count(), 1);
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('marks runs kept from an earlier session as cached, quietly, until fresh ones replace them in place', async () => {
    // The real clock here: the pinned one stands in for `performance` too, and its marks record nothing.
    const panel = await harness.open();
    await panel.waitForPosted(1);
    await panel.send(runsMessage(undefined, { state: { kind: 'loading' }, cached: true, updatedAt: at(3600) }));
    await panel.page.getByTestId('run-row').first().waitFor();
    const { page } = panel;
    assert.equal(await page.getByTestId('runs-updated').textContent(), 'Cached · refreshing…');
    assert.match((await page.getByTestId('runs-updated').getAttribute('title')) ?? '', /kept from an earlier session/);
    assert.equal(await page.getByTestId('runs-view').getAttribute('data-cached'), '');
    assert.equal(await page.getByTestId('runs-loading').isHidden(), true, 'the kept runs, not a spinner');
    const treeTop = await page.getByTestId('runs-tree').evaluate((t) => t.getBoundingClientRect().top);
    await page.evaluate(() => {
      document.querySelectorAll('[role="treeitem"]').forEach((r) => {
        (r as HTMLElement & { __mark?: string }).__mark = 'kept';
      });
    });
    await panel.send(runsMessage(undefined, { updatedAt: at(0) }));
    await page
      .getByTestId('runs-updated')
      .getByText(/^Updated /)
      .waitFor();
    assert.equal(await page.getByTestId('runs-view').getAttribute('data-cached'), null);
    assert.equal(
      await page.getByTestId('runs-tree').evaluate((t) => t.getBoundingClientRect().top),
      treeTop,
      'nothing jumps',
    );
    const marks = await page
      .locator('[role="treeitem"]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement & { __mark?: string }).__mark ?? 'new'));
    assert.ok(marks.length > 0 && marks.every((m) => m === 'kept'), 'the same rows, updated in place');
    // The page's own timing of both paints, for the E2E's first-paint figure (marked in the next animation frame).
    await page.waitForFunction(() => performance.getEntriesByName('preflight.runs.freshData').length > 0);
    const paints = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('preflight.runs.'))
        .map((m) => [m.name, (m as PerformanceMark).detail as unknown]),
    );
    assert.deepEqual(paints, [
      ['preflight.runs.firstData', { source: 'host', cached: true }],
      ['preflight.runs.freshData', { source: 'host', cached: false }],
    ]);
    await page.close();
  });

  it('draws the saved runs, tab and open rows at once after a reload', async () => {
    const first = await openWithRuns(harness);
    await first.page.locator('[data-key="run:9002"]').click();
    await first.page.locator('[data-key="job:402"]').waitFor();
    const state = await first.page.evaluate(() => (window as unknown as PanelWindow).__state);
    await first.page.close();
    const panel = await harness.open({ now: NOW, state });
    await panel.page.locator('[data-key="step:402:3"]').waitFor();
    assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
    assert.equal(await panel.page.getByTestId('tab-runs').getAttribute('aria-selected'), 'true');
    await panel.page.close();
  });

  it('screenshots the runs view (dark, light, narrow) into out/screenshots/', async () => {
    fs.mkdirSync(RUNS_SCREENSHOTS, { recursive: true });
    const shots = [
      [DARK_MODERN, 'runs.png', 640],
      [LIGHT_MODERN, 'runs-light.png', 640],
      [DARK_MODERN, 'runs-narrow.png', 360],
    ] as const;
    for (const [theme, file, width] of shots) {
      const panel = await openWithRuns(harness, runsMessage(), { theme, width, height: 640 });
      const { page } = panel;
      await panel.send({ type: 'pipelineFiles', workspaceName: 'ml-repo', files: [] });
      await page.locator('[data-key="run:9002"]').click();
      await page.locator('[data-key="step:402:3"]').waitFor();
      await page.locator('[data-key="job:502"]').focus();
      await page.evaluate(() => document.fonts.ready);
      const out = path.join(RUNS_SCREENSHOTS, file);
      await page.screenshot({ path: out });
      assert.ok(fs.statSync(out).size > 10_000);
      assert.deepEqual(await panel.cspViolations(), []);
      await page.close();
    }
    console.log(`runs screenshots in ${RUNS_SCREENSHOTS}`);
  });
});
