// Whether anything (file, folder, or a `.git` file of a worktree) exists at a path. Synchronous on purpose: rules are
// synchronous, and a stat costs microseconds.
import { statSync } from 'node:fs';

export function pathExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
