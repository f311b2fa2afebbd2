// One report on a user's ONNX model, for the model view, the MLmodel hover and the fairness gate: what the model is,
// and with a data file, exact SHAP explanations (via explainModel) and group fairness on every row. Progress and
// cancellation pass through; every problem becomes a sentence naming the file and the fix, never an exception.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModelReport, ModelSummary } from '../../../../../protocol/modelReport';
import { selectColumns, type FeatureMatrix } from '../data/featureMatrix';
import { readFeatureFile } from '../data/readFeatureFile';
import type { OnnxModel } from '../onnx/onnxModel';
import { readOnnxModel, type OnnxModelSummary } from '../onnx/readOnnxModel';
import { treeEnsembleFromOnnx } from '../onnx/treeEnsembleFromOnnx';
import { explainModel } from '../shap/explainModel';
import { localAccuracyMessage } from '../shap/localAccuracy';
import type { Tree } from '../treeEnsemble';
import { evenSampleIndices, takeRows } from './evenSample';
import { fairnessSection } from './fairnessReports';
import { explanationView } from './explanationView';
import { findModelExplainConfig, type ModelExplainConfig } from './modelExplainConfig';

export interface ModelReportOptions {
  /** A data file chosen by the user; wins over the MLmodel's `metadata.preflight.data` and the settings. */
  readonly dataPath?: string;
  /** From the `preflight.models.data` setting, already resolved to an absolute path. */
  readonly settingsDataPath?: string;
  /** Rows explained (evenly sampled from the data); fairness always uses every row. */
  readonly maxExplainedRows?: number;
  readonly backgroundRows?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string, fraction?: number) => void;
  /** False for the fairness gate, which needs the model's scores but no SHAP values. */
  readonly explain?: boolean;
  /** The URI strings put into the report (the engine deals in paths; the editor in URIs). */
  readonly toUri?: (file: string) => string;
  /** The MLmodel's settings when the caller already has them (the fairness gate reads the editor's text); otherwise the
   * MLmodel next to the model is read from disk. */
  readonly config?: ModelExplainConfig;
}

export type ModelReportResult =
  { readonly ok: true; readonly report: ModelReport } | { readonly ok: false; readonly error: string };

const DEFAULT_EXPLAINED_ROWS = 1000;
const DEFAULT_BACKGROUND_ROWS = 100;

function treeDepth(tree: Pick<Tree, 'feature' | 'left' | 'right'>, node = 0): number {
  const left = tree.left[node] ?? -1;
  const right = tree.right[node] ?? -1;
  if ((tree.feature[node] ?? -1) < 0 || left < 0 || right < 0) return 0;
  return 1 + Math.max(treeDepth(tree, left), treeDepth(tree, right));
}

function toSummary(file: string, model: OnnxModel, summary: OnnxModelSummary): ModelSummary {
  const trees = treeEnsembleFromOnnx(model);
  return {
    fileName: path.basename(file),
    sizeBytes: summary.byteLength,
    irVersion: summary.irVersion,
    producer: summary.producer,
    opsets: summary.opsets,
    inputs: summary.inputs.map((i) => ({ name: i.name, type: i.type, shape: i.shape ?? [] })),
    outputs: summary.outputs.map((o) => ({ name: o.name, type: o.type, shape: o.shape ?? [] })),
    operators: summary.operators,
    parameterCount: summary.initializers.elements,
    // A tree ensemble keeps its thresholds and leaf values in node attributes, not initializers: its size is its nodes.
    ...(trees.ok
      ? {
          trees: {
            count: trees.structure.length,
            nodes: trees.structure.reduce((sum, t) => sum + t.feature.length, 0),
            maxDepth: Math.max(0, ...trees.structure.map((t) => treeDepth(t))),
          },
        }
      : {}),
  };
}

/** The model's input columns: named by the MLmodel, by the ONNX metadata, or (one float input of width F) the data's
 * first F columns that are not the label or a sensitive feature. */
function featureNames(
  config: ModelExplainConfig | undefined,
  summary: OnnxModelSummary,
  data: FeatureMatrix,
): readonly string[] | string {
  if (config?.featureNames) return config.featureNames;
  const fromMetadata = summary.metadata['feature_names']
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (fromMetadata && fromMetadata.length > 0) return fromMetadata;
  const width = summary.inputs[0]?.shape?.[1];
  const reserved = new Set([config?.label, ...(config?.fairness?.sensitiveFeatures ?? [])]);
  const candidates = data.columns.filter((c) => !reserved.has(c));
  if (typeof width === 'number' && candidates.length >= width) return candidates.slice(0, width);
  return `the model's feature names are unknown: list them under metadata.feature_names in the MLmodel, or name the data's columns like the model's ${width ?? '?'} inputs`;
}

