// Scoring ONNX models with onnxruntime-node. The runtime is native and heavy (tens of ms to load), so it is required on
// first use only, keeping editor activation and CLI start-up fast. Models ending in ZipMap (skl2onnx/onnxmltools'
// default for classifiers) fail in onnxruntime-node ("Non tensor type is temporarily not supported"): the graph is
// rewritten to drop ZipMap and expose the probability tensor it wraps, under the tensor's own name.
import type * as Ort from 'onnxruntime-node';
import {
  decodeOnnxBytes,
  encodeOnnxModel,
  feedInputs,
  type OnnxGraph,
  type OnnxModel,
  type OnnxValueInfo,
} from './onnxModel';
import { OnnxDataType } from './onnxProto';

export interface OnnxScorer {
  readonly inputName: string;
  readonly featureCount: number;
  /** Output names in graph order (after any ZipMap was dropped). */
  readonly outputNames: readonly string[];
  /** Scores `rowCount` rows laid out row-major in `rows` (rowCount × featureCount). Non-float outputs (int64 labels)
   * are converted to float; string outputs are left out. */
  run(rows: Float32Array, rowCount: number): Promise<{ [outputName: string]: Float32Array }>;
  dispose(): Promise<void>;
}

let ort: typeof Ort | undefined;

function onnxruntime(): typeof Ort {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by design (see header)
  ort ??= require('onnxruntime-node') as typeof Ort;
  return ort;
}

/** The graph with every ZipMap node removed and its output replaced by the probability tensor ZipMap read. */
export function withoutZipMap(graph: OnnxGraph): OnnxGraph {
  const zipMaps = graph.node.filter((n) => n.op_type === 'ZipMap');
  if (zipMaps.length === 0) return graph;
  const replaced = new Map(zipMaps.map((n) => [n.output[0] ?? '', n.input[0] ?? '']));
  const output: OnnxValueInfo[] = [];
  for (const out of graph.output) {
    const source = replaced.get(out.name ?? '');
    const name = source ?? out.name;
    if (output.some((o) => o.name === name)) continue;
    output.push(
      source === undefined ? out : { name: source, type: { tensor_type: { elem_type: OnnxDataType.FLOAT } } },
    );
  }
  return { ...graph, node: graph.node.filter((n) => n.op_type !== 'ZipMap'), output };
}

function featureCountOf(model: OnnxModel): { name: string; count: number } {
  const inputs = model.graph ? feedInputs(model.graph) : [];
  const input = inputs[0];
  if (inputs.length !== 1 || input === undefined) {
    throw new Error(
      `the model has ${inputs.length} inputs; Preflight scores models with one float input of shape [N, features]`,
    );
  }
  const tensor = input.type?.tensor_type;
  const dims = tensor?.shape?.dim ?? [];
  const count = dims[1]?.dim_value;
  if (tensor?.elem_type !== OnnxDataType.FLOAT || dims.length !== 2 || count === undefined || count <= 0) {
    throw new Error(
      `input '${input.name ?? ''}' must be a float tensor of shape [N, features] with a fixed feature count`,
    );
  }
  return { name: input.name ?? '', count };
}

function asFloat32(data: unknown): Float32Array | undefined {
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, (v) => Number(v));
  if (ArrayBuffer.isView(data) && !(data instanceof DataView))
    return Float32Array.from(data as unknown as ArrayLike<number>);
  return undefined;
}

/** Opens a session for the model bytes. Rejects with a one-line reason for models it cannot score. */
export async function createOnnxScorer(bytes: Uint8Array): Promise<OnnxScorer> {
  let model: OnnxModel;
  try {
    model = decodeOnnxBytes(bytes);
  } catch (error) {
    throw new Error(`not an ONNX model (${error instanceof Error ? error.message : String(error)})`);
  }
  const input = featureCountOf(model);
  const graph = model.graph;
  const runnable =
    graph && graph.node.some((n) => n.op_type === 'ZipMap')
      ? encodeOnnxModel({ ...model, graph: withoutZipMap(graph) })
      : bytes;
  const runtime = onnxruntime();
  const session = await runtime.InferenceSession.create(runnable, { graphOptimizationLevel: 'all' });
  return {
    inputName: input.name,
    featureCount: input.count,
    outputNames: session.outputNames,
    async run(rows, rowCount) {
      if (rows.length < rowCount * input.count)
        throw new Error(`expected ${rowCount * input.count} values for ${rowCount} rows, got ${rows.length}`);
      const data = rows.length === rowCount * input.count ? rows : rows.subarray(0, rowCount * input.count);
      const feeds = { [input.name]: new runtime.Tensor('float32', data, [rowCount, input.count]) };
      const results = await session.run(feeds);
      const out: { [outputName: string]: Float32Array } = {};
      for (const name of session.outputNames) {
        const values = asFloat32(results[name]?.data);
        if (values) out[name] = values;
      }
      return out;
    },
    dispose: () => session.release(),
  };
}
