// Explains an ONNX model's predictions on a data set against a background set, choosing the method the model allows:
//  - a tree ensemble (TreeEnsembleRegressor/Classifier): exact interventional TreeSHAP, in margin (log-odds) space when
//    the ensemble ends in a logistic transform (SHAP values add up there, not in probability), else in output space;
//  - any other model: exact enumeration of coalitions when 2^M × background × rows model calls fit the budget, else
//    KernelSHAP with its sampling standard error; both in the model's score output (onnx/scoredOutput.ts: the
//    probability-named output, else the first float one).
// Local accuracy (base + sum of values = the model's value in the explained space) is checked for every row and reported.
import { createOnnxScorer, type OnnxScorer } from '../onnx/onnxSession';
import type { OnnxModel } from '../onnx/onnxModel';
import { chooseScoredOutput, type ScoredOutput } from '../onnx/scoredOutput';
import { treeEnsembleFromOnnx } from '../onnx/treeEnsembleFromOnnx';
import { outputOfMargin, predictMargin } from '../scoreTreeEnsemble';
import type { FeatureMatrix } from '../data/featureMatrix';
import { exactShap } from './exactShap';
import { InterventionalTreeShap } from './interventionalTreeShap';
import { kernelShap } from './kernelShap';
import { throwIfCancelled, type ModelShapResult, type ShapRunOptions } from './modelShapTypes';

export type ShapMethod = 'tree-interventional' | 'exact' | 'kernel';

export interface ExplainOptions extends ShapRunOptions {
  /** Exact enumeration only up to this many features (default 14). */
  readonly maxExactFeatures?: number;
  /** Exact enumeration only while 2^M × background rows × rows stays under this many model evaluations (default 5e7). */
  readonly maxExactEvaluations?: number;
  readonly kernelSamples?: number;
}

export interface ModelExplanation {
  readonly method: ShapMethod;
  readonly outputSpace: 'margin' | 'output';
  /** What the values explain, e.g. "margin of TreeEnsembleClassifier (positive class)" or "probabilities[:, 1]". */
  readonly explained: string;
  readonly features: readonly string[];
  readonly base: number;
  /** Row-major rows × features. */
  readonly values: Float64Array;
  /** The model's value for each row in the explained space. */
  readonly predictions: Float64Array;
  readonly standardErrors?: Float64Array;
  readonly localAccuracy: { readonly maxError: number; readonly tolerance: string; readonly ok: boolean };
  /** For tree ensembles: largest gap between onnxruntime's output and ours from the ensemble we read (a reading check). */
  readonly runtimeGap?: number;
}

export type ExplainResult =
  { readonly ok: true; readonly explanation: ModelExplanation } | { readonly ok: false; readonly error: string };

/** Relative tolerance of the local accuracy check: float64 sums of float32 model outputs. */
const LOCAL_ACCURACY_TOLERANCE = 1e-6;

function checkLocalAccuracy(result: ModelShapResult, rowCount: number, m: number): ModelExplanation['localAccuracy'] {
  let maxError = 0;
  let ok = true;
  for (let r = 0; r < rowCount; r++) {
    let sum = result.base;
    for (let f = 0; f < m; f++) sum += result.values[r * m + f] ?? 0;
    const prediction = result.predictions[r] ?? Number.NaN;
    const error = Math.abs(sum - prediction);
    maxError = Math.max(maxError, error);
    if (!(error <= LOCAL_ACCURACY_TOLERANCE * Math.max(1, Math.abs(prediction)))) ok = false;
  }
  return { maxError, tolerance: `|base + sum(shap) - value| <= ${LOCAL_ACCURACY_TOLERANCE} x max(1, |value|)`, ok };
}

/** The output explained (onnx/scoredOutput.ts), found from one probe row. */
async function chooseOutput(scorer: OnnxScorer, probe: Float32Array): Promise<ScoredOutput | string> {
  return chooseScoredOutput(scorer.outputNames, await scorer.run(probe, 1), 1, 'explain');
}

