// The demo's one start path, shared by `npm run demo` (scripts/demo.mjs) and the E2E suite: GitHub's Actions API stood
// in locally with the demo repository's history, the demo folder whose remote names it, user settings pointing
// Preflight there, Preflight's .vsix and the demo-only sign-in installed, and code-server (the real VS Code workbench)
// serving it all on 127.0.0.1. Folder, settings (theme included) and extensions are kept in `stateRoot` between starts.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as codeServerTypes from '../../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import { startDemoStandIn, type DemoStandIn } from '../github/demoStandIn';
import { DEMO_OWNER, DEMO_REPO } from '../github/demoScenario';
import { REPO_ROOT } from '../paths';
import { ensureDemoFolder, pointOriginAt, userFolder } from './demoWorkspace';
import { extensionFolder, installOnce, isInstalled, type ExtensionFolder } from './packagedExtension';
import { quietProgress, type Progress } from './startProgress';

type CodeServerModule = typeof codeServerTypes;

/** The demo-only sign-in (never in the .vsix): a `github-enterprise` session for the stand-in. */
export const DEMO_SIGN_IN = path.join(REPO_ROOT, 'demo', 'signin');

export interface DemoSessionOptions {
  /** Where the demo keeps its folder, settings and extensions. */
  readonly stateRoot: string;
  /** The user's own repository instead of the demo's: opened in place, no stand-in, no demo sign-in. */
  readonly folder?: string | undefined;
  /** Start from scratch: a fresh demo folder, default settings, extensions installed again. */
  readonly reset?: boolean;
  /** More extensions to install (their folders), e.g. the E2E suite's fake language model, with proposed APIs enabled. */
  readonly extraExtensions?: readonly string[];
  /** Milliseconds between two steps of the stand-in's runs when it drives them; undefined: the caller drives them. */
  readonly liveStepMs?: number;
  readonly progress?: Progress;
  /** Changes to the folder before the workbench opens it (the E2E suite adds files for its scenarios). */
  readonly prepareFolder?: (folder: string) => void;
  /** Where packaged .vsix files are kept (shared by every start on the machine). */
  readonly packagesDir?: string;
}

export interface DemoSession {
  /** The workbench URL with the folder open, on 127.0.0.1. */
  readonly url: string;
  readonly port: number;
  readonly folder: string;
  /** The stand-in, when the demo's own repository is open. */
  readonly github: DemoStandIn | undefined;
  /** Whether this start made the demo folder (first start or --reset). */
  readonly freshFolder: boolean;
  /** Resolves with code-server's exit code if it stops by itself. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

interface SavedStart {
  readonly port?: number;
}

export async function startDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const progress = options.progress ?? quietProgress;
  const codeServer = (await import(
    pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'codeServer.mjs')).href
  )) as CodeServerModule;
  const missing = codeServer.missingSystemPackages().filter((p) => p !== 'chromium'); // the demo uses your own browser
  if (missing.length > 0) throw new Error(codeServer.explainMissing(missing));
  const ownFolder = options.folder === undefined ? undefined : userFolder(options.folder);
  if (options.reset) fs.rmSync(options.stateRoot, { recursive: true, force: true });
  const stateDir = path.join(options.stateRoot, 'state');
  const extensionsDir = path.join(options.stateRoot, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const savedFile = path.join(options.stateRoot, 'last-start.json');
  const saved = fs.existsSync(savedFile) ? (JSON.parse(fs.readFileSync(savedFile, 'utf8')) as SavedStart) : {};

  await codeServer.ensureCodeServer(progress);
  const target = {
    extensionsDir,
    stateDir,
    cacheDir: options.packagesDir ?? path.join(codeServer.cacheRoot(), 'vsix'),
  };
  const install = (extension: ExtensionFolder): Promise<void> =>
    installOnce(extension, target, codeServer.installVsix, progress);
  await install(extensionFolder(REPO_ROOT));
  // Your repository talks to your GitHub: the demo's sign-in is there only while the demo repository is open.
  const signIn = extensionFolder(DEMO_SIGN_IN);
  if (ownFolder === undefined) await install(signIn);
  else if (isInstalled(signIn, extensionsDir)) await codeServer.uninstallExtension(extensionsDir, signIn.id, stateDir);
  const extras = (options.extraExtensions ?? []).map(extensionFolder);
  for (const extra of extras) await install(extra);

  let github: DemoStandIn | undefined;
  let folder: string;
  let freshFolder = false;
  const extraArgs = extras.flatMap((e) => ['--enable-proposed-api', e.id]);
  if (ownFolder === undefined) {
    const demo = ensureDemoFolder(path.join(options.stateRoot, DEMO_REPO));
    folder = demo.folder;
    freshFolder = demo.created;
    github = await startDemoStandIn({
      token: demoToken(),
      ...(options.liveStepMs === undefined ? {} : { liveStepMs: options.liveStepMs }),
    });
    // The remote names the stand-in's repository on the stand-in's host, as a clone from GitHub Enterprise would.
    pointOriginAt(folder, `${github.url}/${DEMO_OWNER}/${DEMO_REPO}.git`);
  } else {
    folder = ownFolder;
    // Nor the stand-in's address an earlier demo start put in the settings (a GitHub Enterprise address you set stays).
    codeServer.updateUserSettings(stateDir, (current) => {
      const { ['preflight.github.baseUrl']: baseUrl, ...rest } = current;
      return typeof baseUrl === 'string' && isLoopback(baseUrl) ? rest : current;
    });
  }
  try {
    options.prepareFolder?.(folder);
    const server = await codeServer.startCodeServer({
      workspace: folder,
      extensionsDir,
      stateDir,
      settings: github ? { 'preflight.github.baseUrl': github.url } : {},
      extraArgs,
      ...(saved.port === undefined ? {} : { port: saved.port }),
    });
    fs.writeFileSync(savedFile, JSON.stringify({ port: server.port } satisfies SavedStart));
    const stand = github;
    const exited = new Promise<number | null>((resolve) => {
      server.child.once('exit', resolve);
    });
    return {
      exited,
      url: server.url,
      port: server.port,
      folder,
      github: stand,
      freshFolder,
      async stop() {
        server.stop();
        await stand?.close();
      },
    };
  } catch (error) {
    await github?.close().catch(() => undefined);
    throw error;
  }
}

/** The token the demo sign-in hands out, so the stand-in accepts it and nothing else (demo/signin/demoAccount.json). */
function demoToken(): string {
  return (JSON.parse(fs.readFileSync(path.join(DEMO_SIGN_IN, 'demoAccount.json'), 'utf8')) as { token: string }).token;
}

function isLoopback(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
