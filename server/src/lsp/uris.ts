// URI <-> path. Internally the server keys files by path: VS Code and Node encode the same file's URI differently
// (e.g. `%3A` for a drive colon), so URIs are compared only after conversion.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
