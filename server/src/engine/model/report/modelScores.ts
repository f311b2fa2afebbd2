// The model's score for every row of a data set, as a fairness check needs it: what the model itself outputs, run in
// onnxruntime, so a Sigmoid or a classifier's post transform after the trees is applied exactly as in production. Which
// output is the score: onnx/scoredOutput.ts (shared with the SHAP explanations); what it means: onnx/scoreSpace.ts.
import type { FeatureMatrix } from '../data/featureMatrix';
import { createOnnxScorer } from '../onnx/onnxSession';
import { chooseScoredOutput } from '../onnx/scoredOutput';

export interface ModelScores {
  /** The output read (after any ZipMap was dropped: the probability tensor it wrapped). */
  readonly output: string;
  readonly values: Float64Array;
}

/** Rejects with a one-line reason when the model cannot be scored or is not a binary classifier. */
export async function modelScores(bytes: Uint8Array, data: FeatureMatrix): Promise<ModelScores> {
  const scorer = await createOnnxScorer(bytes);
  try {
    const out = await scorer.run(data.values, data.rowCount);
    const chosen = chooseScoredOutput(scorer.outputNames, out, data.rowCount, 'score');
    if (typeof chosen === 'string') throw new Error(chosen);
    // Group fairness here is about one positive class: a score per class would be read as column 0 of many.
    if (chosen.width > 2)
      throw new Error(
        `output '${chosen.name}' has ${chosen.width} values per row (a multiclass model); the fairness gate checks binary classifiers`,
      );
    const values = out[chosen.name];
    return {
      output: chosen.name,
      values: Float64Array.from(
        { length: data.rowCount },
        (_, r) => values?.[r * chosen.width + chosen.column] ?? Number.NaN,
      ),
    };
  } finally {
    await scorer.dispose();
  }
}
