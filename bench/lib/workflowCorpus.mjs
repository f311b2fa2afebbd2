// A deterministic slice of the shared corpus of real ML-project workflows (../shared/data/workflows): every
// .yml/.yaml directly in a .github/workflows/ folder of a HEAD or history snapshot, sorted by path, first N taken.
// Copied into a temp tree that keeps `.github/workflows/` in each path, so both validators see real workflow paths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedPath } from './sharedData.mjs';

/** The corpus folder, or undefined without shared/ (a clone elsewhere): the benchmarks that need it then skip. */
export const CORPUS_ROOT = process.env.PREFLIGHT_WORKFLOW_CORPUS ?? sharedPath('data', 'workflows');

/** Prints why a benchmark is skipped and ends it with success when there is no corpus; returns otherwise. */
export function skipWithoutCorpus() {
  if (CORPUS_ROOT !== undefined) return;
  console.log(
    'skipped: no ../shared/data/workflows beside this checkout (set PREFLIGHT_SHARED or PREFLIGHT_WORKFLOW_CORPUS)',
  );
  process.exit(0);
}

const WORKFLOW_FILE = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;

function walk(dir, rel, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), childRel, out);
    else if (entry.isFile()) out.push(childRel);
  }
}

/** Corpus-relative paths of all workflow files in HEAD and history snapshots, sorted. */
export function listWorkflowFiles(root = CORPUS_ROOT) {
  const all = [];
  for (const repo of fs.readdirSync(root, { withFileTypes: true })) {
    if (!repo.isDirectory()) continue;
    walk(path.join(root, repo.name), repo.name, all);
  }
  const snapshot = /^[^/]+\/(HEAD|history\/[^/]+)\/\.github\/workflows\//;
  return all.filter((p) => snapshot.test(p) && WORKFLOW_FILE.test(p)).sort();
}

/** Copies `relPaths` from the corpus into a fresh temp folder; returns the folder and the copied absolute paths. */
export function copyToTemp(relPaths, root = CORPUS_ROOT) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-corpus-'));
  const files = relPaths.map((rel) => {
    const dest = path.join(dir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(root, rel), dest);
    return dest;
  });
  return { dir, files };
}

export function lineCount(text) {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}
