// The repository-relative path (`.github/workflows/ci.yml`) of an open workflow file, when it lies in a workspace folder:
// how runs from GitHub (which name their workflow file so) are matched to the editor's documents.
import path from 'node:path';
import { uriToPath } from './uris';
import { isWorkflowFilePath } from '../../../protocol/workflowPaths';

export function workflowFilePath(uri: string, folderPaths: readonly string[]): string | undefined {
  const file = uriToPath(uri);
  if (file === undefined) return undefined;
  for (const folder of folderPaths) {
    const relative = path.relative(folder, file).split(path.sep).join('/');
    if (isWorkflowFilePath(relative)) return relative;
  }
  return undefined;
}
