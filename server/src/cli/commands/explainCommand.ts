// `preflight explain --model MODEL.onnx --data ROWS.csv [--background BG.csv] [--class LABEL] [--format json|text]`: SHAP
// values for every data row, in row order; for a classifier with more than two classes, every class (or the one --class
// names). Columns are matched to the model's inputs by name (the model's `feature_names` metadata); without that
// metadata the data's columns are the inputs in order. Without --background the data itself, evenly subsampled to at
// most 100 rows, is the background. Exit 0, or 1 when the SHAP values of a row do not add up to onnxruntime's output.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { selectColumns, type FeatureMatrix } from '../../engine/model/data/featureMatrix';
import { readFeatureFile } from '../../engine/model/data/readFeatureFile';
import { readOnnxModel } from '../../engine/model/onnx/readOnnxModel';
import { explainModel, type ModelExplanation } from '../../engine/model/shap/explainModel';
import { localAccuracyMessage } from '../../engine/model/shap/localAccuracy';
import { parseArgs, stringFlag } from '../args';
import { formatExplanationJson, formatExplanationText, type ShownOutputs } from '../formats/explanationFormat';
import { UsageError } from '../usageError';

export const EXPLAIN_USAGE =
  'preflight explain --model MODEL.onnx --data ROWS.csv|.parquet [--background BG.csv] [--class LABEL] [--format json|text]';

const DEFAULT_BACKGROUND_ROWS = 100;

function evenlySpaced(matrix: FeatureMatrix, limit: number): FeatureMatrix {
  if (matrix.rowCount <= limit) return matrix;
  const m = matrix.columns.length;
  const values = new Float32Array(limit * m);
  for (let i = 0; i < limit; i++) {
    const r = Math.floor((i * matrix.rowCount) / limit);
    values.set(matrix.values.subarray(r * m, (r + 1) * m), i * m);
  }
  return { columns: matrix.columns, rowCount: limit, values };
}

async function readMatrix(
  file: string,
  cwd: string,
  features: readonly string[] | undefined,
  width: number,
): Promise<FeatureMatrix> {
  const read = await readFeatureFile(path.resolve(cwd, file), file, features);
  if (!read.ok) throw new UsageError(read.error);
  if (features) {
    const selected = selectColumns(read.matrix, features, file);
    if (!selected.ok) throw new UsageError(selected.error);
    return selected.matrix;
  }
  if (read.matrix.columns.length !== width) {
    throw new UsageError(
      `${file}: ${read.matrix.columns.length} columns, the model takes ${width} features (without feature_names metadata in the model, the columns must be its inputs in order)`,
    );
  }
  return read.matrix;
}

/** Every output, or the one class `--class` names (a usage error when the model has no such class). */
function shownOutputs(e: ModelExplanation, chosen: string | undefined, modelFile: string): ShownOutputs {
  if (chosen === undefined) return { outputs: e.outputs };
  const output = e.outputs.find((o) => o.label === chosen);
  if (output) return { outputs: [output], chosen };
  const labels = e.outputs.map((o) => `'${o.label}'`).join(', ');
  throw new UsageError(
    e.outputs.length > 1
      ? `${modelFile} has no class '${chosen}' (its classes: ${labels})`
      : `--class chooses among the classes of a classifier with more than two; ${modelFile} explains ${labels} only`,
  );
}

export async function runExplain(argv: readonly string[], cwd: string): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['model', 'data', 'background', 'class', 'format'], []);
  const modelFile = stringFlag(args, 'model');
  const dataFile = stringFlag(args, 'data');
  if (!modelFile || !dataFile) throw new UsageError(`explain needs --model and --data\n  ${EXPLAIN_USAGE}`);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n  ${EXPLAIN_USAGE}`);
  const format = stringFlag(args, 'format') ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text (got '${format}')`);
  const bytes = await fs.readFile(path.resolve(cwd, modelFile)).catch(() => {
    throw new UsageError(`${modelFile}: no such file`);
  });
  const read = readOnnxModel(new Uint8Array(bytes), modelFile);
  if (!read.ok) throw new UsageError(read.error);
  const input = read.summary.inputs[0];
  const width = typeof input?.shape?.[1] === 'number' ? input.shape[1] : undefined;
  if (read.summary.inputs.length !== 1 || width === undefined || input?.type !== 'float') {
    throw new UsageError(
      `${modelFile}: explain needs one float input of shape [N, features]; this model has ${read.summary.inputs.map((i) => `${i.name}: ${i.type}[${(i.shape ?? []).join(', ')}]`).join('; ')}`,
    );
  }
  const named = read.summary.metadata['feature_names']?.split(',').map((n) => n.trim());
  const features = named?.length === width ? named : undefined;
  const data = await readMatrix(dataFile, cwd, features, width);
  if (data.rowCount === 0) throw new UsageError(`${dataFile}: no rows to explain`);
  const backgroundFile = stringFlag(args, 'background');
  const background = backgroundFile
    ? await readMatrix(backgroundFile, cwd, features ?? data.columns, width)
    : evenlySpaced(data, DEFAULT_BACKGROUND_ROWS);
  const result = await explainModel(read.model, new Uint8Array(bytes), data, background);
  if (!result.ok) throw new UsageError(`${modelFile}: ${result.error}`);
  const e = result.explanation;
  const shown = shownOutputs(e, stringFlag(args, 'class'), modelFile);
  const output =
    format === 'json'
      ? formatExplanationJson(e, shown, data.rowCount)
      : formatExplanationText(e, shown, data.values, data.rowCount);
  // Every class is checked, the ones not shown too: a failure anywhere means the model was not read as it runs.
  if (!e.localAccuracy.ok)
    process.stderr.write(
      `preflight: ${localAccuracyMessage(e.localAccuracy, data.rowCount, (r) => `row ${r + 1} of ${dataFile}`)}\n`,
    );
  return { output, exitCode: e.localAccuracy.ok ? 0 : 1 };
}