export async function buildModelReport(
  modelPath: string,
  options: ModelReportOptions = {},
): Promise<ModelReportResult> {
  const label = path.basename(modelPath);
  const toUri = options.toUri ?? ((f: string): string => f);
  options.onProgress?.('Reading the model');
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(modelPath);
  } catch (error) {
    return {
      ok: false,
      error: `${modelPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
  const read = readOnnxModel(bytes, label);
  if (!read.ok) return { ok: false, error: read.error };
  const summary = toSummary(modelPath, read.model, read.summary);
  const config = options.config ?? (await findModelExplainConfig(modelPath));
  const notes: string[] = [...(config?.problems ?? [])];
  const dataPath = options.dataPath ?? config?.dataPath ?? options.settingsDataPath;
  const report = { modelUri: toUri(modelPath), summary, notes };
  if (dataPath === undefined) return { ok: true, report };

  options.onProgress?.(`Reading ${path.basename(dataPath)}`);
  const loaded = await readFeatureFile(dataPath, path.basename(dataPath));
  if (!loaded.ok) return { ok: true, report: { ...report, dataUri: toUri(dataPath), notes: [...notes, loaded.error] } };
  const names = featureNames(config, read.summary, loaded.matrix);
  if (typeof names === 'string')
    return { ok: true, report: { ...report, dataUri: toUri(dataPath), notes: [...notes, names] } };
  const inputs = selectColumns(loaded.matrix, names, path.basename(dataPath));
  if (!inputs.ok) return { ok: true, report: { ...report, dataUri: toUri(dataPath), notes: [...notes, inputs.error] } };
  if (inputs.matrix.rowCount === 0)
    return {
      ok: true,
      report: { ...report, dataUri: toUri(dataPath), notes: [...notes, `${path.basename(dataPath)} has no rows`] },
    };

  if (options.explain === false) {
    const fairness = config
      ? await fairnessSection(config, loaded.matrix, inputs.matrix, bytes, read.model, notes)
      : {};
    return { ok: true, report: { ...report, dataUri: toUri(dataPath), ...fairness, notes } };
  }
  const sampled = evenSampleIndices(inputs.matrix.rowCount, options.maxExplainedRows ?? DEFAULT_EXPLAINED_ROWS);
  const explained = takeRows(inputs.matrix, sampled);
  const background = takeRows(
    inputs.matrix,
    evenSampleIndices(inputs.matrix.rowCount, options.backgroundRows ?? DEFAULT_BACKGROUND_ROWS),
  );
  options.onProgress?.(`Explaining ${explained.rowCount} rows`, 0);
  const started = performance.now();
  const result = await explainModel(read.model, bytes, explained, background, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done, total) => {
      options.onProgress?.(`Explaining ${explained.rowCount} rows`, total > 0 ? done / total : undefined);
    },
  });
  if (!result.ok && result.error === 'cancelled') return { ok: false, error: 'Cancelled.' };
  const dataName = path.basename(dataPath);
  // A failed explanation is an error the view shows, never charts: wrong SHAP values drawn would look like right ones.
  const explanationError = !result.ok
    ? `${label}: cannot explain: ${result.error}`
    : result.explanation.localAccuracy.ok
      ? undefined
      : `${label}: ${localAccuracyMessage(result.explanation.localAccuracy, explained.rowCount, (r) => `row ${(sampled[r] ?? r) + 1} of ${dataName}`)}`;
  const explanation =
    result.ok && explanationError === undefined
      ? explanationView(result.explanation, explained, {
          sampled,
          backgroundRows: background.rowCount,
          rowsInData: inputs.matrix.rowCount,
          elapsedMs: performance.now() - started,
        })
      : undefined;
  if (result.ok && result.explanation.treesNotRead)
    notes.push(`${label}: explained through onnxruntime, not from its trees: ${result.explanation.treesNotRead}`);
  options.onProgress?.('Checking fairness', 1);
  const fairness = config ? await fairnessSection(config, loaded.matrix, inputs.matrix, bytes, read.model, notes) : {};
  return {
    ok: true,
    report: {
      ...report,
      dataUri: toUri(dataPath),
      ...(explanation ? { explanation } : {}),
      ...(explanationError === undefined ? {} : { explanationError }),
      ...fairness,
      notes,
    },
  };
}
