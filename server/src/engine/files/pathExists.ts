// Whether anything (file, folder, or a `.git` file of a worktree) exists at a path. Synchronous on purpose: rules are
// synchronous, and a stat costs microseconds.
import { statSync, type Stats } from 'node:fs';

export function pathExists(p: string): boolean {
  return statOrUndefined(p) !== undefined;
}

/** A stat that answers undefined for a path that does not exist (or cannot be read). */
export type StatPath = (p: string) => Stats | undefined;

export const statOrUndefined: StatPath = (p) => {
  try {
    // Without an exception for a missing path: building one (message, stack) costs more than the stat itself, and the
    // checks ask for many paths that are not there (.git above a loose copy, .preflight.yml in each folder).
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined; // EACCES, ENOTDIR, a name too long: nothing we can read there either
  }
};
