// Scores the CLI against actionlint's own test corpus (shared/data/actionlint-testdata), the same way and with the same
// numbers as shared/tools/actionlint-conformance.py, but in Node and line by line, so that the benchmark and the
// per-category table (scripts/conformanceTable.mjs) can say WHICH expected lines are hit.
// The rules, as the Python scorer has them:
// - err/, examples/ and ok/ are each laid out as one git checkout: the .yaml/.yml files in .github/workflows/, the folder's
//   own .github/ (called workflows, local actions) and other folders beside them; `preflight check --format json
//   .github/workflows` runs once in each.
// - Each `test.yaml:LINE:COL: message [kind]` line of NAME.out is hit when an ERROR finding on NAME's workflow has a range
//   covering LINE (line 0: any error in the file).
// - An ok file fails when it gets any error, except the three that GitHub's own parser rejects too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './stats.mjs';

const EXPECTED_LINE = /^\/?test\\?\.yaml:(\d+):(\d+):/;
/** `[kind]` at the end of an expectation; regex expectations escape the brackets and end with `/`. */
const KIND = /\\?\[([a-z-]+)\\?\]\/?$/;
/** ok files that GitHub's own workflow parser rejects as well: an error there agrees with GitHub (see the corpus README). */
export const OK_ALLOWED = new Set(['nested_workflow_call', 'workflow_call_job', 'workflow_dispatch_upper_case_inputs']);
const SCORED_FOLDERS = ['err', 'examples'];

/**
 * Every expected line of err/ and examples/, in the Python scorer's order (folder, then .out file name).
 * line is 0-based, -1 for "the file does not parse" (any error counts); message is the text after LINE:COL:, kind the
 * `[kind]` tag (undefined when the line has none); pattern tells that the line is a regular expression (`/.../`), whose
 * message has regex escapes.
 */
export function readExpectations(corpus) {
  const expectations = [];
  for (const folder of SCORED_FOLDERS) {
    const dir = path.join(corpus, folder);
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.out')) continue;
      const base = name.slice(0, -'.out'.length);
      for (const raw of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        const text = raw.trim();
        const m = EXPECTED_LINE.exec(text);
        if (!m) continue;
        expectations.push({
          folder,
          base,
          line: Number(m[1]) - 1,
          message: text.slice(m[0].length).trim(),
          kind: KIND.exec(text)?.[1],
          pattern: text.startsWith('/'),
        });
      }
    }
  }
  return expectations;
}

/** Copies one corpus folder into a fresh git checkout laid out as the scorer expects; returns the checkout's root. */
function layOut(corpus, folder) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `preflight-conformance-${folder}-`));
  const workflows = path.join(root, '.github', 'workflows');
  fs.mkdirSync(workflows, { recursive: true });
  const src = path.join(corpus, folder);
  for (const name of fs.readdirSync(src)) {
    const from = path.join(src, name);
    if (name === '.github') fs.cpSync(from, path.join(root, '.github'), { recursive: true });
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) fs.copyFileSync(from, path.join(workflows, name));
    else if (fs.statSync(from).isDirectory()) fs.cpSync(from, path.join(root, name), { recursive: true });
  }
  const git = spawnSync('git', ['init', '-q', root], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
  return root;
}

/**
 * Runs the CLI over one corpus folder; returns Map(workflow base name -> its error findings). Only files directly in
 * .github/workflows/ count (the corpus's own called workflows under .github/ are checked too but never scored).
 */
export function errorsByWorkflow(
  corpus,
  folder,
  { cli = path.join(repoRoot(), 'bin/preflight'), shellcheck = true } = {},
) {
  const root = layOut(corpus, folder);
  try {
    const args = [cli, 'check', '--format', 'json', ...(shellcheck ? [] : ['--no-shellcheck']), '.github/workflows'];
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      throw new Error(
        `preflight check on ${folder}/ exited ${r.status} without a JSON report: ${r.stderr.slice(0, 2000)}`,
      );
    }
    const errors = new Map();
    for (const file of report.files) {
      const normalized = path.posix.normalize(file.path);
      if (path.posix.dirname(normalized) !== '.github/workflows') continue;
      const base = path.posix.basename(normalized).replace(/\.[^.]*$/, '');
      errors.set(
        base,
        file.diagnostics.filter((d) => d.severity === 'error'),
      );
    }
    return errors;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Whether the errors of one workflow hit one expected line. */
function hits(expectation, errors) {
  if (expectation.line < 0) return errors.length > 0;
  return errors.some((e) => e.range.start.line <= expectation.line && expectation.line <= e.range.end.line);
}

/**
 * The whole score: { expectations (each with hit: boolean), hit, total, okFiles, falseErrorFiles (sorted names of ok
 * files with errors, the allowed three left out) }.
 */
export function scoreCorpus(corpus, options = {}) {
  const expectations = readExpectations(corpus);
  const errorsIn = Object.fromEntries(
    SCORED_FOLDERS.map((folder) => [folder, errorsByWorkflow(corpus, folder, options)]),
  );
  for (const e of expectations) e.hit = hits(e, errorsIn[e.folder].get(e.base) ?? []);
  const ok = errorsByWorkflow(corpus, 'ok', options);
  const falseErrorFiles = [...ok]
    .filter(([base, errors]) => errors.length > 0 && !OK_ALLOWED.has(base))
    .map(([base]) => base)
    .sort();
  return {
    expectations,
    hit: expectations.filter((e) => e.hit).length,
    total: expectations.length,
    okFiles: ok.size,
    falseErrorFiles,
  };
}

/** The figure in one line, worded like the Python scorer's. */
export function figureLine(score) {
  const pct = ((100 * score.hit) / score.total).toFixed(1);
  return (
    `actionlint corpus: expected lines hit ${score.hit}/${score.total} (${pct}%), ` +
    `ok files with false errors ${score.falseErrorFiles.length}/${score.okFiles}` +
    (score.falseErrorFiles.length > 0 ? ` (${score.falseErrorFiles.join(', ')})` : '')
  );
}

/** Which of the tools the CLI runs on `run:` scripts are on PATH here (the corpus expects both). */
export function scriptTools() {
  const version = (cmd, args, pattern) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.error || r.status !== 0) return undefined;
    return pattern.exec(r.stdout)?.[1] ?? 'unknown version';
  };
  return {
    shellcheck: version('shellcheck', ['--version'], /version: *(\S+)/),
    pyflakes: version('pyflakes3', ['--version'], /^(\S+)/) ?? version('pyflakes', ['--version'], /^(\S+)/),
  };
}
