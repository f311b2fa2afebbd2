// Finds the files Preflight understands under a folder. Skips dependency and VCS folders; decides YAML files of no fixed
// name (KServe manifests) by reading only their first few KB; adds the files that found files include and that are of
// their kind whatever their names (a root `.gitlab-ci.yml`'s includes, in any folder).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  kindOf,
  kindFromContent,
  kindFromPath,
  kindFromRepository,
  needsContentToDecide,
  type FileKind,
} from '../kinds';

/** Dot-folders that hold pipeline files (`.github/workflows`, `.gitlab/ci`); other dot-folders are tools' state. */
const ENTERED_DOT_DIRECTORIES = new Set(['.github', '.gitlab']);
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.dvc',
  '.tox',
  '.mypy_cache',
  'dist',
  'out',
]);
const CONTENT_SNIFF_BYTES = 8192;
/** Protects against pathological trees (a home folder opened by mistake). */
const MAX_FILES = 20_000;

export interface DiscoveredFile {
  readonly path: string;
  readonly kind: FileKind;
}

async function sniffKind(file: string): Promise<FileKind | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(CONTENT_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CONTENT_SNIFF_BYTES, 0);
    return kindFromContent(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Kind of a single file, reading its head only when the path cannot decide. */
export async function kindOfFile(file: string): Promise<FileKind | undefined> {
  const byPath = kindFromPath(file);
  if (byPath !== undefined) return byPath;
  const byContent = needsContentToDecide(file) ? await sniffKind(file) : undefined;
  return byContent ?? kindFromRepository(file);
}

export async function discoverPipelineFiles(root: string): Promise<DiscoveredFile[]> {
  const found: DiscoveredFile[] = [];
  let visited = 0;
  async function walk(dir: string): Promise<void> {
    let items;
    try {
      items = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to check there
    }
    items.sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      if (visited++ > MAX_FILES) return;
      const full = path.join(dir, item.name);
      if (item.isDirectory()) {
        if (
          SKIPPED_DIRECTORIES.has(item.name) ||
          (item.name.startsWith('.') && !ENTERED_DOT_DIRECTORIES.has(item.name))
        )
          continue;
        await walk(full);
      } else if (item.isFile()) {
        const kind =
          kindFromPath(full) ?? (needsContentToDecide(full) ? await sniffKind(full).catch(() => undefined) : undefined);
        if (kind !== undefined) found.push({ path: full, kind });
      }
    }
  }
  await walk(root);
  // Files that files found here include (a root .gitlab-ci.yml's fragments), inside this folder, not recognised by name.
  const seen = new Set(found.map((f) => f.path));
  const inside = path.resolve(root) + path.sep;
  for (const including of [...found]) {
    for (const included of kindOf(including.kind).includes?.(including.path) ?? []) {
      if (seen.has(included) || !included.startsWith(inside)) continue;
      seen.add(included);
      found.push({ path: included, kind: including.kind });
    }
  }
  return found;
}
