// Runs the test suites with node:test over the tsc output in out/test/<suite>/. `npm test` runs all of them, E2E included:
// CI runs exactly this. Usage: node scripts/runTests.mjs [unit] [server] [webview] [e2e]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SUITES = ['unit', 'server', 'webview', 'e2e'];
const root = path.resolve(import.meta.dirname, '..');
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : SUITES;

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return testFiles(full);
      return e.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

let failed = false;
for (const suite of chosen) {
  if (!SUITES.includes(suite)) {
    console.error(`unknown suite '${suite}' (choose from ${SUITES.join(', ')})`);
    process.exit(2);
  }
  const files = testFiles(path.join(root, 'out', 'test', suite));
  if (files.length === 0) {
    console.error(`no tests in out/test/${suite}: run "npm run build" first`);
    process.exit(2);
  }
  console.log(`\n=== ${suite} tests (${files.length} files) ===`);
  const started = Date.now();
  // E2E files share one code-server start through a global setup inside the suite, so they run in one process.
  const args = ['--test', '--test-reporter=spec', ...(suite === 'e2e' ? ['--test-concurrency=1'] : []), ...files];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  console.log(
    `=== ${suite}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
