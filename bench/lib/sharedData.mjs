// Where the shared data lives: `../shared` beside the checkout, as CI lays it out (a fresh clone with a copy of shared/
// beside it). A git worktree kept elsewhere finds it beside its main checkout instead. PREFLIGHT_SHARED overrides both.
// A clean clone without shared/ gets undefined, and each benchmark that needs it says so and skips.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './stats.mjs';

/** The main checkout of a git worktree (the folder that holds the common .git), or undefined outside git. */
function mainCheckout(root) {
  const r = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) return undefined;
  return path.dirname(r.stdout.trim());
}

/** The shared/ folder, or undefined when there is none. */
export function sharedRoot() {
  if (process.env.PREFLIGHT_SHARED)
    return fs.existsSync(process.env.PREFLIGHT_SHARED) ? process.env.PREFLIGHT_SHARED : undefined;
  const root = repoRoot();
  const candidates = [path.resolve(root, '../shared')];
  const main = mainCheckout(root);
  if (main) candidates.push(path.resolve(main, '../shared'));
  return candidates.find((dir) => fs.existsSync(dir));
}

/** A path inside shared/, or undefined when shared/ or that path is absent. */
export function sharedPath(...segments) {
  const root = sharedRoot();
  if (!root) return undefined;
  const full = path.join(root, ...segments);
  return fs.existsSync(full) ? full : undefined;
}
