// The built panel (dist/webview.js) in headless Chromium: handshake, rendering, untrusted text, keyboard and mouse,
// in-place refresh, server status and the CSP. Screenshots land in test-results/webview/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles';
import type { ToWebview } from '../../protocol/webview';
import { SCREENSHOTS, startPanelHarness, type PanelHarness, type PanelPage, type PanelWindow } from './panelHarness';
import { DARK_MODERN, LIGHT_MODERN } from './themes';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const ROW = '[data-testid="pipeline-file-row"]';

function summary(
  relativePath: string,
  kind: PipelineFileSummary['kind'],
  errors = 0,
  warnings = 0,
): PipelineFileSummary {
  return {
    uri: `file:///work/ml-repo/${relativePath.split('/').map(encodeURIComponent).join('/')}`,
    relativePath,
    kind,
    errors,
    warnings,
  };
}

const FILES: readonly PipelineFileSummary[] = [
  summary('dvc.yaml', 'dvc-pipeline'),
  summary('.github/workflows/ci.yml', 'github-workflow', 0, 1),
  summary('.github/workflows/broken-train.yml', 'github-workflow', 1, 0),
  summary('params.yaml', 'dvc-params'),
  summary('MLproject', 'mlflow-project', 0, 1),
  summary('model/MLmodel', 'mlflow-model'),
  summary('deploy/inference-service.yaml', 'kserve-inference-service'),
];

function filesMessage(files: readonly PipelineFileSummary[], workspaceName = 'ml-repo'): ToWebview {
  return { type: 'pipelineFiles', workspaceName, files };
}

async function focusedUri(panel: PanelPage): Promise<string | undefined> {
  return panel.page.evaluate(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset['uri'] : undefined,
  );
}

/** Opens the panel, waits for its `ready`, and shows FILES. */
async function openWithFiles(
  harness: PanelHarness,
  options: Parameters<PanelHarness['open']>[0] = {},
): Promise<PanelPage> {
  const panel = await harness.open(options);
  await panel.waitForPosted(1);
  await panel.send(filesMessage(FILES));
  await panel.page
    .locator(ROW)
    .nth(FILES.length - 1)
    .waitFor();
  return panel;
}

