// An extension folder packaged into a .vsix and installed into code-server, each only when something changed: the
// .vsix is kept under the hash of the files it packs (the .vscodeignore whitelist, read here, says which), and an
// extensions folder remembers the hash it has installed. A demo start with nothing rebuilt neither packages nor installs.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../paths';
import type { Progress } from './startProgress';

export interface ExtensionFolder {
  readonly folder: string;
  /** publisher.name, from its package.json. */
  readonly id: string;
}

export function extensionFolder(folder: string): ExtensionFolder {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  return { folder, id: `${manifest.publisher}.${manifest.name}` };
}

/** Files vsce packs from `folder`: those its .vscodeignore whitelist (`**` then `!pattern` lines) lets in, or all. */
export function packagedFiles(folder: string): string[] {
  const ignoreFile = path.join(folder, '.vscodeignore');
  if (!fs.existsSync(ignoreFile)) return walk(folder, '');
  const lines = fs
    .readFileSync(ignoreFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines[0] !== '**' || lines.slice(1).some((l) => !l.startsWith('!'))) {
    throw new Error(
      `${ignoreFile}: expected a whitelist ("**" then "!pattern" lines); packagedFiles reads no other form`,
    );
  }
  const patterns = lines.slice(1).map((l) => globToRegExp(l.slice(1)));
  const roots = new Set(lines.slice(1).map((l) => l.slice(1).split('/')[0] ?? ''));
  return [...roots]
    .flatMap((root) => {
      const full = path.join(folder, root);
      if (!fs.existsSync(full)) return [];
      return fs.statSync(full).isDirectory() ? walk(folder, root) : [root];
    })
    .filter((file) => patterns.some((p) => p.test(file)))
    .sort();
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

function walk(folder: string, relative: string): string[] {
  return fs.readdirSync(path.join(folder, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' && relative === '' ? [] : walk(folder, child);
    return entry.isFile() ? [child] : [];
  });
}

export function contentHash(folder: string): string {
  const hash = createHash('sha256');
  for (const file of packagedFiles(folder)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(folder, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The .vsix of `extension` in `cacheDir`, packaged only when no .vsix of the same content is there. */
export async function packageOnce(
  extension: ExtensionFolder,
  cacheDir: string,
  progress: Progress,
): Promise<{ vsix: string; hash: string }> {
  const hash = contentHash(extension.folder);
  const vsix = path.join(cacheDir, `${extension.id}-${hash.slice(0, 16)}.vsix`);
  if (fs.existsSync(vsix)) {
    // Marks it in use, so a cleanup by another start keeps it.
    const now = new Date();
    fs.utimesSync(vsix, now, now);
    return { vsix, hash };
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // Another start (a second E2E run) may package the same content at the same time: write aside, then rename.
  const partial = `${vsix}.${process.pid}.partial`;
  await progress(`Packaging ${extension.id} (about 10-30 s)`, () =>
    promisify(execFile)(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        '--no-dependencies',
        '--skip-license',
        '--allow-missing-repository',
        '--out',
        partial,
      ],
      { cwd: extension.folder },
    ),
  );
  fs.renameSync(partial, vsix);
  removeOldPackages(extension, cacheDir);
  return { vsix, hash };
}

/** Packages kept per extension: other worktrees' starts (E2E runs of other branches) may be installing them right now. */
const KEEP_PACKAGES = 4;
const KEEP_YOUNGER_THAN_MS = 30 * 60_000;

function removeOldPackages(extension: ExtensionFolder, cacheDir: string): void {
  const packages = fs
    .readdirSync(cacheDir)
    .filter((name) => name.startsWith(`${extension.id}-`) && name.endsWith('.vsix'))
    .map((name) => ({ file: path.join(cacheDir, name), modified: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.modified - a.modified);
  for (const old of packages.slice(KEEP_PACKAGES)) {
    if (Date.now() - old.modified > KEEP_YOUNGER_THAN_MS) fs.rmSync(old.file, { force: true });
  }
}

/**
 * Whether `extensionsDir` has the extension installed (any version), by its extensions.json: an uninstalled extension's
 * folder stays until VS Code next cleans up.
 */
export function isInstalled(extension: ExtensionFolder, extensionsDir: string): boolean {
  const manifest = path.join(extensionsDir, 'extensions.json');
  if (!fs.existsSync(manifest)) return false;
  const entries = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { identifier?: { id?: string } }[];
  return entries.some((entry) => entry.identifier?.id?.toLowerCase() === extension.id.toLowerCase());
}

/** Installs the package into `extensionsDir` unless that folder already has this content installed. */
export async function installOnce(
  extension: ExtensionFolder,
  target: { readonly extensionsDir: string; readonly stateDir: string; readonly cacheDir: string },
  install: (extensionsDir: string, vsix: string, stateDir: string) => Promise<void>,
  progress: Progress,
): Promise<void> {
  const markerFile = path.join(target.extensionsDir, '.preflight-demo-installed.json');
  const installed = fs.existsSync(markerFile)
    ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Record<string, string>)
    : {};
  const { vsix, hash } = await packageOnce(extension, target.cacheDir, progress);
  if (installed[extension.id] === hash && isInstalled(extension, target.extensionsDir)) return;
  await install(target.extensionsDir, vsix, target.stateDir);
  fs.writeFileSync(markerFile, JSON.stringify({ ...installed, [extension.id]: hash }, null, 2));
}
