// Fresh validation of one realistic ~100-line ML workflow, as after a keystroke: the text changes every iteration (a
// value in the top-level `name:`), so no parse or result cache can answer. Ours: the engine's checkText. Anchor in the
// same run: @actions/languageservice's validate() (GitHub's Actions extension), with its per-URI cache entry cleared
// before each call, since that cache is keyed on the URI alone and a changed document must not hit it.
// Target: our median under 3 ms.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { anchorVersion, buildAnchorBundle, loadAnchor } from './lib/actionsLanguageService.mjs';
import { machineLine, median, ms, p90, ratio, repoRoot } from './lib/stats.mjs';
import { CORPUS_ROOT, lineCount, skipWithoutCorpus } from './lib/workflowCorpus.mjs';

const TARGET_MEDIAN_MS = 3;
const OURS = { warmup: 300, runs: 1000 };
const ANCHOR = { warmup: 50, runs: 200 };
const FILE = 'huggingface__diffusers/HEAD/.github/workflows/push_tests_fast.yml';

const root = repoRoot();
const require = createRequire(import.meta.url);
const { checkText } = require(path.join(root, 'out/server/src/engine/check.js'));

console.log(machineLine());
skipWithoutCorpus();
const source = fs.readFileSync(path.join(CORPUS_ROOT, FILE), 'utf8');
const NAME_LINE = /^name: *(.*)$/m;
if (!NAME_LINE.test(source)) throw new Error(`${FILE} has no top-level name: line to vary`);
/** The workflow as it reads after edit number i: same shape, different bytes. */
const revision = (i) => source.replace(NAME_LINE, (_, name) => `name: ${name} (rev ${i})`);
console.log(
  `file: ${FILE} (${lineCount(source)} lines, ${source.length} chars); each iteration changes the top-level name:`,
);

const workflowPath = '/bench/repo/.github/workflows/push_tests_fast.yml';
const sample = checkText({ path: workflowPath, text: revision(0) });
if (sample.kind !== 'github-workflow') throw new Error(`detected kind ${sample.kind}, expected github-workflow`);

let iteration = 0;
function timeOurs(count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const text = revision(++iteration);
    const start = performance.now();
    const result = checkText({ path: workflowPath, text });
    times.push(performance.now() - start);
    if (result.kind === undefined) throw new Error('no kind');
  }
  return times;
}

const bundle = await buildAnchorBundle();
const { validate, clearCacheEntry, TextDocument } = await loadAnchor(bundle);
const uri = `file://${workflowPath}`;
async function timeAnchor(count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const version = ++iteration;
    const doc = TextDocument.create(uri, 'yaml', version, revision(version));
    const start = performance.now();
    clearCacheEntry(uri);
    await validate(doc, {});
    times.push(performance.now() - start);
  }
  return times;
}

try {
  timeOurs(OURS.warmup);
  const ours = timeOurs(OURS.runs);
  await timeAnchor(ANCHOR.warmup);
  clearCacheEntry(uri);
  const anchorDiagnostics = (await validate(TextDocument.create(uri, 'yaml', ++iteration, revision(iteration)), {}))
    .length;
  const anchor = await timeAnchor(ANCHOR.runs);

  console.log(`ours: checkText, ${OURS.runs} runs after ${OURS.warmup} warm-up, ${sample.findings.length} findings`);
  console.log(
    `anchor: ${anchorVersion()} validate(), ${ANCHOR.runs} runs after ${ANCHOR.warmup} warm-up, ${anchorDiagnostics} diagnostics`,
  );
  console.log(
    `ours median ${ms(median(ours))} ms p90 ${ms(p90(ours))} ms | ${anchorVersion()} median ${ms(median(anchor))} ms ` +
      `p90 ${ms(p90(anchor))} ms | ratio ${ratio(median(ours), median(anchor))} (median; target: ours < ${TARGET_MEDIAN_MS} ms)`,
  );
  process.exitCode = median(ours) < TARGET_MEDIAN_MS ? 0 : 1;
  if (process.exitCode) console.log(`MISSED: our median ${ms(median(ours))} ms is not under ${TARGET_MEDIAN_MS} ms`);
} finally {
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
}
