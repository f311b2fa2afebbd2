// Exact interventional TreeSHAP for a model whose output is a tree operator's, one explanation per output (the target,
// a binary classifier's positive class, or each class of a multiclass one), in margin space when a logistic or softmax
// link follows. Every row is then checked against onnxruntime twice: the SHAP values must add up to the operator's raw
// score as onnxruntime computes it (the operator alone with post_transform NONE), and, through the link, to the model's
// own output. A model this module does not read (other operators around the trees, a configuration onnxruntime does
// not score additively) is left to the model-agnostic explainers, with the reason.
import type { FeatureMatrix } from '../data/featureMatrix';
import type { OnnxModel } from '../onnx/onnxModel';
import { createOnnxScorer } from '../onnx/onnxSession';
import { treeEnsembleFromOnnx, type TreeOperatorReading } from '../onnx/treeEnsembleFromOnnx';
import { rawScoreModel, treeOperatorGraph } from '../onnx/treeOperatorGraph';
import type { OutputLink } from '../onnx/treeOperatorOutputs';
import { InterventionalTreeShap } from './interventionalTreeShap';
import { LocalAccuracyCheck } from './localAccuracy';
import type { ExplainedOutput, ModelExplanation } from './modelExplanation';
import { throwIfCancelled, type ShapRunOptions } from './modelShapTypes';
import { argmaxPerRow, linkedOutputs } from './outputLink';

export type TreeExplanationResult =
  | { readonly kind: 'explained'; readonly explanation: ModelExplanation }
  | { readonly kind: 'not-trees' }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Rows run through onnxruntime in one call. */
const RUNTIME_BATCH_ROWS = 8192;

/** Runs `rows` through the model in batches: `width` values per row of output `name`, row-major. */
async function runtimeValues(
  bytes: Uint8Array,
  data: FeatureMatrix,
  output: string,
): Promise<{ values: Float32Array; width: number; name: string }> {
  const scorer = await createOnnxScorer(bytes);
  try {
    const m = data.columns.length;
    let values = new Float32Array(0);
    let width = 0;
    for (let first = 0; first < data.rowCount; first += RUNTIME_BATCH_ROWS) {
      const count = Math.min(RUNTIME_BATCH_ROWS, data.rowCount - first);
      const out = (await scorer.run(data.values.subarray(first * m, (first + count) * m), count))[output];
      if (!out) throw new Error(`onnxruntime gave no output '${output}'`);
      if (first === 0) {
        width = Math.max(1, Math.round(out.length / count));
        values = new Float32Array(data.rowCount * width);
      }
      values.set(out.subarray(0, count * width), first * width);
    }
    return { values, width, name: output };
  } finally {
    await scorer.dispose();
  }
}

function explainedText(reading: TreeOperatorReading): string {
  const what: Record<OutputLink, string> = {
    logistic: 'margin (log-odds) of',
    softmax: 'class scores (before softmax) of',
    identity: 'output of',
  };
  const binary = reading.operator === 'TreeEnsembleClassifier' && reading.outputs.length === 1;
  return `${what[reading.link]} ${reading.operator}${binary ? ' (positive class)' : ''}`;
}

export async function explainTrees(
  model: OnnxModel,
  modelBytes: Uint8Array,
  data: FeatureMatrix,
  background: FeatureMatrix,
  options: ShapRunOptions,
): Promise<TreeExplanationResult> {
  const reading = treeEnsembleFromOnnx(model, data.columns);
  if (!reading.ok)
    return reading.error.endsWith('found 0') ? { kind: 'not-trees' } : { kind: 'skipped', reason: reading.error };
  const graph = treeOperatorGraph(model, reading.node);
  if (typeof graph === 'string') return { kind: 'skipped', reason: graph };
  const m = data.columns.length;
  const rows = data.rowCount;
  const total = rows * reading.outputs.length;
  const shap = reading.outputs.map((output, o) => {
    const explainer = new InterventionalTreeShap(output.ensemble, background.values, background.rowCount);
    const values = new Float64Array(rows * m);
    // In chunks, so a long run reports progress and can be cancelled between them.
    for (let first = 0; first < rows; first += 256) {
      throwIfCancelled(options.signal);
      options.onProgress?.(o * rows + first, total);
      const count = Math.min(256, rows - first);
      values.set(explainer.explainBatch(data.values.subarray(first * m, (first + count) * m), count), first * m);
    }
    return { label: output.label, base: explainer.base, values };
  });
  options.onProgress?.(total, total);
  throwIfCancelled(options.signal);

  // onnxruntime's margins: the operator alone, without its post transform.
  const raw = await runtimeValues(
    rawScoreModel(model, reading.node),
    data,
    reading.node.output[reading.operator === 'TreeEnsembleClassifier' ? 1 : 0] ?? '',
  );
  if (raw.width !== reading.rawScores.width)
    throw new Error(`onnxruntime scores ${raw.width} columns where the trees have ${reading.rawScores.width}`);
  const outputs: ExplainedOutput[] = shap.map((s, o) => {
    const column = reading.rawScores.columns[o] ?? { plus: 0 };
    const predictions = Float64Array.from({ length: rows }, (_, r) => {
      const plus = raw.values[r * raw.width + column.plus] ?? Number.NaN;
      return column.minus === undefined ? plus : plus - (raw.values[r * raw.width + column.minus] ?? Number.NaN);
    });
    return { ...s, predictions };
  });
  // The model's own output, which the margins must reach through the link.
  const final = await runtimeValues(modelBytes, data, graph.scoreOutput);
  const check = new LocalAccuracyCheck();
  const multi = outputs.length > 1;
  const sum = 'base + sum of SHAP values';
  const marginSides = {
    fromShap: sum,
    runtimeValue: `${reading.operator} ${reading.link === 'identity' ? 'output' : multi ? 'class score' : 'margin'}`,
  };
  const outputSide = { identity: sum, logistic: `logistic(${sum})`, softmax: `softmax over the classes of ${sum}` }[
    reading.link
  ];
  const margins = new Float64Array(outputs.length);
  for (let r = 0; r < rows; r++) {
    for (const [o, output] of outputs.entries()) {
      let sum = output.base;
      for (let f = 0; f < m; f++) sum += output.values[r * m + f] ?? 0;
      margins[o] = sum;
      check.compare(r, multi ? output.label : undefined, marginSides, sum, output.predictions[r] ?? Number.NaN);
    }
    const linked = linkedOutputs(margins, reading.link);
    for (const [o, output] of outputs.entries()) {
      const column = multi ? o : final.width === 2 ? 1 : 0;
      check.compare(
        r,
        multi ? output.label : undefined,
        { fromShap: outputSide, runtimeValue: `${final.name}${final.width > 1 ? `[:, ${column}]` : ''}` },
        linked[o] ?? Number.NaN,
        final.values[r * final.width + column] ?? Number.NaN,
      );
    }
  }
  return {
    kind: 'explained',
    explanation: {
      method: 'tree-interventional',
      outputSpace: reading.link === 'identity' ? 'output' : 'margin',
      link: reading.link,
      explained: explainedText(reading),
      features: data.columns,
      outputs,
      ...(multi ? { predictedClass: argmaxPerRow(final.values, rows, final.width) } : {}),
      localAccuracy: check.result(),
    },
  };
}
