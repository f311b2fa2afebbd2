// The command line over 300 real workflows: wall time of `preflight check DIR --format json` as a child process
// (node start-up included). Anchor in the same run: @actions/languageservice validating the same 300 files one after
// another in one node process, also timed as a child process from spawn to exit. Target: ours < 0.1x the anchor.
// The gated figure compares like with like: `--no-shellcheck`, because the anchor does not lint `run:` scripts at all.
// The command as users run it (shellcheck on PATH lints ~1,900 scripts here) is printed beside it with its own ratio.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { anchorVersion, buildAnchorBundle } from './lib/actionsLanguageService.mjs';
import { machineLine, median, ms, ratio, repoRoot } from './lib/stats.mjs';
import { CORPUS_ROOT, copyToTemp, listWorkflowFiles } from './lib/workflowCorpus.mjs';

const FILES = 300;
const TARGET_RATIO = 0.1;
const OURS_RUNS = 3;
const ANCHOR_RUNS = 3;

const root = repoRoot();
console.log(machineLine());

const all = listWorkflowFiles();
const picked = all.slice(0, FILES);
if (picked.length < FILES) throw new Error(`only ${picked.length} workflow files under ${CORPUS_ROOT}`);
const bytes = picked.reduce((n, rel) => n + fs.statSync(path.join(CORPUS_ROOT, rel)).size, 0);
const bySnapshot = new Map();
for (const rel of picked) {
  const key = rel.split('/').slice(0, 2).join('/');
  bySnapshot.set(key, (bySnapshot.get(key) ?? 0) + 1);
}
console.log(`corpus: first ${FILES} of ${all.length} sorted workflow paths in ${CORPUS_ROOT} (${(bytes / 1024).toFixed(0)} KiB): ` +
  [...bySnapshot].map(([k, n]) => `${k} ${n}`).join(', '));

const { dir, files } = copyToTemp(picked);
const listFile = path.join(dir, 'files.txt');
fs.writeFileSync(listFile, `${files.join('\n')}\n`);
const bundle = await buildAnchorBundle();

function timeChild(args, check) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - start;
  if (r.error) throw r.error;
  check(r);
  return { wall, stdout: r.stdout };
}

const oursArgs = [path.join(root, 'bin/preflight'), 'check', dir, '--format', 'json'];
const oursNoShellcheckArgs = [...oursArgs, '--no-shellcheck'];
const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
const shellcheckVersion = shellcheck.status === 0 ? /version: *(\S+)/.exec(shellcheck.stdout)?.[1] ?? 'unknown' : undefined;
console.log(`shellcheck on PATH: ${shellcheckVersion ? `yes (${shellcheckVersion}), so preflight check runs it on each run: script` : 'no'}`);
const checkOurs = (r) => {
  // 0 = no errors, 1 = errors found (real files may have some); anything else is a crash.
  if (r.status !== 0 && r.status !== 1) throw new Error(`preflight exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
};
const anchorArgs = [path.join(import.meta.dirname, 'lib/validateCorpusWithActions.mjs'), bundle, listFile];
const checkAnchor = (r) => {
  if (r.status !== 0) throw new Error(`anchor exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
};

try {
  timeChild(oursNoShellcheckArgs, checkOurs); // warm-up: file cache, compile cache
  const timeOurs = (args) => {
    const runs = [];
    let parsed;
    for (let i = 0; i < OURS_RUNS; i++) {
      const { wall, stdout } = timeChild(args, checkOurs);
      runs.push(wall);
      parsed = JSON.parse(stdout);
    }
    return { runs, report: parsed };
  };
  const { runs: oursRuns, report } = timeOurs(oursArgs);
  const { runs: bareRuns, report: bareReport } = timeOurs(oursNoShellcheckArgs);
  const bareFindings = bareReport.files.reduce((n, f) => n + f.diagnostics.length, 0);
  const workflows = report.files.filter((f) => f.kind === 'github-workflow').length;
  const findings = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
  if (report.files.length !== FILES) throw new Error(`preflight reported ${report.files.length} files, expected ${FILES}`);

  const anchorRuns = [];
  let anchorSummary;
  for (let i = 0; i < ANCHOR_RUNS; i++) {
    const { wall, stdout } = timeChild(anchorArgs, checkAnchor);
    anchorRuns.push(wall);
    anchorSummary = JSON.parse(stdout.trim().split('\n').pop());
  }
  if (anchorSummary.files !== FILES) throw new Error(`anchor validated ${anchorSummary.files} files, expected ${FILES}`);

  const ours = median(oursRuns);
  const bare = median(bareRuns);
  const anchor = median(anchorRuns);
  console.log(`ours: preflight check (${report.files.length} files, ${workflows} as github-workflow, ${findings} findings) ` +
    `wall median ${ms(ours)} ms of ${OURS_RUNS} runs [${oursRuns.map(ms).join(', ')}] = ${ms(ours / FILES)} ms/file`);
  console.log(`ours --no-shellcheck (${bareFindings} findings): wall median ${ms(bare)} ms of ${OURS_RUNS} runs ` +
    `[${bareRuns.map(ms).join(', ')}] = ${ms(bare / FILES)} ms/file, ratio to anchor ${ratio(bare, anchor)} (gated: same checks as the anchor)`);
  console.log(`anchor: ${anchorVersion()} (${anchorSummary.files} files, ${anchorSummary.diagnostics} diagnostics, ` +
    `${anchorSummary.failures} threw) wall median ${ms(anchor)} ms of ${ANCHOR_RUNS} runs [${anchorRuns.map(ms).join(', ')}] = ${ms(anchor / FILES)} ms/file`);
  const r = bare / anchor;
  console.log(`with shellcheck: ours ${ms(ours)} ms | ${anchorVersion()} ${ms(anchor)} ms | ratio ${ratio(ours, anchor)} (shellcheck is extra work the anchor does not do)`);
  console.log(`ours (--no-shellcheck) ${ms(bare)} ms | ${anchorVersion()} ${ms(anchor)} ms | ratio ${ratio(bare, anchor)} (target < ${TARGET_RATIO})`);
  process.exitCode = r < TARGET_RATIO ? 0 : 1;
  if (process.exitCode) console.log('MISSED: preflight check is not under 0.1x of the anchor on this corpus');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
}
