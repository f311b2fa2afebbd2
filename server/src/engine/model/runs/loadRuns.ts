// Loads run history from a file chosen by extension: .csv (the shipped format) or .json (GitHub API form).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadRunsCsv } from './loadRunsCsv';
import { loadRunsJson } from './loadRunsJson';
import type { LoadResult, RunRecord } from './runRecord';

export async function loadRunsFile(file: string): Promise<LoadResult<RunRecord[]>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return { ok: false, error: `${file}: unknown run history format '${ext}' (use .csv or .json)` };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}` };
  }
  return ext === '.csv' ? loadRunsCsv(text, file) : loadRunsJson(text, file, '');
}
