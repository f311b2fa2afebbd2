// `npm run demo`: the real VS Code workbench (code-server) in your browser, with Preflight installed from its .vsix and
// the examples/ repository open. Prints the URL and "ready", then runs until interrupted (Ctrl+C).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { explainMissing, installVsix, missingSystemPackages, startCodeServer, cacheRoot } from './lib/codeServer.mjs';

const root = path.resolve(import.meta.dirname, '..');
const missing = missingSystemPackages().filter((p) => p !== 'chromium'); // the demo uses your own browser
if (missing.length > 0) {
  console.error(explainMissing(missing));
  process.exit(1);
}

const demoDir = path.join(cacheRoot(), 'demo');
fs.rmSync(demoDir, { recursive: true, force: true });
const stateDir = path.join(demoDir, 'state');
const extensionsDir = path.join(demoDir, 'extensions');
fs.mkdirSync(extensionsDir, { recursive: true });

const vsix = path.join(demoDir, 'preflight.vsix');
execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: root, stdio: 'pipe' });
installVsix(extensionsDir, vsix, stateDir);

// The demo works on a copy, so trying fixes never dirties the repository's examples/.
const workspace = path.join(demoDir, 'examples');
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: workspace, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('-c', 'user.email=demo@preflight.test', '-c', 'user.name=Demo', 'add', '-A');
git('-c', 'user.email=demo@preflight.test', '-c', 'user.name=Demo', 'commit', '-qm', 'examples');

const server = await startCodeServer({ workspace, extensionsDir, stateDir });
console.log(`Preflight demo ready at ${server.url}`);
console.log('Open .github/workflows/broken-train.yml to see a diagnostic; run "Preflight: Show Pipeline Panel" (Ctrl+Alt+P). Ctrl+C stops.');
const stop = () => { server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => { console.error(`code-server exited (${code})`); process.exit(1); });
