// Inputs shared by train/evaluate/predict: run history and model files, with failures turned into one-line usage errors.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FailureModel } from '../../engine/model/failure/failureModel';
import { readFailureModelOnnx } from '../../engine/model/failure/failureModelOnnx';
import { type CommitChanges, readCommitChanges } from '../../engine/model/git/commitChanges';
import { loadRunHistory, type ReadProgress } from '../../engine/model/runs/loadRuns';
import type { RunLoadNotes } from '../../engine/model/runs/runLoadNotes';
import { type RunRecord, withCommitChanges } from '../../engine/model/runs/runRecord';
import { type ParsedArgs, stringFlag } from '../args';
import { UsageError } from '../usageError';

export function requiredFlag(args: ParsedArgs, name: string, what: string): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw new UsageError(`--${name} ${what} is required`);
  return value;
}

export async function readRuns(
  cwd: string,
  file: string,
  onProgress?: (p: ReadProgress) => void,
): Promise<{ runs: RunRecord[]; notes: RunLoadNotes }> {
  const loaded = await loadRunHistory(path.resolve(cwd, file), file, onProgress);
  if (!loaded.ok) throw new UsageError(loaded.error.replace(path.resolve(cwd, file), file));
  if (loaded.value.runs.length === 0) {
    const skipped = loaded.value.notes.skipped
      .map((s) => `; skipped ${s.count}: ${s.reason} (first at ${s.first})`)
      .join('');
    throw new UsageError(`${file}: no runs${skipped}`);
  }
  return loaded.value;
}

/** Changes per commit from the clone named by --git, if given. */
export async function readGitChanges(cwd: string, args: ParsedArgs): Promise<Map<string, CommitChanges> | undefined> {
  const dir = stringFlag(args, 'git');
  if (dir === undefined) return undefined;
  const read = await readCommitChanges(path.resolve(cwd, dir));
  if (!read.ok) throw new UsageError(read.error.replace(path.resolve(cwd, dir), dir));
  return read.value;
}

/** Run history with commit changes attached when --git names a clone. */
export async function readRunsWithChanges(
  cwd: string,
  file: string,
  args: ParsedArgs,
  onProgress?: (p: ReadProgress) => void,
): Promise<{ runs: RunRecord[]; notes: RunLoadNotes; changes: Map<string, CommitChanges> | undefined }> {
  const { runs, notes } = await readRuns(cwd, file, onProgress);
  const changes = await readGitChanges(cwd, args);
  return { runs: changes ? withCommitChanges(runs, changes) : runs, notes, changes };
}

export async function readModel(cwd: string, file: string): Promise<{ model: FailureModel; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path.resolve(cwd, file));
  } catch {
    throw new UsageError(`${file}: cannot read the model file`);
  }
  const read = readFailureModelOnnx(bytes, file);
  if (!read.ok) throw new UsageError(read.error);
  return { model: read.value, bytes };
}

export function formatFlag(args: ParsedArgs): 'text' | 'json' {
  const format = stringFlag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  return format;
}
