// The model's score for every row of a data set, as a fairness check needs it: what the model itself outputs, run in
// onnxruntime, so a Sigmoid or a classifier's post transform after the trees is applied exactly as in production. The
// output is the one named like a probability, else the first float output that is not a label; of a two-column
// output, the positive class.
import type { FeatureMatrix } from '../data/featureMatrix';
import { createOnnxScorer } from '../onnx/onnxSession';

export async function modelScores(bytes: Uint8Array, data: FeatureMatrix): Promise<Float64Array> {
  const scorer = await createOnnxScorer(bytes);
  try {
    const out = await scorer.run(data.values, data.rowCount);
    const floats = scorer.outputNames.filter((n) => out[n] !== undefined && !/label/i.test(n));
    const name = floats.find((n) => /prob/i.test(n)) ?? floats[0];
    const values = name === undefined ? undefined : out[name];
    if (!values) throw new Error(`the model has no float output to score (outputs: ${scorer.outputNames.join(', ')})`);
    const width = Math.max(1, Math.round(values.length / Math.max(1, data.rowCount)));
    const column = width === 2 ? 1 : 0;
    return Float64Array.from({ length: data.rowCount }, (_, r) => values[r * width + column] ?? Number.NaN);
  } finally {
    await scorer.dispose();
  }
}
