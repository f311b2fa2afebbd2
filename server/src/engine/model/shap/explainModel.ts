// Explains an ONNX model's predictions on a data set against a background set, choosing the method the model allows:
//  - a tree ensemble (TreeEnsembleRegressor/Classifier) whose scores are the model's output: exact interventional
//    TreeSHAP per output (explainTrees.ts), in margin space when a logistic or softmax link follows;
//  - any other model: exact enumeration of coalitions when 2^M × background × rows model calls fit the budget, else
//    KernelSHAP with its sampling standard error; both in the model's score output (onnx/scoredOutput.ts: the
//    probability-named output, else the first float one), every class of it for a multiclass classifier.
// Local accuracy (base + sum of values = onnxruntime's value for the row) is checked for every row and reported.
import type { FeatureMatrix } from '../data/featureMatrix';
import { attributeOf, textOf, type OnnxModel } from '../onnx/onnxModel';
import { createOnnxScorer } from '../onnx/onnxSession';
import { chooseScoredOutput } from '../onnx/scoredOutput';
import { exactShap } from './exactShap';
import { explainTrees } from './explainTrees';
import { kernelShap } from './kernelShap';
import { LocalAccuracyCheck } from './localAccuracy';
import type { ExplainedOutput, ModelExplanation } from './modelExplanation';
import type { ModelShapResult, ShapRunOptions } from './modelShapTypes';
import { argmaxPerRow } from './outputLink';

export type { ExplainedOutput, ModelExplanation, ShapMethod } from './modelExplanation';

export interface ExplainOptions extends ShapRunOptions {
  /** Exact enumeration only up to this many features (default 14). */
  readonly maxExactFeatures?: number;
  /** Exact enumeration only while 2^M × background rows × rows stays under this many model evaluations (default 5e7). */
  readonly maxExactEvaluations?: number;
  readonly kernelSamples?: number;
}

export type ExplainResult =
  { readonly ok: true; readonly explanation: ModelExplanation } | { readonly ok: false; readonly error: string };

/** The class labels a classifier in the graph (or its ZipMap) declares for `width` columns, if any. */
function classLabels(model: OnnxModel, width: number): readonly string[] | undefined {
  for (const node of model.graph?.node ?? []) {
    const strings = (attributeOf(node, 'classlabels_strings')?.strings ?? []).map(textOf);
    const labels = strings.length > 0 ? strings : (attributeOf(node, 'classlabels_int64s')?.ints ?? []).map(String);
    if (labels.length === width) return labels;
  }
  return undefined;
}

async function explainThroughRuntime(
  model: OnnxModel,
  modelBytes: Uint8Array,
  data: FeatureMatrix,
  background: FeatureMatrix,
  options: ExplainOptions,
): Promise<ExplainResult> {
  const m = data.columns.length;
  const scorer = await createOnnxScorer(modelBytes);
  try {
    if (scorer.featureCount !== m)
      return { ok: false, error: `the model takes ${scorer.featureCount} features, the data has ${m}` };
    const probe = data.values.subarray(0, m).length === m ? data.values.subarray(0, m) : new Float32Array(m);
    const chosen = chooseScoredOutput(scorer.outputNames, await scorer.run(probe, 1), 1, 'explain');
    if (typeof chosen === 'string') return { ok: false, error: chosen };
    // A classifier with more than two classes is explained for every class; otherwise one column (onnx/scoredOutput.ts).
    const columns = chosen.width > 2 ? Array.from({ length: chosen.width }, (_, c) => c) : [chosen.column];
    const labels = classLabels(model, chosen.width);
    const predict = async (rows: Float32Array, n: number): Promise<Float64Array> => {
      const out = (await scorer.run(rows, n))[chosen.name];
      const k = columns.length;
      const values = new Float64Array(n * k);
      for (let i = 0; i < n; i++)
        for (const [o, c] of columns.entries()) values[i * k + o] = out?.[i * chosen.width + c] ?? Number.NaN;
      return values;
    };
    const explained = { outputCount: columns.length, predict };
    const maxFeatures = options.maxExactFeatures ?? 14;
    const evaluations = 2 ** m * background.rowCount * data.rowCount;
    const exact = m <= maxFeatures && evaluations <= (options.maxExactEvaluations ?? 5e7);
    const result: ModelShapResult = exact
      ? await exactShap(explained, m, data.values, data.rowCount, background.values, background.rowCount, options)
      : await kernelShap(explained, m, data.values, data.rowCount, background.values, background.rowCount, {
          ...options,
          ...(options.kernelSamples ? { samples: options.kernelSamples } : {}),
        });
    const name = (c: number): string => (chosen.width > 1 ? `${chosen.name}[:, ${c}]` : chosen.name);
    const outputs: ExplainedOutput[] = result.outputs.map((output, o) => {
      const c = columns[o] ?? 0;
      return { ...output, label: labels?.[c] ?? name(c) };
    });
    // The predictions are onnxruntime's own values for each row (the coalition of every feature), so the check of
    // base + sum against them is a check against onnxruntime.
    const check = new LocalAccuracyCheck();
    const multi = outputs.length > 1;
    for (let r = 0; r < data.rowCount; r++) {
      for (const [o, output] of outputs.entries()) {
        let sum = output.base;
        for (let f = 0; f < m; f++) sum += output.values[r * m + f] ?? 0;
        const sides = { fromShap: 'base + sum of SHAP values', runtimeValue: name(columns[o] ?? 0) };
        check.compare(r, multi ? output.label : undefined, sides, sum, output.predictions[r] ?? Number.NaN);
      }
    }
    const predictedClass = multi
      ? argmaxPerRow(
          Float64Array.from({ length: data.rowCount * outputs.length }, (_, i) => {
            const k = outputs.length;
            return outputs[i % k]?.predictions[Math.floor(i / k)] ?? Number.NaN;
          }),
          data.rowCount,
          outputs.length,
        )
      : undefined;
    return {
      ok: true,
      explanation: {
        method: exact ? 'exact' : 'kernel',
        outputSpace: 'output',
        link: 'identity',
        explained: multi ? chosen.name : name(chosen.column),
        features: data.columns,
        outputs,
        ...(predictedClass ? { predictedClass } : {}),
        localAccuracy: check.result(),
      },
    };
  } finally {
    await scorer.dispose();
  }
}

/** `data` and `background` must hold the model's input features in order (see selectColumns). */
export async function explainModel(
  model: OnnxModel,
  modelBytes: Uint8Array,
  data: FeatureMatrix,
  background: FeatureMatrix,
  options: ExplainOptions = {},
): Promise<ExplainResult> {
  if (background.rowCount === 0) return { ok: false, error: 'the background set is empty' };
  try {
    const trees = await explainTrees(model, modelBytes, data, background, options);
    if (trees.kind === 'explained') return { ok: true, explanation: trees.explanation };
    const result = await explainThroughRuntime(model, modelBytes, data, background, options);
    return result.ok && trees.kind === 'skipped'
      ? { ok: true, explanation: { ...result.explanation, treesNotRead: trees.reason } }
      : result;
  } catch (error) {
    // onnxruntime's messages can run over several lines; the first says what failed.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n')[0] ?? message };
  }
}
