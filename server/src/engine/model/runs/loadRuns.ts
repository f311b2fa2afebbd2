// Loads run history from a file chosen by extension: .csv (the shipped format, read as a stream) or .json (GitHub API
// form, parsed whole: JSON.parse needs the text in one piece, so API histories are bounded by what a string can hold).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadRunsCsvFile, type ReadProgress } from './loadRunsCsv';
import { loadRunsJsonWithNotes } from './loadRunsJson';
import type { RunHistoryLoad } from './runLoadNotes';
import type { LoadResult, RunRecord } from './runRecord';

export type { ReadProgress } from './loadRunsCsv';

/** The runs of `file` and what was skipped or noted on the way; `label` names the file in messages. */
export async function loadRunHistory(file: string, label = file, onProgress?: (p: ReadProgress) => void): Promise<LoadResult<RunHistoryLoad>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return { ok: false, error: `${label}: unknown run history format '${ext}' (use .csv or .json)` };
  if (ext === '.csv') return loadRunsCsvFile(file, label, onProgress);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `${label}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}` };
  }
  return loadRunsJsonWithNotes(text, label, '');
}

export async function loadRunsFile(file: string): Promise<LoadResult<RunRecord[]>> {
  const loaded = await loadRunHistory(file);
  return loaded.ok ? { ok: true, value: loaded.value.runs } : loaded;
}
