// Where an MLflow file sits on disk. Checks of the files it names run only for a file saved inside a checkout (a folder
// with `.git` or `.dvc` above it): an MLproject or MLmodel copied on its own says nothing about what is missing next to it.
import path from 'node:path';
import { statOrUndefined, type StatPath } from '../files/pathExists';

/**
 * The folder of a saved file inside a checkout; undefined for unsaved buffers and loose copies. `stat` lets the rules
 * of one check share their stats (see rules/mlflow/checkoutDir.ts).
 */
export function checkedOutDir(checked: string, stat: StatPath = statOrUndefined): string | undefined {
  const file = path.resolve(checked); // the CLI passes paths as the user typed them
  if (stat(file)?.isFile() !== true) return undefined;
  const dir = path.dirname(file);
  for (let current = dir; ; current = path.dirname(current)) {
    if (stat(path.join(current, '.git')) !== undefined || stat(path.join(current, '.dvc')) !== undefined) return dir;
    if (path.dirname(current) === current) return undefined;
  }
}
