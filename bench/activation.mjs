// Activation cost of Preflight in the real extension host (code-server), read from VS Code's own "Running Extensions"
// view, which reports the time the extension host spent loading and activating each extension. Budget: 50 ms.
// Anchor in the same run: VS Code's built-in extensions activated in the same window (their times are printed beside ours).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const { startWorkbench, runCommand, openFile } = await import(
  pathToFileURL(path.join(root, 'out/test/e2e/support/workbench.js')).href
);

const BUDGET_MS = 50;
const wb = await startWorkbench();
try {
  const { page } = wb;
  await openFile(page, '.github/workflows/ci.yml');
  await page.locator('[id$="preflight.status"] .codicon-pass').waitFor();
  await runCommand(page, 'Developer: Show Running Extensions');
  const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
  await rows.first().waitFor();
  await page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Preflight' }).first().waitFor();
  const entries = await rows.evaluateAll((els) =>
    els.map((el) => ({
      name: el.querySelector('.name')?.textContent?.trim() ?? '',
      time: el.querySelector('.activation-time')?.textContent?.trim() ?? '',
    })),
  );
  const parse = (t) => {
    const m = /([\d.]+)\s*ms/.exec(t);
    return m ? Number(m[1]) : undefined;
  };
  // "Preflight: …" (the view may cut the display name short); the E2E's fake language model is "Preflight E2E: …".
  const ours = entries.find((e) => e.name.startsWith('Preflight:'));
  const oursMs = ours ? parse(ours.time) : undefined;
  console.log('extension activation times in this window (extension host, ms):');
  for (const e of entries) console.log(`  ${e.name.padEnd(48)} ${e.time}`);
  if (oursMs === undefined) throw new Error(`Preflight's activation time not found: ${JSON.stringify(ours)}`);
  const others = entries
    .filter((e) => e !== ours)
    .map((e) => parse(e.time))
    .filter((v) => v !== undefined)
    .sort((a, b) => a - b);
  const median = others.length ? others[Math.floor(others.length / 2)] : undefined;
  console.log(
    `\nPreflight activation: ${oursMs} ms (budget ${BUDGET_MS} ms, ${(oursMs / BUDGET_MS).toFixed(2)}x of budget)`,
  );
  if (median !== undefined)
    console.log(
      `anchor: median of ${others.length} other activated extensions: ${median} ms; ratio ours/anchor ${(oursMs / median).toFixed(2)}`,
    );
  await wb.screenshot('running-extensions');
  process.exitCode = oursMs < BUDGET_MS ? 0 : 1;
} finally {
  await wb.stop();
}