async function explainTrees(
  model: OnnxModel,
  modelBytes: Uint8Array,
  data: FeatureMatrix,
  background: FeatureMatrix,
  options: ExplainOptions,
): Promise<ExplainResult | undefined> {
  const read = treeEnsembleFromOnnx(model, data.columns);
  if (!read.ok) return read.error.startsWith('expected one Tree') ? undefined : { ok: false, error: read.error };
  const ensemble = read.ensemble;
  const m = data.columns.length;
  const explainer = new InterventionalTreeShap(ensemble, background.values, background.rowCount);
  const values = new Float64Array(data.rowCount * m);
  const predictions = new Float64Array(data.rowCount);
  const margin = ensemble.transform === 'logistic';
  // In chunks, so a long run reports progress and can be cancelled between them.
  for (let first = 0; first < data.rowCount; first += 256) {
    throwIfCancelled(options.signal);
    options.onProgress?.(first, data.rowCount);
    const count = Math.min(256, data.rowCount - first);
    values.set(explainer.explainBatch(data.values.subarray(first * m, (first + count) * m), count), first * m);
  }
  for (let r = 0; r < data.rowCount; r++)
    predictions[r] = predictMargin(ensemble, data.values.subarray(r * m, (r + 1) * m));
  options.onProgress?.(data.rowCount, data.rowCount);
  // The same rows through onnxruntime: our reading of the operator must reproduce the runtime's output.
  let runtimeGap: number | undefined;
  const scorer = await createOnnxScorer(modelBytes).catch(() => undefined);
  if (scorer) {
    try {
      const chosen = await chooseOutput(scorer, data.values.subarray(0, m));
      if (typeof chosen !== 'string' && data.rowCount > 0) {
        const out = (await scorer.run(data.values, data.rowCount))[chosen.name];
        // The runtime's first output may be the margin (our own writer) or the probability (converters): compare both.
        let asMargin = 0;
        let asOutput = 0;
        for (let r = 0; r < data.rowCount; r++) {
          const theirs = out?.[r * chosen.width + chosen.column] ?? Number.NaN;
          asMargin = Math.max(asMargin, Math.abs(theirs - (predictions[r] ?? 0)));
          asOutput = Math.max(asOutput, Math.abs(theirs - outputOfMargin(ensemble, predictions[r] ?? 0)));
        }
        runtimeGap = Math.min(asMargin, asOutput);
      }
    } finally {
      await scorer.dispose();
    }
  }
  const result = { base: explainer.base, values, predictions };
  return {
    ok: true,
    explanation: {
      method: 'tree-interventional',
      outputSpace: margin ? 'margin' : 'output',
      explained: `${margin ? 'margin (log-odds) of' : 'output of'} ${read.operator}${read.operator === 'TreeEnsembleClassifier' ? ' (positive class)' : ''}`,
      features: data.columns,
      ...result,
      localAccuracy: checkLocalAccuracy(result, data.rowCount, m),
      ...(runtimeGap === undefined ? {} : { runtimeGap }),
    },
  };
}

/** `data` and `background` must hold the model's input features in order (see selectColumns). */
export async function explainModel(
  model: OnnxModel,
  modelBytes: Uint8Array,
  data: FeatureMatrix,
  background: FeatureMatrix,
  options: ExplainOptions = {},
): Promise<ExplainResult> {
  const m = data.columns.length;
  if (background.rowCount === 0) return { ok: false, error: 'the background set is empty' };
  try {
    const trees = await explainTrees(model, modelBytes, data, background, options);
    if (trees) return trees;
    const scorer = await createOnnxScorer(modelBytes);
    try {
      if (scorer.featureCount !== m)
        return { ok: false, error: `the model takes ${scorer.featureCount} features, the data has ${m}` };
      const chosen = await chooseOutput(
        scorer,
        data.values.subarray(0, m).length === m ? data.values.subarray(0, m) : new Float32Array(m),
      );
      if (typeof chosen === 'string') return { ok: false, error: chosen };
      const predict = async (rows: Float32Array, n: number): Promise<Float64Array> => {
        const out = (await scorer.run(rows, n))[chosen.name];
        return Float64Array.from({ length: n }, (_, i) => out?.[i * chosen.width + chosen.column] ?? Number.NaN);
      };
      const maxFeatures = options.maxExactFeatures ?? 14;
      const evaluations = 2 ** m * background.rowCount * data.rowCount;
      const exact = m <= maxFeatures && evaluations <= (options.maxExactEvaluations ?? 5e7);
      const result = exact
        ? await exactShap(predict, m, data.values, data.rowCount, background.values, background.rowCount, options)
        : await kernelShap(predict, m, data.values, data.rowCount, background.values, background.rowCount, {
            ...options,
            ...(options.kernelSamples ? { samples: options.kernelSamples } : {}),
          });
      return {
        ok: true,
        explanation: {
          method: exact ? 'exact' : 'kernel',
          outputSpace: 'output',
          explained: chosen.width > 1 ? `${chosen.name}[:, ${chosen.column}]` : chosen.name,
          features: data.columns,
          ...result,
          localAccuracy: checkLocalAccuracy(result, data.rowCount, m),
        },
      };
    } finally {
      await scorer.dispose();
    }
  } catch (error) {
    // onnxruntime's messages can run over several lines; the first says what failed.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n')[0] ?? message };
  }
}
