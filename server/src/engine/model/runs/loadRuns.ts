// Loads run history from a file chosen by extension: .csv (the shipped format) or .json (GitHub API form), both read as a
// stream in pieces, so a history of any size is never one string and memory holds only the records.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { loadRunsCsvFile, readError, type ReadProgress } from './loadRunsCsv';
import { RunsJsonReader } from './loadRunsJson';
import type { RunHistoryLoad } from './runLoadNotes';
import type { LoadResult, RunRecord } from './runRecord';

export type { ReadProgress } from './loadRunsCsv';

/** The runs of `file` and what was skipped or noted on the way; `label` names the file in messages. */
export async function loadRunHistory(file: string, label = file, onProgress?: (p: ReadProgress) => void): Promise<LoadResult<RunHistoryLoad>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return { ok: false, error: `${label}: unknown run history format '${ext}' (use .csv or .json)` };
  if (ext === '.csv') return loadRunsCsvFile(file, label, onProgress);
  return loadRunsJsonFile(file, label, onProgress);
}

/** Runs from a JSON file read in pieces (`chunkBytes` is for tests of piece boundaries). */
export async function loadRunsJsonFile(file: string, label: string, onProgress?: (p: ReadProgress) => void, chunkBytes = 1 << 20): Promise<LoadResult<RunHistoryLoad>> {
  let totalBytes: number;
  try {
    totalBytes = (await fs.stat(file)).size;
  } catch (error) {
    return { ok: false, error: readError(label, error) };
  }
  const reader = new RunsJsonReader(label, '');
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream) {
      const problem = reader.feed(chunk as string);
      if (problem !== undefined) {
        stream.destroy();
        return { ok: false, error: problem };
      }
      onProgress?.({ rows: reader.rowsRead, bytes: stream.bytesRead, totalBytes });
    }
  } catch (error) {
    return { ok: false, error: readError(label, error) };
  }
  const problem = reader.end();
  return problem !== undefined ? { ok: false, error: problem } : { ok: true, value: reader.result() };
}

export async function loadRunsFile(file: string): Promise<LoadResult<RunRecord[]>> {
  const loaded = await loadRunHistory(file);
  return loaded.ok ? { ok: true, value: loaded.value.runs } : loaded;
}
