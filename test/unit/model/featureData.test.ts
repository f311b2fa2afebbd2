// CSV and Parquet into feature matrices: quoting, missing values, column selection and the errors a user sees. The
// Parquet fixture is written byte by byte by scripts/makeParquetFixture.py (no Parquet library in Debian's Python).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { columnValues, selectColumns } from '../../../server/src/engine/model/data/featureMatrix';
import { readCsvMatrix } from '../../../server/src/engine/model/data/readCsvMatrix';
import { readFeatureFile } from '../../../server/src/engine/model/data/readFeatureFile';
import { readParquetMatrix } from '../../../server/src/engine/model/data/readParquetMatrix';
import { loadReference, SHAP_FIXTURES } from '../../support/model/shapFixtures';

describe('readCsvMatrix', () => {
  it('reads quoted headers and fields (commas, doubled quotes, newlines), CRLF, a BOM and missing values', () => {
    const text = '\ufeff"a, first",b,"c ""q"""\r\n1,"2.5",-3e2\r\n,NA,"4"\n\n5,None, 6 \n';
    const read = readCsvMatrix(text, 'data.csv');
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.deepEqual(read.matrix.columns, ['a, first', 'b', 'c "q"']);
    assert.equal(read.matrix.rowCount, 3);
    assert.deepEqual(Array.from(read.matrix.values), [1, 2.5, -300, Number.NaN, Number.NaN, 4, 5, Number.NaN, 6]);
  });

  it('keeps only the requested columns, so text columns beside the features are skipped', () => {
    const read = readCsvMatrix('id,x,name,y\nr1,1,"Smith, J",2\nr2,3,Doe,4\n', 'data.csv', ['y', 'x']);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.deepEqual(read.matrix.columns, ['x', 'y']);
    const ordered = selectColumns(read.matrix, ['y', 'x'], 'data.csv');
    assert.ok(ordered.ok);
    assert.deepEqual(Array.from(ordered.matrix.values), [2, 1, 4, 3]);
    assert.deepEqual(Array.from(columnValues(read.matrix, 'y') ?? []), [2, 4]);
  });

  it('names the file, line and column of each problem', () => {
    const cases: [string, RegExp][] = [
      ['a,b\n1,2\n3,x7\n', /^d\.csv:3: column 'b' holds 'x7', not a number/],
      ['a,b\n1,2,3\n', /^d\.csv:2: 3 fields, the header has 2/],
      ['a,b\n"1,2\n', /^d\.csv:2: a quoted field is never closed/],
      ['a,a\n1,2\n', /^d\.csv:1: column 'a' appears twice/],
      ['', /^d\.csv: empty file/],
      // A quoted field spanning lines: the error after it points at the right line.
      ['a,b\n"multi\nline",1\n2,bad\n', /^d\.csv:4: column 'b' holds 'bad'/],
    ];
    for (const [text, expected] of cases) {
      const read = readCsvMatrix(text, 'd.csv', text.startsWith('a,b\n"multi') ? ['b'] : undefined);
      assert.equal(read.ok, false, text);
      assert.match(read.ok ? '' : read.error, expected);
    }
    const missing = selectColumns({ columns: ['a'], rowCount: 0, values: new Float32Array(0) }, ['a', 'b'], 'd.csv');
    assert.match(
      missing.ok ? '' : missing.error,
      /^d\.csv: no column 'b' \(the model's features are a, b; the file has a\)/,
    );
  });
});

describe('readParquetMatrix', () => {
  const file = path.join(SHAP_FIXTURES, 'xgb_classifier_rows.parquet');

  it('reads the requested numeric columns, nulls as NaN, skipping text columns', async () => {
    const { ref } = loadReference('xgb_classifier');
    const read = await readFeatureFile(file, 'rows.parquet', [...ref.features, 'extra', 'id']);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.deepEqual(read.matrix.columns, ['id', 'x4', 'x3', 'x2', 'x1', 'x0', 'extra']);
    const features = selectColumns(read.matrix, ref.features, 'rows.parquet');
    assert.ok(features.ok);
    assert.deepEqual(
      Array.from(features.matrix.values),
      ref.rows.flat().map((v) => Math.fround(v ?? Number.NaN)),
    );
    assert.deepEqual(Array.from(columnValues(read.matrix, 'extra') ?? []), [
      1.5,
      Number.NaN,
      Number.NaN,
      1.5,
      Number.NaN,
      Number.NaN,
    ]);
    assert.deepEqual(Array.from(columnValues(read.matrix, 'id') ?? []), [100, 101, 102, 103, 104, 105]);
  });

  it('names a text column it was asked to read, and a file that is not Parquet', async () => {
    const text = await readFeatureFile(file, 'rows.parquet');
    assert.match(
      text.ok ? '' : text.error,
      /^rows\.parquet: row 1, column 'note' holds 'row 0, checked', not a number/,
    );
    const notParquet = await readParquetMatrix(new TextEncoder().encode('a,b\n1,2\n'), 'fake.parquet');
    assert.match(notParquet.ok ? '' : notParquet.error, /^fake\.parquet: not a readable Parquet file/);
  });
});
