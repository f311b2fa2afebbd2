// Loads the real dist/webview.js in headless Chromium inside the real panel HTML (same CSP, same nonce handling),
// served over a local HTTP server standing in for VS Code's resource origin. A stub acquireVsCodeApi records what the
// page posts; messages reach the page the way VS Code delivers them, as MessageEvents on window.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ToWebview } from '../../protocol/webview';
import { buildWebviewHtml, createNonce } from '../../client/src/panel/webviewHtml';
import type { Theme } from './themes';

/** Compiled to out/test/webview/, three levels below the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const DIST = path.join(REPO_ROOT, 'dist');
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'webview');
/** Screenshots of the runs view, for people reviewing the panel. */
export const RUNS_SCREENSHOTS = path.join(REPO_ROOT, 'out', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** What the page's globals look like to page.evaluate callbacks. */
export interface PanelWindow {
  __posted: unknown[];
  __state: unknown;
  __cspViolations: string[];
  __pwned?: unknown;
}

export interface PanelHarness {
  readonly origin: string;
  /** A fresh page showing the panel; `state` seeds what getState() returns, as after the panel was hidden and shown. */
  open(options?: PanelOpenOptions): Promise<PanelPage>;
  close(): Promise<void>;
}

export interface PanelOpenOptions {
  readonly state?: unknown;
  readonly theme?: Theme;
  readonly width?: number;
  readonly height?: number;
  /** Pins Date.now() in the page (timers still run), so relative times and running durations are exact. */
  readonly now?: number;
}

export interface PanelPage {
  readonly page: Page;
  readonly errors: string[];
  send(message: ToWebview | Record<string, unknown>): Promise<void>;
  posted(): Promise<unknown[]>;
  /** Resolves once the page has posted at least `count` messages. */
  waitForPosted(count: number): Promise<unknown[]>;
  cspViolations(): Promise<string[]>;
}

function serveDist(origin: () => string, bundle: string): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin());
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        buildWebviewHtml({
          cspSource: origin(),
          scriptUri: `${origin()}/dist/${bundle}`,
          codiconsUri: `${origin()}/dist/codicons/codicon.css`,
          nonce: createNonce(),
        }),
      );
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path.resolve(REPO_ROOT, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
}

function installStubs(seed: { state: unknown; theme: Theme | undefined }): void {
  const w = window as unknown as PanelWindow & { acquireVsCodeApi: () => unknown };
  w.__posted = [];
  w.__state = seed.state;
  w.__cspViolations = [];
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (message: unknown) => {
        w.__posted.push(structuredClone(message));
      },
      getState: () => w.__state,
      setState: (state: unknown) => {
        w.__state = structuredClone(state);
      },
    };
  };
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  // VS Code sets the theme on <html> (variables) and <body> (class) before the page's script runs.
  if (seed.theme) {
    const theme = seed.theme;
    const apply = (): void => {
      for (const [name, value] of Object.entries(theme.variables))
        document.documentElement.style.setProperty(name, value);
      document.documentElement.style.background = 'var(--vscode-editor-background)';
      document.body.classList.add(theme.bodyClass);
    };
    if (document.readyState !== 'loading') apply();
    else document.addEventListener('DOMContentLoaded', apply, { once: true });
  }
}

/** `bundle` picks the page: dist/webview.js (the pipeline panel) or dist/modelView.js (the model view). */
export async function startPanelHarness(bundle = 'webview.js'): Promise<PanelHarness> {
  if (!fs.existsSync(path.join(DIST, bundle))) throw new Error(`dist/${bundle} is missing: run "npm run build" first`);
  let origin = '';
  const server = serveDist(() => origin, bundle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    origin,
    async open(options = {}) {
      const page = await browser.newPage({ viewport: { width: options.width ?? 460, height: options.height ?? 560 } });
      if (options.now !== undefined) await page.clock.setFixedTime(options.now);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.addInitScript(installStubs, { state: options.state, theme: options.theme });
      await page.goto(origin);
      const posted = (): Promise<unknown[]> => page.evaluate(() => (window as unknown as PanelWindow).__posted);
      return {
        page,
        errors,
        send: async (message) => {
          await page.evaluate((m) => {
            window.postMessage(m, '*');
          }, message);
        },
        posted,
        waitForPosted: async (count) => {
          await page.waitForFunction((n) => (window as unknown as PanelWindow).__posted.length >= n, count);
          return posted();
        },
        cspViolations: () => page.evaluate(() => (window as unknown as PanelWindow).__cspViolations),
      };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
