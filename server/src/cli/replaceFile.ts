// Rewriting a user's file without ever losing it or a concurrent change to it. The new text goes to a temporary file in
// the same folder (same mode), which is then renamed over the original: a kill or a full disk mid-write leaves the
// original whole. The temporary file's name is fixed per file and created exclusively, so it doubles as a lock: while
// one `preflight fix` holds it, another cannot write the same file. Under that lock the file is read again and written
// only if it still holds the text the fix was computed from; otherwise the change made meanwhile is kept and the file
// is reported as skipped. A symbolic link is never written through (its target may be outside the tree).
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

export type ReplaceOutcome = { readonly written: true } | { readonly written: false; readonly reason: string };

/** The temporary file (and lock) beside `file`. */
export function lockPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.preflight-write`);
}

export async function replaceFileIfUnchanged(file: string, expected: string, text: string): Promise<ReplaceOutcome> {
  let stat;
  try {
    stat = await fs.lstat(file);
  } catch (error) {
    return { written: false, reason: describe(error) };
  }
  if (stat.isSymbolicLink())
    return { written: false, reason: 'it is a symbolic link; fix the file it points to directly' };
  const temp = lockPathFor(file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, stat.mode & 0o7777);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return {
        written: false,
        reason: `another process is writing it (or a crash left ${path.basename(temp)}: delete that file if no preflight is running)`,
      };
    }
    return { written: false, reason: describe(error) };
  }
  let renamed = false;
  try {
    const current = await fs.readFile(file, 'utf8');
    if (current !== expected)
      return {
        written: false,
        reason: 'it changed since it was read; the change made meanwhile is kept (run fix again)',
      };
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    await fs.rename(temp, file);
    renamed = true;
    return { written: true };
  } catch (error) {
    return { written: false, reason: describe(error) };
  } finally {
    await handle.close().catch(() => undefined);
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOENT') return 'it no longer exists';
  return error instanceof Error ? error.message : String(error);
}
