// Recall and precision on actionlint's own test corpus (shared/data/actionlint-testdata): the share of its 646 expected
// error lines that `preflight check` covers with an error, and the valid (ok/) workflows it wrongly gives errors to.
// The CLI runs as users run it: shellcheck and pyflakes on `run:` scripts when they are installed (their lines need them).
// Scored in Node line by line (bench/lib/actionlintCorpus.mjs), then checked against shared/tools/actionlint-conformance.py,
// the scorer issue 15 names, when python3 is here: the two must print the same numbers.
// Anchor (not run here, from the corpus README): actionlint 1.7.7 covers 88 %, GitHub's language service 56 %.
// Target (issue 15): at least 95 % of the expected lines, and no error on any ok file but the three GitHub rejects too.
// Without shared/ (a clone elsewhere) it says so and passes. The per-category table lives in docs/conformance.md
// (`npm run conformance` regenerates it).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { figureLine, scoreCorpus, scriptTools } from './lib/actionlintCorpus.mjs';
import { groupByCategory } from './lib/conformanceCategories.mjs';
import { sharedPath } from './lib/sharedData.mjs';
import { machineLine, repoRoot } from './lib/stats.mjs';

const TARGET_SHARE = 0.95;

console.log(machineLine());
const corpus = sharedPath('data', 'actionlint-testdata');
if (!corpus) {
  console.log(
    'skipped: no ../shared/data/actionlint-testdata beside this checkout (set PREFLIGHT_SHARED to a shared/ folder)',
  );
  process.exit(0);
}
const tools = scriptTools();
console.log(
  `corpus: ${corpus}; shellcheck ${tools.shellcheck ?? 'not installed'}, pyflakes ${tools.pyflakes ?? 'not installed'}` +
    ' (expected lines that need a missing tool count as misses)',
);

const started = performance.now();
const score = scoreCorpus(corpus);
console.log(
  `scored in ${((performance.now() - started) / 1000).toFixed(1)} s (three preflight check runs, one per corpus folder)`,
);
console.log(figureLine(score));

console.log('by category (hit/expected; the table with files is docs/conformance.md):');
for (const { category, expectations } of groupByCategory(score.expectations)) {
  const hit = expectations.filter((e) => e.hit).length;
  console.log(
    `  ${`${hit}/${expectations.length}`.padStart(7)}  ${category.title}${category.issue ? '' : ' (not in issue 15)'}`,
  );
}

// The same figure from the scorer the issue names, so the two can never drift apart unnoticed.
const pythonScorer = sharedPath('tools', 'actionlint-conformance.py');
let agrees = true;
if (pythonScorer) {
  const py = spawnSync('python3', [pythonScorer, corpus, path.join(repoRoot(), 'bin/preflight')], {
    cwd: repoRoot(),
    encoding: 'utf8',
  });
  const m = /expected lines hit (\d+)\/(\d+) .*ok files with false errors (\d+)\/(\d+)/.exec(py.stdout ?? '');
  if (py.error || !m) {
    console.log(`python scorer: not run (${py.error?.message ?? py.stderr?.trim().split('\n').pop() ?? 'no output'})`);
  } else {
    const theirs = m.slice(1).map(Number);
    const ours = [score.hit, score.total, score.falseErrorFiles.length, score.okFiles];
    agrees = theirs.every((n, i) => n === ours[i]);
    console.log(
      agrees
        ? `python scorer (${path.basename(pythonScorer)}): same figure (${theirs[0]}/${theirs[1]}, ${theirs[2]}/${theirs[3]})`
        : `DIFFERS: ${path.basename(pythonScorer)} says ${theirs[0]}/${theirs[1]} lines, ${theirs[2]}/${theirs[3]} ok files with errors`,
    );
  }
}

const share = score.hit / score.total;
const met = share >= TARGET_SHARE && score.falseErrorFiles.length === 0;
console.log(
  `ours ${(100 * share).toFixed(1)} % of expected lines, ${score.falseErrorFiles.length} ok files with false errors | ` +
    `actionlint 1.7.7 88 %, @actions/languageservice 56 % (corpus README) | target >= ${100 * TARGET_SHARE} % and 0 false`,
);
if (!met) console.log('MISSED: conformance target not reached');
process.exitCode = met && agrees ? 0 : 1;
