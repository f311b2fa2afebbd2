// How the explained margins of a model become its outputs: the identity, the logistic function per output, or softmax
// over the classes; and which class a row's outputs favour.
import type { OutputLink } from '../onnx/treeOperatorOutputs';

export function linkedOutputs(margins: ArrayLike<number>, link: OutputLink): Float64Array {
  const out = Float64Array.from(margins);
  if (link === 'logistic') for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-(out[i] ?? 0)));
  if (link === 'softmax') {
    const max = Math.max(...out);
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += out[i] = Math.exp((out[i] ?? 0) - max);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  }
  return out;
}

/** Per row of `width` values, the index of the largest (the first of equal ones). */
export function argmaxPerRow(values: ArrayLike<number>, rows: number, width: number): Int32Array {
  const best = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let top = 0;
    for (let c = 1; c < width; c++) if ((values[r * width + c] ?? 0) > (values[r * width + top] ?? 0)) top = c;
    best[r] = top;
  }
  return best;
}
