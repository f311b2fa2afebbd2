// Loads run history from a file chosen by extension: .csv (the shipped format) or .json (GitHub API form), both read as a
// stream in pieces, so a history of any size is never one string and memory holds only the records.
import path from 'node:path';
import { loadRunsCsvFile } from './loadRunsCsv';
import { RunsJsonReader } from './loadRunsJson';
import { readInPieces, type ReadProgress } from './readInPieces';
import type { RunHistoryLoad } from './runLoadNotes';
import type { LoadResult, RunRecord } from './runRecord';

export type { ReadProgress } from './readInPieces';

/** The runs of `file` and what was skipped or noted on the way; `label` names the file in messages. */
export async function loadRunHistory(
  file: string,
  label = file,
  onProgress?: (p: ReadProgress) => void,
): Promise<LoadResult<RunHistoryLoad>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json')
    return { ok: false, error: `${label}: unknown run history format '${ext}' (use .csv or .json)` };
  if (ext === '.csv') return loadRunsCsvFile(file, label, onProgress);
  return loadRunsJsonFile(file, label, onProgress);
}

/** Runs from a JSON file read in pieces (`chunkBytes` is for tests of piece boundaries). */
export async function loadRunsJsonFile(
  file: string,
  label: string,
  onProgress?: (p: ReadProgress) => void,
  chunkBytes?: number,
): Promise<LoadResult<RunHistoryLoad>> {
  const reader = new RunsJsonReader(label, '');
  const error = await readInPieces(file, label, (piece) => reader.feed(piece), {
    rows: () => reader.rowsRead,
    onProgress,
    chunkBytes,
  });
  if (error !== undefined) return { ok: false, error };
  const problem = reader.end();
  return problem !== undefined ? { ok: false, error: problem } : { ok: true, value: reader.result() };
}

export async function loadRunsFile(file: string): Promise<LoadResult<RunRecord[]>> {
  const loaded = await loadRunHistory(file);
  return loaded.ok ? { ok: true, value: loaded.value.runs } : loaded;
}
