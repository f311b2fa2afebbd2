// Reads a CSV or Parquet data file (by extension) into a FeatureMatrix; with `keep`, only those columns.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MatrixResult } from './featureMatrix';
import { readCsvMatrix } from './readCsvMatrix';
import { readParquetMatrix } from './readParquetMatrix';

export async function readFeatureFile(file: string, label = file, keep?: readonly string[]): Promise<MatrixResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { ok: false, error: `${label}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return readParquetMatrix(bytes, label, keep);
  if (ext === '.csv' || ext === '.txt' || ext === '') return readCsvMatrix(bytes.toString('utf8'), label, keep);
  return { ok: false, error: `${label}: unknown data format '${ext}'; use .csv (header = feature names) or .parquet` };
}
