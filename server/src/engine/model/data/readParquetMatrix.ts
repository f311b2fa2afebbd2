// Parquet into a FeatureMatrix with hyparquet (pure JS, ESM-only, so loaded with a dynamic import on first use). Numeric
// and boolean columns become floats, nulls NaN (missing); a text column is an error naming it, and so is a NaN or
// infinite number (finiteFeature.ts). With `keep`, only those columns are read.
import type { MatrixResult } from './featureMatrix';
import { nonFiniteError, nonFiniteWords } from './finiteFeature';

export async function readParquetMatrix(
  bytes: Uint8Array,
  label: string,
  keep?: readonly string[],
): Promise<MatrixResult> {
  const { parquetMetadata, parquetReadObjects, parquetSchema } = await import('hyparquet');
  // hyparquet reads from an ArrayBuffer of exactly the file.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let columns: string[];
  let rows: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(buffer);
    columns = parquetSchema(metadata)
      .children.map((c) => c.element.name)
      .filter((c) => keep === undefined || keep.includes(c));
    rows = await parquetReadObjects({ file: buffer, metadata, columns });
  } catch (error) {
    return {
      ok: false,
      error: `${label}: not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const values = new Float32Array(rows.length * columns.length);
  for (const [r, row] of rows.entries()) {
    for (const [c, name] of columns.entries()) {
      const v = row[name];
      let n: number;
      if (v === null || v === undefined) n = Number.NaN;
      else if (typeof v === 'number') n = v;
      else if (typeof v === 'bigint') n = Number(v);
      else if (typeof v === 'boolean') n = v ? 1 : 0;
      else
        return {
          ok: false,
          error: `${label}: row ${r + 1}, column '${name}' holds ${typeof v === 'string' ? `'${v.slice(0, 40)}'` : typeof v}, not a number; encode it numerically as the model was trained`,
        };
      const refused = v === null || v === undefined ? undefined : nonFiniteWords(n);
      if (refused) return { ok: false, error: nonFiniteError(`${label}: row ${r + 1}`, name, refused) };
      values[r * columns.length + c] = n;
    }
  }
  return { ok: true, matrix: { columns, rowCount: rows.length, values } };
}
