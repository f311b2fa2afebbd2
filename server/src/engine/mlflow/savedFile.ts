// Where an MLflow file sits on disk. Checks of the files it names run only for a file saved inside a checkout (a folder
// with `.git` or `.dvc` above it): an MLproject or MLmodel copied on its own says nothing about what is missing next to it.
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathExists } from '../files/pathExists';


/** The folder of a saved file inside a checkout; undefined for unsaved buffers and loose copies. */
export function checkedOutDir(checked: string): string | undefined {
  const file = path.resolve(checked); // the CLI passes paths as the user typed them
  try {
    if (!statSync(file).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const dir = path.dirname(file);
  for (let current = dir; ; current = path.dirname(current)) {
    if (pathExists(path.join(current, '.git')) || pathExists(path.join(current, '.dvc'))) return dir;
    if (path.dirname(current) === current) return undefined;
  }
}
