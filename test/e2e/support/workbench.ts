// One real VS Code workbench (code-server) in headless Chromium, with Preflight installed from its .vsix and the
// examples/ repository copied to a temp folder. Every E2E scenario shares this one start (E2E.md).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type * as codeServerTypes from '../../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import { EXAMPLES, REPO_ROOT, TEST_RESULTS } from '../../support/paths';

type CodeServerModule = typeof codeServerTypes;

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  screenshot(name: string): Promise<string>;
  stop(): Promise<void>;
}

export const SCREENSHOTS = path.join(TEST_RESULTS, 'e2e');

function packageVsix(folder: string, out: string, extraArgs: string[] = []): string {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', ...extraArgs, '--out', out], {
    cwd: folder,
    stdio: 'pipe',
  });
  return out;
}

/** A test extension that registers a deterministic chat model (proposed `chatProvider` API, enabled for it alone). */
const FAKE_LANGUAGE_MODEL = { folder: path.join(REPO_ROOT, 'test', 'e2e', 'fakeLanguageModel'), id: 'preflight-test.fake-language-model' };

function copyExamples(into: string): string {
  const workspace = path.join(into, 'examples');
  fs.cpSync(EXAMPLES, workspace, { recursive: true });
  // A real repository, as users have it (the panel and later features read git).
  const git = (...args: string[]): void => { execFileSync('git', args, { cwd: workspace, stdio: 'pipe' }); };
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=e2e@preflight.test', '-c', 'user.name=E2E', 'add', '-A');
  git('-c', 'user.email=e2e@preflight.test', '-c', 'user.name=E2E', 'commit', '-qm', 'examples');
  return workspace;
}

/** `prepare` may add files to the copied workspace before the workbench opens it (so search and watchers know them). */
/**
 * `settings` go into the user settings. GitHub Enterprise sign-in comes from the fake extension (the built-in one registers
 * that provider only when `github-enterprise.uri` is set, which it is not here).
 */
export async function startWorkbench(prepare?: (workspace: string) => void, settings: Record<string, unknown> = {}): Promise<Workbench> {
  const codeServer = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'codeServer.mjs')).href)) as CodeServerModule;
  const missing = codeServer.missingSystemPackages();
  if (missing.length > 0) throw new Error(codeServer.explainMissing(missing));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  const stateDir = path.join(tmp, 'state');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  codeServer.installVsix(extensionsDir, packageVsix(REPO_ROOT, path.join(tmp, 'preflight.vsix')), stateDir);
  codeServer.installVsix(extensionsDir, packageVsix(FAKE_LANGUAGE_MODEL.folder, path.join(tmp, 'fake-lm.vsix'), ['--allow-missing-repository']), stateDir);
  const workspace = copyExamples(tmp);
  prepare?.(workspace);
  const server = await codeServer.startCodeServer({ workspace, extensionsDir, stateDir, settings,
    extraArgs: ['--enable-proposed-api', FAKE_LANGUAGE_MODEL.id] });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(server.url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = context;
    return {
      page,
      workspace,
      async screenshot(name) {
        const file = path.join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async stop() {
        await browser.close().catch(() => undefined);
        server.stop();
        // PREFLIGHT_E2E_KEEP=1 keeps logs and state for debugging.
        if (process.env['PREFLIGHT_E2E_KEEP'] !== '1') fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
        else console.log(`kept ${tmp}`);
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    server.stop();
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
    if (!(await input.waitFor({ timeout: 3_000 }).then(() => true, () => false))) {
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
  const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) }).first();
  // Earlier steps may have expanded `.github/workflows` (shown as one compact row) already; else open it.
  if (!(await row(fileName).isVisible())) {
    await page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: /^\.github/ }) }).first().click();
    await Promise.race([row(fileName).waitFor().catch(() => undefined), row('workflows').waitFor().catch(() => undefined)]);
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
export async function openQuickFixMenu(page: Page, expected: string | RegExp, failShot: () => Promise<unknown>): Promise<void> {
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
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
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
