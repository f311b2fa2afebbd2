// `npm run demo [-- --folder PATH] [-- --reset]`: the real VS Code workbench (code-server) in your browser with Preflight
// installed from its .vsix, on a demo repository whose GitHub (a local stand-in of the Actions API) has runs, history
// and logs, so every feature shows offline. Prints the URL and "ready", then runs until interrupted (Ctrl+C).
// The start itself is shared with the E2E suite: test/support/demo/demoSession.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { cacheRoot, explainMissing, missingSystemPackages } from './lib/codeServer.mjs';

const USAGE = `Usage: npm run demo [-- --folder PATH] [-- --reset]
  (no options)    the demo repository, with GitHub stood in locally: runs, re-runs, logs, failure risk, durations
  --folder PATH   your own repository instead, opened in place (Preflight checks it; runs come from its own GitHub)
  --reset         forget the demo's folder, settings and extensions, and start from scratch`;

const root = path.resolve(import.meta.dirname, '..');
let args;
try {
  args = parseArgs({
    options: { folder: { type: 'string' }, reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const missing = missingSystemPackages().filter((p) => p !== 'chromium'); // the demo uses your own browser
if (missing.length > 0) {
  console.error(explainMissing(missing));
  process.exit(1);
}

// The start path is TypeScript shared with the E2E suite: build first (quick when nothing changed).
await new Promise((resolve, reject) => {
  console.error('Building Preflight (npm run build: about 20 s when little changed, 1-3 min on a fresh clone)...');
  const started = Date.now();
  const build = spawn('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  build.on('error', reject);
  build.on('exit', (code) => {
    if (code === 0) {
      console.error(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
      resolve();
    } else reject(new Error(`npm run build failed (exit ${code}); see its output above`));
  });
});

const { startDemoSession } = await import(
  pathToFileURL(path.join(root, 'out', 'test', 'support', 'demo', 'demoSession.js')).href
);
const { consoleProgress } = await import(
  pathToFileURL(path.join(root, 'out', 'test', 'support', 'demo', 'startProgress.js')).href
);
let session;
try {
  session = await startDemoSession({
    stateRoot: path.join(cacheRoot(), 'demo'),
    folder: args.folder,
    reset: args.reset === true,
    // A step of the live run every few seconds: it completes within half a minute of the first look at the runs.
    liveStepMs: 5_000,
    progress: consoleProgress(),
  });
} catch (error) {
  console.error(`The demo could not start: ${error.message}`);
  process.exit(1);
}

console.log(`Preflight demo ready at ${session.url}`);
console.log(
  `It listens on 127.0.0.1:${session.port} only. From another machine, forward the port first, e.g. ssh -L ${session.port}:127.0.0.1:${session.port} HOST`,
);
if (session.github) {
  console.log(`GitHub is a local stand-in (${session.github.url}) serving the demo repository; the demo sign-in is for it alone.
Try: Ctrl+Alt+P (Preflight: Show Pipeline Panel) > Runs > Sign in, and watch the CI run complete;
     expand "Train with the new features": View log opens at the failed step, then Re-run failed jobs;
     .github/workflows/ci.yml: failure risk with "why?", the Graph tab's job durations; model/MLmodel: Preflight: Explain Model.
The AI features need a language model in VS Code; none is installed here, and they say so.`);
  if (!session.freshFolder)
    console.log(`The demo folder is kept as you left it (${session.folder}); --reset starts it afresh.`);
} else {
  console.log(
    `${session.folder} is opened in place. Runs, failure risk and durations come from its own GitHub remote: sign in from the panel's Runs tab (needs network).`,
  );
}
console.log('Ctrl+C stops.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await session.stop();
    process.exit(0);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
session.exited.then((code) => {
  if (stopping) return;
  console.error(`code-server exited (${code})`);
  process.exit(1);
});
