// Installs and starts code-server (VS Code's own server + web workbench) for the demo and the E2E tests.
// Why code-server: @vscode/test-electron downloads VS Code at run time, which cannot work offline; code-server comes from
// the npm registry. Facts behind the flags below: ../shared/guide/E2E.md.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheRoot() {
  return process.env.PREFLIGHT_CACHE ?? path.join(os.homedir(), '.cache', 'preflight');
}

function installDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return path.join(installDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** What the machine lacks for code-server + Chromium, as an install hint; empty when all is there. */
export function missingSystemPackages() {
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!which('rg')) missing.push('ripgrep');
  if (!fs.existsSync(codeServerBin()) && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  return missing;
}

export function explainMissing(missing) {
  return (
    `Preflight needs Debian packages that are not installed: ${missing.join(' ')}\n` +
    `Install them with:  sudo apt-get install -y ${missing.join(' ')}`
  );
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** What the first install takes, measured: ~80 s on an idle machine, ~180 s on 2 busy cores. */
const INSTALL_ESTIMATE = 'once; usually 1½–3 minutes, longer on busy cores';

/**
 * Installs code-server once into the cache folder (not the project's dependencies); later calls return at once.
 * `progress(label, work)` reports the install while it runs (npm's own output goes to a log file, shown on failure).
 */
export async function ensureCodeServer(progress = defaultProgress) {
  const bin = codeServerBin();
  if (fs.existsSync(bin)) return bin;
  const missing = missingSystemPackages();
  if (missing.length > 0) throw new Error(explainMissing(missing));
  const dir = installDir();
  fs.mkdirSync(dir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-cs-install-'));
  // @vscode/ripgrep downloads rg from GitHub in its postinstall; pre-seed its cache with the system's rg.
  const rgCache = path.join(tmp, RIPGREP_CACHE);
  fs.mkdirSync(rgCache, { recursive: true });
  const rgPath = execFileSync('sh', ['-c', 'command -v rg']).toString().trim();
  const stage = fs.mkdtempSync(path.join(tmp, 'rg-'));
  fs.copyFileSync(rgPath, path.join(stage, 'rg'));
  execFileSync('tar', ['-czf', path.join(rgCache, RIPGREP_ASSET), '-C', stage, 'rg']);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'preflight-code-server', private: true }));
  const logFile = path.join(dir, 'install.log');
  const status = await progress(
    `Installing code-server ${CODE_SERVER_VERSION} into ${dir} (${INSTALL_ESTIMATE})`,
    () =>
      new Promise((resolve, reject) => {
        const out = fs.openSync(logFile, 'w');
        const child = spawn(
          'npm',
          ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
          {
            cwd: dir,
            stdio: ['ignore', out, out],
            env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
          },
        );
        child.on('error', reject);
        child.on('exit', (code) => {
          fs.closeSync(out);
          resolve(code);
        });
      }),
  );
  fs.rmSync(tmp, { recursive: true, force: true });
  if (status !== 0 || !fs.existsSync(bin)) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`code-server install failed (exit ${status}). The end of npm's log (${logFile}):\n${tail}`);
  }
  return bin;
}

/** Reports a long step on stderr: what it is and how long it usually takes, then how long it took. */
async function defaultProgress(label, work) {
  process.stderr.write(`${label}...\n`);
  const started = Date.now();
  const result = await work();
  process.stderr.write(`  done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return result;
}

/** Settings every workbench the project starts gets, unless the user's settings say otherwise. */
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/** The user settings file of a state folder. */
export function userSettingsFile(stateDir) {
  return path.join(stateDir, 'user-data', 'User', 'settings.json');
}

/**
 * Rewrites the user settings through `change` (current settings, with the defaults for keys they lack, in; new
 * settings out), keeping whatever else the user set (a theme, a font size). Refuses a file that is not plain JSON
 * rather than lose the user's text.
 */
export function updateUserSettings(stateDir, change) {
  const file = userSettingsFile(stateDir);
  let current = {};
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      current = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new Error(
        `${file} is not plain JSON (comments or trailing commas?), so it is left as it is. Remove them, or start again with --reset.`,
      );
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(change({ ...DEFAULT_SETTINGS, ...current }), null, 2) + '\n');
}

/**
 * Starts code-server with confined state, on `port` when it is free (the demo keeps its address between starts), else on
 * a free port. Returns {url, port, stop()}. The process is spawned detached so the whole group can be killed.
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  stateDir,
  settings = {},
  extraArgs = [],
  port: preferredPort,
  log = () => {},
}) {
  const bin = await ensureCodeServer();
  const userDataDir = path.join(stateDir, 'user-data');
  updateUserSettings(stateDir, (current) => ({ ...current, ...settings }));
  const port = preferredPort !== undefined && (await isFree(preferredPort)) ? preferredPort : await freePort();
  const xdg = path.join(stateDir, 'xdg');
  for (const d of ['config', 'data', 'cache', 'tmp']) fs.mkdirSync(path.join(xdg, d), { recursive: true });
  const child = spawn(
    process.execPath,
    [
      bin,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...extraArgs,
      workspace,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TMPDIR: path.join(xdg, 'tmp'),
        XDG_CONFIG_HOME: path.join(xdg, 'config'),
        XDG_DATA_HOME: path.join(xdg, 'data'),
        XDG_CACHE_HOME: path.join(xdg, 'cache'),
      },
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      log(text.trimEnd());
      if (text.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  return { url, port, child, stop };
}

async function isFree(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Links the built extension (the repository root) into an extensions dir as code-server expects to find it. */
export function linkExtension(extensionsDir, root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(extensionsDir, { recursive: true });
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(root, target, 'dir');
  return target;
}

/** Runs code-server's extension command line on an extensions dir; throws with its output when it fails. */
async function extensionCommand(extensionsDir, stateDir, args, what) {
  const result = spawnSync(
    process.execPath,
    [
      await ensureCodeServer(),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      path.join(stateDir, 'user-data'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Installs a packaged .vsix the way a user would (tests that the .vscodeignore whitelist ships everything needed), over
 * an installed copy of the same version.
 */
export async function installVsix(extensionsDir, vsix, stateDir) {
  await extensionCommand(extensionsDir, stateDir, ['--install-extension', vsix, '--force'], `installing ${vsix}`);
}

/** Uninstalls an extension by id (publisher.name) from an extensions dir. */
export async function uninstallExtension(extensionsDir, id, stateDir) {
  await extensionCommand(extensionsDir, stateDir, ['--uninstall-extension', id], `uninstalling ${id}`);
}
