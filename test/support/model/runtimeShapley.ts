// The reference for explanations of ONNX models, independent of Preflight's reading of them: exact interventional
// Shapley values by enumerating every coalition, where a coalition's value is the mean over the background rows of
// onnxruntime's own output for the hybrid row (the explained row's values on the coalition, the background row's
// elsewhere). onnxruntime-node is called directly, not through Preflight's scorer.
import * as ort from 'onnxruntime-node';
import { shapleyByEnumeration } from './bruteForceShapley';

export interface RuntimeReference {
  /** Per output column: the base value (the empty coalition's value). */
  readonly base: number[];
  /** [row][column][feature]. */
  readonly shap: number[][][];
  /** [row][column]: onnxruntime's value for the row itself. */
  readonly value: number[][];
}

/** Every output column of `output` ([N, width] floats) scored by onnxruntime for `rows`. */
export async function runtimeScores(
  bytes: Uint8Array,
  output: string,
  rows: readonly (readonly number[])[],
): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const m = rows[0]?.length ?? 0;
    const input = session.inputNames[0] ?? 'x';
    const result = await session.run({
      [input]: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, m]),
    });
    const data = result[output]?.data as Float32Array | undefined;
    if (!data) throw new Error(`no output ${output}`);
    const width = data.length / rows.length;
    return rows.map((_, r) => Array.from(data.subarray(r * width, (r + 1) * width)));
  } finally {
    await session.release();
  }
}

export async function runtimeShapley(
  bytes: Uint8Array,
  output: string,
  rows: readonly (readonly number[])[],
  background: readonly (readonly number[])[],
): Promise<RuntimeReference> {
  const m = rows[0]?.length ?? 0;
  const hybrids: number[][] = [];
  for (const row of rows)
    for (let s = 0; s < 1 << m; s++)
      for (const z of background) hybrids.push(row.map((v, f) => (s & (1 << f) ? v : (z[f] ?? 0))));
  const scores = await runtimeScores(bytes, output, hybrids);
  const width = scores[0]?.length ?? 0;
  const perRow = (1 << m) * background.length;
  const base: number[] = [];
  const shap = rows.map((_, r) =>
    Array.from({ length: width }, (_, c) => {
      const { base: b, values } = shapleyByEnumeration(m, (s) => {
        let sum = 0;
        for (let z = 0; z < background.length; z++) sum += scores[r * perRow + s * background.length + z]?.[c] ?? NaN;
        return sum / background.length;
      });
      base[c] = b;
      return Array.from(values);
    }),
  );
  const value = await runtimeScores(bytes, output, rows);
  return { base, shap, value };
}
