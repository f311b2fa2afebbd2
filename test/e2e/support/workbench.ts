// One real VS Code workbench (code-server) in headless Chromium, started through the demo's own start path
// (test/support/demo/demoSession.ts: the stand-in with the demo repository, its folder, the .vsix and the demo sign-in),
// with the fake language model on top. Every E2E scenario shares this one start (E2E.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemoSession } from '../../support/demo/demoSession';
import type { DemoStandIn } from '../../support/github/demoStandIn';
import { REPO_ROOT, TEST_RESULTS } from '../../support/paths';
import { until } from '../../support/until';

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  /** GitHub's Actions API stood in with the demo repository; the scenarios drive its runs. */
  readonly github: DemoStandIn;
  screenshot(name: string): Promise<string>;
  stop(): Promise<void>;
}

export const SCREENSHOTS = path.join(TEST_RESULTS, 'e2e');

/** A test extension that registers a deterministic chat model (proposed `chatProvider` API, enabled for it alone). */
const FAKE_LANGUAGE_MODEL = path.join(REPO_ROOT, 'test', 'e2e', 'fakeLanguageModel');

/** `prepare` may add files to the demo folder before the workbench opens it (so search and watchers know them). */
export async function startWorkbench(prepare?: (workspace: string) => void): Promise<Workbench> {
  if (!fs.existsSync('/usr/bin/chromium'))
    throw new Error("The E2E tests need Debian's chromium: sudo apt-get install -y chromium");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  // The scenarios move the stand-in's runs themselves (no liveStepMs), so each waits on a state it caused.
  const session = await startDemoSession({
    stateRoot: tmp,
    extraExtensions: [FAKE_LANGUAGE_MODEL],
    ...(prepare ? { prepareFolder: prepare } : {}),
  });
  const github = session.github;
  let context: BrowserContext | undefined;
  try {
    if (!github) throw new Error('the demo session started without its stand-in');
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(session.url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = context;
    return {
      page,
      workspace: session.folder,
      github,
      async screenshot(name) {
        const file = path.join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async stop() {
        await browser.close().catch(() => undefined);
        try {
          await session.stop();
        } finally {
          // PREFLIGHT_E2E_KEEP=1 keeps logs and state for debugging.
          if (process.env['PREFLIGHT_E2E_KEEP'] !== '1')
            fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
          else console.log(`kept ${tmp}`);
        }
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await session.stop().catch(() => undefined);
    throw error;
  }
}

/** Opens a workspace file through Quick Open, as a user would, and waits for its editor tab. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = path.basename(relativePath);
  const tab = page.locator(`.tab[data-resource-name="${name}"]`).first();
  // Quick Open can still show the rows of the last picker for a moment: wait for a row naming the file, and try again
  // if no tab came of it.
  for (let attempt = 1; ; attempt++) {
    const input = page.locator('.quick-input-widget input');
    // A webview (the panel, the model view) with the focus keeps Ctrl+P; the title bar's search box opens Quick Open
    // wherever the focus is, as a mouse user would.
    await page.keyboard.press('Control+P');
    if (
      !(await input.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await page.locator('.command-center .search-label, .command-center-center').first().click();
      await input.waitFor();
    }
    await input.fill(relativePath);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    try {
      await tab.waitFor({ timeout: attempt < 3 ? 5_000 : 30_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Opens a file of `.github/workflows/` from the Explorer, as a user browsing the repository would, and waits for its
 * tab to be the active one. Unlike Quick Open this works wherever the keyboard focus is (a webview keeps the keys).
 */
export async function openWorkflowFromExplorer(page: Page, fileName: string): Promise<void> {
  const row = (name: string) =>
    page
      .locator('.explorer-folders-view .monaco-list-row', {
        has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }),
      })
      .first();
  // Earlier steps may have expanded `.github/workflows` (shown as one compact row) already; else open it.
  if (!(await row(fileName).isVisible())) {
    await page
      .locator('.explorer-folders-view .monaco-list-row', {
        has: page.locator('.label-name', { hasText: /^\.github/ }),
      })
      .first()
      .click();
    await Promise.race([
      row(fileName)
        .waitFor()
        .catch(() => undefined),
      row('workflows')
        .waitFor()
        .catch(() => undefined),
    ]);
    if (!(await row(fileName).isVisible())) await row('workflows').click();
  }
  await row(fileName).click();
  await page.locator(`.tab.active[data-resource-name="${fileName}"]`).first().waitFor();
}

/**
 * Opens the Quick Fix menu (Ctrl+.) at the cursor and waits for the row naming `expected`. Code actions are computed
 * when asked; right after a file opens or its diagnostics arrive, the editor can answer "No code actions available"
 * or drop the key while the focus settles, so ask again, as a user would, a few times. Screenshots `failShot` if not.
 */
export async function openQuickFixMenu(
  page: Page,
  expected: string | RegExp,
  failShot: () => Promise<unknown>,
): Promise<void> {
  const row = page.locator('.action-widget .monaco-list-row', { hasText: expected }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= 5) {
        await failShot();
        throw error;
      }
      await page.waitForTimeout(1_000);
    }
  }
}

/** Runs a command from the Command Palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Right after start-up the palette can still be indexing contributed commands: look again a few times.
  for (let attempt = 1; ; attempt++) {
    const input = page.locator('.quick-input-widget input');
    // After a window reload the first F1 can arrive before the workbench handles keys, and is lost: press it again
    // until the palette is open (a state, not a time; `until` only stops a broken build from hanging).
    await until('the command palette to open', async () => {
      await page.keyboard.press('F1');
      return input.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => undefined,
      );
    });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= 4) throw error;
    }
  }
}
