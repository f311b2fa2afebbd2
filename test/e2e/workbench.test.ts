// End to end in the real VS Code workbench: the user's view of Preflight on the examples/ repository. Scenarios run in
// order against one code-server start; each waits on what the user would see, never on a sleep.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openFile, runCommand, SCREENSHOTS, startWorkbench, type Workbench } from './support/workbench';

describe('Preflight in VS Code (code-server + Chromium)', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await startWorkbench();
    console.log(`screenshots: ${SCREENSHOTS}`);
  }, { timeout: 180_000 });
  after(async () => { await wb.stop(); });

  it('activates and shows the server state in the status bar', async () => {
    // VS Code prefixes the item id with the extension id: `preflight-dev.preflight.preflight.status`.
    const item = wb.page.locator('[id$="preflight.status"]');
    await item.waitFor();
    // Ready shows the pass icon; starting shows a spinner. Wait for the server to be up.
    await item.locator('.codicon-pass').waitFor();
    assert.match((await item.textContent()) ?? '', /Preflight/);
  });

  it('marks the misspelled key in a broken workflow with a squiggle and a Problems entry', async () => {
    const { page } = wb;
    await openFile(page, '.github/workflows/broken-train.yml');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.waitForFunction(() => /Errors: 1\b/.test(document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? ''));
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown key 'concurency' in the workflow" });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    assert.match(text, /Did you mean 'concurrency'\?/);
    assert.match(text, /unknown-key/);
    await wb.screenshot('broken-workflow-problems');
  });

  it('opens the rule docs from the diagnostic code link, offline', async () => {
    const { page } = wb;
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown key 'concurency'" }).first();
    await row.locator('a', { hasText: 'unknown-key' }).click();
    await page.locator('.tab[data-resource-name="rules.md"]').first().waitFor();
    await page.locator('.monaco-editor .view-line', { hasText: '## unknown-key' }).first().waitFor();
    await page.keyboard.press('Control+W');
  });

  it('opens the pipeline panel beside the editor listing the detected pipeline files', async () => {
    const { page } = wb;
    await runCommand(page, 'Preflight: Show Pipeline Panel');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const rows = panel.locator('[data-testid="pipeline-file-row"]');
    await rows.first().waitFor();
    const broken = rows.filter({ hasText: 'broken-train.yml' });
    await broken.first().waitFor();
    assert.match((await broken.first().textContent()) ?? '', /1/);
    const all = await rows.allTextContents();
    for (const name of ['ci.yml', 'dvc.yaml', 'params.yaml', 'MLproject', 'MLmodel', 'inference-service.yaml']) {
      assert.ok(all.some((t) => t.includes(name)), `${name} listed in the panel: ${all.join(' | ')}`);
    }
    await wb.screenshot('pipeline-panel');
  });

  it('opens a file from the panel', async () => {
    const { page } = wb;
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await panel.locator('[data-testid="pipeline-file-row"]', { hasText: 'dvc.yaml' }).first().click();
    await page.locator('.tab[data-resource-name="dvc.yaml"]').first().waitFor();
  });

  it('repairs the key with the quick fix, and the error goes away', async () => {
    const { page } = wb;
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown key 'concurency'" }).first();
    await row.dblclick(); // moves the cursor to the finding in the editor
    await page.locator('.tab.active[data-resource-name="broken-train.yml"]').waitFor();
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'concurrency'" }).first();
    await action.waitFor();
    await wb.screenshot('quick-fix-menu');
    // The preferred fix is focused; Enter applies it, as a keyboard user would.
    await page.locator('.action-widget .monaco-list-row.focused', { hasText: "Change to 'concurrency'" }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !/Errors: [1-9]/.test(document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? 'Errors: 1'));
    const line = page.locator('.monaco-editor .view-line', { hasText: 'concurrency:' }).first();
    await line.waitFor();
  });
});
