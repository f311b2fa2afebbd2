// The folder the demo opens. Its own: a copy of examples/ with demo/repository/ laid over it (the workflow the
// stand-in's "Train model" runs come from), made a git repository whose `origin` is the stand-in's copy of it, kept
// between starts (the user's edits stay) until --reset. Or the user's own repository, opened in place and never written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, REPO_ROOT } from '../paths';

const OVERLAY = path.join(REPO_ROOT, 'demo', 'repository');

/** The demo's copy in `dir`, made on the first start; later starts find it as the user left it. */
export function ensureDemoFolder(dir: string): { folder: string; created: boolean } {
  if (fs.existsSync(path.join(dir, '.git'))) return { folder: dir, created: false };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  fs.cpSync(OVERLAY, dir, { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  };
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=demo@preflight.test', '-c', 'user.name=Preflight demo', 'add', '-A');
  git(
    '-c',
    'user.email=demo@preflight.test',
    '-c',
    'user.name=Preflight demo',
    'commit',
    '-qm',
    'The Preflight demo repository',
  );
  return { folder: dir, created: true };
}

/**
 * Points the demo folder's `origin` at the stand-in's repository, as a clone from a GitHub Enterprise server would have
 * it (the stand-in's port can change between starts). Only ever called on the demo's own copy.
 */
export function pointOriginAt(folder: string, remoteUrl: string): void {
  const remotes = execFileSync('git', ['remote'], { cwd: folder, encoding: 'utf8' }).split('\n');
  execFileSync('git', ['remote', remotes.includes('origin') ? 'set-url' : 'add', 'origin', remoteUrl], {
    cwd: folder,
    stdio: 'pipe',
  });
}

/** The user's repository, checked before anything starts: an existing folder. */
export function userFolder(folder: string): string {
  const resolved = path.resolve(folder);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory())
    throw new Error(`--folder ${folder}: no such folder`);
  return resolved;
}
