// The model's score for every row of a data set, as a fairness check needs it: what the model itself outputs, run in
// onnxruntime, so a Sigmoid or a classifier's post transform after the trees is applied exactly as in production. Which
// output is the score: onnx/scoredOutput.ts (shared with the SHAP explanations).
import type { FeatureMatrix } from '../data/featureMatrix';
import { createOnnxScorer } from '../onnx/onnxSession';
import { chooseScoredOutput } from '../onnx/scoredOutput';

export async function modelScores(bytes: Uint8Array, data: FeatureMatrix): Promise<Float64Array> {
  const scorer = await createOnnxScorer(bytes);
  try {
    const out = await scorer.run(data.values, data.rowCount);
    const chosen = chooseScoredOutput(scorer.outputNames, out, data.rowCount, 'score');
    if (typeof chosen === 'string') throw new Error(chosen);
    const values = out[chosen.name];
    return Float64Array.from(
      { length: data.rowCount },
      (_, r) => values?.[r * chosen.width + chosen.column] ?? Number.NaN,
    );
  } finally {
    await scorer.dispose();
  }
}
