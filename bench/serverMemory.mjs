// Heap growth of the language server over a long editing session: the server runs in-process behind the LSP test
// harness, one workflow is opened and changed 10,000 times (full-text changes, new version each), and diagnostics are
// awaited every 100 edits (the server coalesces bursts for 40 ms, so each batch is one validation of the latest text).
// heapUsed is read after forced GC before and after. Target: growth under 10 MB.
// Anchor in the same run: @actions/languageservice's validate() called 10,000 times directly on changing text (its
// URI-keyed cache entry cleared each time, as a changed document requires), heap read the same way.
// Also printed, for comparison with the anchor's per-call figure: our engine's checkText called 10,000 times directly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { anchorVersion, buildAnchorBundle, loadAnchor } from './lib/actionsLanguageService.mjs';
import { machineLine, mb, ms, repoRoot } from './lib/stats.mjs';
import { CORPUS_ROOT, lineCount, skipWithoutCorpus } from './lib/workflowCorpus.mjs';

if (typeof globalThis.gc !== 'function') {
  // heapUsed means little without a forced collection; run again with the flag.
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, import.meta.filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const EDITS = 10_000;
const BATCH = 100;
const WARMUP_EDITS = 300;
const TARGET_GROWTH_BYTES = 10 * 1024 * 1024;
const FILE = 'huggingface__diffusers/HEAD/.github/workflows/push_tests_fast.yml';

const root = repoRoot();
const require = createRequire(import.meta.url);
const { startHarness } = require(path.join(root, 'out/test/support/lspHarness.js'));
const { checkText } = require(path.join(root, 'out/server/src/engine/check.js'));

async function settledHeap() {
  // Two passes with a turn of the event loop between them, so finalizers and closed timers are collected too.
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

console.log(machineLine());
skipWithoutCorpus();
const source = fs.readFileSync(path.join(CORPUS_ROOT, FILE), 'utf8');
const NAME_LINE = /^name: *(.*)$/m;
if (!NAME_LINE.test(source)) throw new Error(`${FILE} has no top-level name: line to vary`);
const revision = (i) => source.replace(NAME_LINE, (_, name) => `name: ${name} (rev ${i})`);
console.log(`file: ${FILE} (${lineCount(source)} lines); ${EDITS} edits, each a new top-level name:`);

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-memory-'));
const workflowFile = path.join(workspace, '.github/workflows/push_tests_fast.yml');
fs.mkdirSync(path.dirname(workflowFile), { recursive: true });
fs.writeFileSync(workflowFile, source);
const uri = pathToFileURL(workflowFile).href;
const bundle = await buildAnchorBundle();

try {
  // --- ours: the language server ---
  const harness = await startHarness(workspace);
  let version = 1;
  let rounds = 0;
  let lastDiagnostics = [];
  const first = harness.nextDiagnostics(uri, 1);
  harness.open(uri, revision(1), 1);
  lastDiagnostics = await first;
  async function edit(count) {
    for (let i = 1; i <= count; i++) {
      version++;
      const awaitThis = i % BATCH === 0 || i === count;
      const published = awaitThis ? harness.nextDiagnostics(uri, version) : undefined;
      harness.change(uri, revision(version), version);
      if (published) {
        lastDiagnostics = await published;
        rounds++;
      }
    }
  }
  await edit(WARMUP_EDITS);
  const serverBefore = await settledHeap();
  rounds = 0;
  const serverStart = performance.now();
  await edit(EDITS);
  const serverMs = performance.now() - serverStart;
  const serverAfter = await settledHeap();
  harness.close();
  const serverGrowth = serverAfter - serverBefore;
  console.log(
    `ours (language server): ${EDITS} edits, ${rounds} diagnostics rounds awaited (${lastDiagnostics.length} diagnostics ` +
      `at the end), ${ms(serverMs)} ms; heapUsed after GC ${mb(serverBefore)} -> ${mb(serverAfter)}, growth ${mb(serverGrowth)}`,
  );

  // --- ours: the engine directly, the same shape as the anchor's figure ---
  for (let i = 0; i < WARMUP_EDITS; i++) checkText({ path: workflowFile, text: revision(++version) });
  const engineBefore = await settledHeap();
  const engineStart = performance.now();
  for (let i = 0; i < EDITS; i++) checkText({ path: workflowFile, text: revision(++version) });
  const engineMs = performance.now() - engineStart;
  const engineGrowth = (await settledHeap()) - engineBefore;
  console.log(`ours (engine): checkText ${EDITS} times, ${ms(engineMs)} ms; heap growth after GC ${mb(engineGrowth)}`);

  // --- anchor ---
  const { validate, clearCacheEntry, TextDocument } = await loadAnchor(bundle);
  const anchorUri = `file:///bench/repo/.github/workflows/push_tests_fast.yml`;
  async function validateAnchor(count) {
    let diagnostics = 0;
    for (let i = 0; i < count; i++) {
      const v = ++version;
      clearCacheEntry(anchorUri);
      diagnostics = (await validate(TextDocument.create(anchorUri, 'yaml', v, revision(v)), {})).length;
    }
    return diagnostics;
  }
  await validateAnchor(WARMUP_EDITS);
  const anchorBefore = await settledHeap();
  const anchorStart = performance.now();
  const anchorDiagnostics = await validateAnchor(EDITS);
  const anchorMs = performance.now() - anchorStart;
  const anchorAfter = await settledHeap();
  const anchorGrowth = anchorAfter - anchorBefore;
  console.log(
    `anchor: ${anchorVersion()} validate() ${EDITS} times (${anchorDiagnostics} diagnostics at the end), ${ms(anchorMs)} ms; ` +
      `heapUsed after GC ${mb(anchorBefore)} -> ${mb(anchorAfter)}, growth ${mb(anchorGrowth)}`,
  );

  console.log(
    `ours growth ${mb(serverGrowth)} (server), ${mb(engineGrowth)} (engine) | ${anchorVersion()} growth ${mb(anchorGrowth)} | ` +
      `ratio ${(serverGrowth / anchorGrowth).toFixed(2)} (server/anchor; target: ours < ${mb(TARGET_GROWTH_BYTES)}), ` +
      `warm-up ${WARMUP_EDITS} edits each before the first reading`,
  );
  process.exitCode = serverGrowth < TARGET_GROWTH_BYTES ? 0 : 1;
  if (process.exitCode) console.log(`MISSED: the server's heap grew ${mb(serverGrowth)} over ${EDITS} edits`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
}