describe('pipeline panel webview (dist/webview.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
  });
  after(async () => {
    await harness.close();
  });

  it('posts ready on load, exactly once, before anything else', async () => {
    const panel = await harness.open();
    assert.deepEqual(await panel.waitForPosted(1), [{ type: 'ready' }]);
    await panel.page.getByTestId('loading').waitFor();
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('renders the files grouped by kind with counts, heading and summary', async () => {
    const panel = await openWithFiles(harness);
    const { page } = panel;
    assert.equal(await page.getByTestId('workspace-name').textContent(), 'ml-repo');
    assert.equal(await page.getByTestId('summary').textContent(), '7 pipeline files · 1 error · 2 warnings');
    const groups = await page
      .getByTestId('pipeline-file-group')
      .evaluateAll((gs) => gs.map((g) => g.querySelector('.group-label')?.textContent));
    assert.deepEqual(groups, [
      'GitHub Actions workflow',
      'DVC pipeline',
      'DVC params',
      'MLflow project',
      'MLflow model',
      'KServe InferenceService',
    ]);
    const rows = await page.locator(ROW).evaluateAll((rs) =>
      rs.map((r) => ({
        path: r.querySelector('.path')?.textContent,
        icon: r.querySelector('.kind-icon')?.className,
        errors: r.querySelector('[data-testid="error-count"]')?.textContent,
        warnings: r.querySelector('[data-testid="warning-count"]')?.textContent,
      })),
    );
    assert.deepEqual(
      rows.map((r) => r.path),
      [
        '.github/workflows/broken-train.yml',
        '.github/workflows/ci.yml',
        'dvc.yaml',
        'params.yaml',
        'MLproject',
        'model/MLmodel',
        'deploy/inference-service.yaml',
      ],
    );
    assert.deepEqual(rows[0], {
      path: '.github/workflows/broken-train.yml',
      icon: 'codicon codicon-github-action kind-icon',
      errors: '1',
      warnings: '0',
    });
    assert.deepEqual(rows[1], {
      path: '.github/workflows/ci.yml',
      icon: 'codicon codicon-github-action kind-icon',
      errors: '0',
      warnings: '1',
    });
    assert.equal(
      await page.locator(ROW).first().getAttribute('aria-label'),
      '.github/workflows/broken-train.yml, GitHub Actions workflow, 1 error, 0 warnings',
    );
    assert.equal(await page.locator('vscode-badge').count(), 14);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('shows markup in paths and names as literal text and never runs it', async () => {
    const panel = await harness.open();
    await panel.waitForPosted(1);
    const evilFile = summary(`evil/${XSS}.yml`, 'github-workflow', 2, 0);
    await panel.send(filesMessage([evilFile, ...FILES], XSS));
    const evil = panel.page.locator(ROW).filter({ hasText: 'onerror' });
    await evil.waitFor();
    assert.equal(await evil.locator('.path').textContent(), `evil/${XSS}.yml`);
    assert.equal(await panel.page.getByTestId('workspace-name').textContent(), XSS);
    const injected = await panel.page.evaluate(() => document.querySelectorAll('#app img, #app script').length);
    assert.equal(injected, 0);
    // Clicking it posts the URI as data, unchanged.
    await evil.click();
    const posted = await panel.waitForPosted(2);
    assert.deepEqual(posted[1], { type: 'openFile', uri: evilFile.uri });
    assert.equal(await panel.page.evaluate(() => (window as unknown as PanelWindow).__pwned), undefined);
    await panel.page.close();
  });

  it('opens a file on click, Enter and Space', async () => {
    const panel = await openWithFiles(harness);
    const dvc = panel.page.locator(ROW, { hasText: 'dvc.yaml' });
    await dvc.click();
    assert.deepEqual((await panel.waitForPosted(2))[1], { type: 'openFile', uri: 'file:///work/ml-repo/dvc.yaml' });
    await panel.page.locator(ROW, { hasText: 'MLproject' }).focus();
    await panel.page.keyboard.press('Enter');
    assert.deepEqual((await panel.waitForPosted(3))[2], { type: 'openFile', uri: 'file:///work/ml-repo/MLproject' });
    await panel.page.keyboard.press('Space');
    assert.deepEqual((await panel.waitForPosted(4))[3], { type: 'openFile', uri: 'file:///work/ml-repo/MLproject' });
    await panel.page.close();
  });

  it('moves focus with the arrow keys, Home and End, keeping a single tab stop', async () => {
    const panel = await openWithFiles(harness);
    const { page } = panel;
    const tabStops = (): Promise<number> => page.locator(`${ROW}[tabindex="0"]`).count();
    assert.equal(await tabStops(), 1);
    await page.getByTestId('refresh').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/.github/workflows/broken-train.yml');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/.github/workflows/ci.yml');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/dvc.yaml', 'crosses into the next group');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/.github/workflows/ci.yml');
    await page.keyboard.press('End');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/deploy/inference-service.yaml');
    await page.keyboard.press('ArrowDown');
    assert.equal(
      await focusedUri(panel),
      'file:///work/ml-repo/deploy/inference-service.yaml',
      'stops at the last row',
    );
    await page.keyboard.press('Home');
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/.github/workflows/broken-train.yml');
    assert.equal(await tabStops(), 1);
    assert.equal(
      await page.locator(`${ROW}[tabindex="0"]`).getAttribute('data-uri'),
      'file:///work/ml-repo/.github/workflows/broken-train.yml',
    );
    await page.close();
  });

  it('re-renders in place: same row elements, focus kept on the same file, counts updated', async () => {
    const panel = await openWithFiles(harness);
    const { page } = panel;
    await page.locator(ROW, { hasText: 'params.yaml' }).focus();
    await page.evaluate(() => {
      document.querySelectorAll('[data-testid="pipeline-file-row"]').forEach((r, i) => {
        (r as HTMLElement & { __mark?: number }).__mark = i;
      });
    });
    const changed = FILES.map((f) => (f.relativePath === 'params.yaml' ? { ...f, warnings: 3 } : f));
    await panel.send(filesMessage([summary('a/dvc.yaml', 'dvc-pipeline'), ...changed]));
    await page.getByText('a/', { exact: true }).waitFor();
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/params.yaml');
    const params = page.locator(ROW, { hasText: 'params.yaml' });
    assert.equal(await params.getByTestId('warning-count').textContent(), '3');
    const marks = await page
      .locator(ROW)
      .evaluateAll((rs) => rs.map((r) => (r as HTMLElement & { __mark?: number }).__mark ?? null));
    assert.deepEqual(marks, [0, 1, null, 2, 3, 4, 5, 6], 'existing rows are reused, the new one is inserted');
    assert.equal(await page.getByTestId('summary').textContent(), '8 pipeline files · 1 error · 5 warnings');

    // The focused file disappears: focus goes to its neighbour instead of being lost.
    await panel.send(
      filesMessage([summary('a/dvc.yaml', 'dvc-pipeline'), ...FILES.filter((f) => f.relativePath !== 'params.yaml')]),
    );
    await params.waitFor({ state: 'detached' });
    assert.equal(await focusedUri(panel), 'file:///work/ml-repo/MLproject');
    await page.close();
  });

  it('ignores malformed messages', async () => {
    const panel = await openWithFiles(harness);
    for (const bad of [
      { type: 'pipelineFiles', workspaceName: 'x', files: 'nope' },
      { type: 'pipelineFiles', workspaceName: 'x', files: [{ ...FILES[0], kind: 'jenkins' }] },
      { type: 'serverState', state: 'exploded' },
      { type: 'openFile', uri: 'file:///x' },
      { type: 'bogus' },
    ])
      await panel.send(bad);
    await panel.send({ type: 'serverState', state: 'ready' });
    await panel.page.locator('[data-testid="server-status"][data-state="ready"]').waitFor();
    assert.equal(await panel.page.locator(ROW).count(), FILES.length);
    assert.equal(await panel.page.getByTestId('workspace-name').textContent(), 'ml-repo');
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('shows an empty state that says which files Preflight recognises', async () => {
    const panel = await openWithFiles(harness, { theme: DARK_MODERN });
    await panel.send(filesMessage([]));
    const empty = panel.page.getByTestId('empty-state');
    await empty.waitFor();
    const text = (await empty.textContent()) ?? '';
    assert.match(text, /No pipeline files found in this workspace/);
    for (const hint of [
      '.github/workflows/*.yml',
      '.gitlab-ci.yml',
      'dvc.yaml',
      'params.yaml',
      'MLproject',
      'MLmodel',
      'InferenceService',
    ]) {
      assert.ok(text.includes(hint), `hint mentions ${hint}`);
    }
    assert.equal(await panel.page.locator(ROW).count(), 0);
    assert.equal(await panel.page.getByTestId('pipeline-file-list').isHidden(), true);
    assert.equal(await panel.page.getByTestId('summary').textContent(), '0 pipeline files · 0 errors · 0 warnings');
    await panel.page.screenshot({ path: path.join(SCREENSHOTS, 'panel-empty.png') });
    await panel.page.close();
  });

  it('shows the server state, with a progress ring while starting or checking, and refreshes on request', async () => {
    const panel = await openWithFiles(harness);
    const { page } = panel;
    const status = page.getByTestId('server-status');
    const ring = status.locator('vscode-progress-ring');
    const listTop = async (): Promise<number | undefined> =>
      page.getByTestId('pipeline-file-list').evaluate((l) => l.getBoundingClientRect().top);
    const top = await listTop();
    await panel.send({ type: 'serverState', state: 'checking' });
    await page.locator('[data-testid="server-status"][data-state="checking"]').waitFor();
    assert.equal(await ring.isVisible(), true);
    assert.equal(await status.textContent(), 'Checking…');
    assert.equal(await status.getAttribute('aria-label'), 'Preflight is checking the pipeline files');
    assert.equal(await listTop(), top, 'the status line does not move the list');
    await panel.send({ type: 'serverState', state: 'ready' });
    await page.locator('[data-testid="server-status"][data-state="ready"]').waitFor();
    assert.equal(await ring.isVisible(), false);
    await panel.send({ type: 'serverState', state: 'stopped' });
    await page.locator('[data-testid="server-status"][data-state="stopped"]').waitFor();
    assert.equal(await status.textContent(), 'Server stopped');
    assert.equal(await listTop(), top);

    await page.getByTestId('refresh').click();
    assert.deepEqual((await panel.waitForPosted(2))[1], { type: 'refresh' });
    await page.close();
  });

  it('keeps the last list across a reload (panel hidden and shown) and draws it before the host answers', async () => {
    const first = await openWithFiles(harness);
    const state = await first.page.evaluate(() => (window as unknown as PanelWindow).__state);
    await first.page.close();
    const panel = await harness.open({ state });
    await panel.page
      .locator(ROW)
      .nth(FILES.length - 1)
      .waitFor();
    assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
    await panel.page.close();

    // Saved state is untrusted input too: garbage is ignored.
    const garbage = await harness.open({ state: { lastFiles: { type: 'pipelineFiles', files: 3 } } });
    await garbage.waitForPosted(1);
    await garbage.page.getByTestId('loading').waitFor();
    assert.deepEqual(garbage.errors, []);
    await garbage.page.close();
  });

  it('loads under the CSP with no violations and the codicon font available', async () => {
    const panel = await openWithFiles(harness);
    await panel.send({ type: 'serverState', state: 'checking' });
    await panel.page.locator('[data-testid="server-status"][data-state="checking"]').waitFor();
    await panel.page.evaluate(() => document.fonts.ready);
    assert.equal(await panel.page.evaluate(() => document.fonts.check('16px codicon')), true);
    assert.deepEqual(await panel.cspViolations(), []);
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('screenshots: dark and light themes, with hover and keyboard focus', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shots = [
      [DARK_MODERN, 'panel.png', 460],
      [LIGHT_MODERN, 'panel-light.png', 460],
      [DARK_MODERN, 'panel-narrow.png', 300],
    ] as const;
    for (const [theme, file, width] of shots) {
      const panel = await openWithFiles(harness, { theme, width });
      const { page } = panel;
      await panel.send({ type: 'serverState', state: 'ready' });
      await page.locator('[data-testid="server-status"][data-state="ready"]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.locator(ROW, { hasText: 'dvc.yaml' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.locator(ROW, { hasText: 'MLproject' }).hover();
      const out = path.join(SCREENSHOTS, file);
      await page.screenshot({ path: out });
      assert.ok(fs.statSync(out).size > 0);
      await page.close();
    }
    console.log(`screenshots in ${SCREENSHOTS}`);
  });
});
