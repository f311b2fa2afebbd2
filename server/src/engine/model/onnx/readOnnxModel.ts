// Reading ONNX bytes into a summary a person can check against what they meant to ship: IR version, opsets, producer,
// inputs and outputs with element types and shapes, operator counts, initializer sizes and metadata. Bytes that are not
// an ONNX model come back as a one-line reason, never an exception.
import { decodeOnnxBytes, feedInputs, type OnnxModel, type OnnxTensor, type OnnxType } from './onnxModel';

export interface OnnxValueSummary {
  readonly name: string;
  /** 'float', 'int64', ..., or 'map(int64, float)' / 'seq(map(int64, float))' for non-tensor values (ZipMap). */
  readonly type: string;
  /** Dimensions: numbers when fixed, names (e.g. 'N') when symbolic, '?' when unknown; undefined for non-tensors. */
  readonly shape: readonly (number | string)[] | undefined;
}

export interface OnnxModelSummary {
  readonly byteLength: number;
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producer: string;
  readonly inputs: readonly OnnxValueSummary[];
  readonly outputs: readonly OnnxValueSummary[];
  /** Operator counts, most used first; custom domains are shown as `domain:op`. */
  readonly operators: readonly { readonly op: string; readonly count: number }[];
  readonly initializers: { readonly count: number; readonly elements: number; readonly bytes: number };
  readonly metadata: Readonly<Record<string, string>>;
}

export type ReadOnnxResult =
  | { readonly ok: true; readonly model: OnnxModel; readonly summary: OnnxModelSummary }
  | { readonly ok: false; readonly error: string };

const ELEMENT_TYPES: Record<number, { name: string; bytes: number }> = {
  1: { name: 'float', bytes: 4 },
  2: { name: 'uint8', bytes: 1 },
  3: { name: 'int8', bytes: 1 },
  4: { name: 'uint16', bytes: 2 },
  5: { name: 'int16', bytes: 2 },
  6: { name: 'int32', bytes: 4 },
  7: { name: 'int64', bytes: 8 },
  8: { name: 'string', bytes: 0 },
  9: { name: 'bool', bytes: 1 },
  10: { name: 'float16', bytes: 2 },
  11: { name: 'double', bytes: 8 },
  12: { name: 'uint32', bytes: 4 },
  13: { name: 'uint64', bytes: 8 },
  16: { name: 'bfloat16', bytes: 2 },
};

function elementName(elemType: number | undefined): string {
  return ELEMENT_TYPES[elemType ?? 0]?.name ?? `type ${elemType ?? '?'}`;
}

export function describeType(type: OnnxType | undefined): string {
  if (type?.tensor_type) return elementName(type.tensor_type.elem_type);
  if (type?.sequence_type) return `seq(${describeType(type.sequence_type.elem_type)})`;
  if (type?.map_type) return `map(${elementName(type.map_type.key_type)}, ${describeType(type.map_type.value_type)})`;
  return 'unknown';
}

function shapeOf(type: OnnxType | undefined): (number | string)[] | undefined {
  const dims = type?.tensor_type?.shape?.dim;
  return dims?.map((d) => d.dim_value ?? d.dim_param ?? '?');
}

function tensorSize(tensor: OnnxTensor): { elements: number; bytes: number } {
  const elements = tensor.dims.reduce((n, d) => n * d, 1);
  const raw = tensor.raw_data?.length ?? 0;
  return { elements, bytes: raw > 0 ? raw : elements * (ELEMENT_TYPES[tensor.data_type ?? 0]?.bytes ?? 0) };
}

export function summarizeOnnxModel(model: OnnxModel, byteLength: number): OnnxModelSummary {
  const graph = model.graph;
  const counts = new Map<string, number>();
  for (const node of graph?.node ?? []) {
    const op =
      node.domain && node.domain !== 'ai.onnx' ? `${node.domain}:${node.op_type ?? '?'}` : (node.op_type ?? '?');
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  const sizes = (graph?.initializer ?? []).map(tensorSize);
  return {
    byteLength,
    irVersion: model.ir_version ?? 0,
    opsets: model.opset_import.map((o) => ({ domain: o.domain ?? '', version: o.version ?? 0 })),
    producer: [model.producer_name, model.producer_version].filter(Boolean).join(' '),
    inputs: (graph ? feedInputs(graph) : []).map((v) => ({
      name: v.name ?? '',
      type: describeType(v.type),
      shape: shapeOf(v.type),
    })),
    outputs: (graph?.output ?? []).map((v) => ({
      name: v.name ?? '',
      type: describeType(v.type),
      shape: shapeOf(v.type),
    })),
    operators: [...counts]
      .map(([op, count]) => ({ op, count }))
      .sort((a, b) => b.count - a.count || a.op.localeCompare(b.op)),
    initializers: {
      count: sizes.length,
      elements: sizes.reduce((n, s) => n + s.elements, 0),
      bytes: sizes.reduce((n, s) => n + s.bytes, 0),
    },
    metadata: Object.fromEntries(model.metadata_props.map((p) => [p.key ?? '', p.value ?? ''])),
  };
}

/** Decodes and summarises ONNX bytes; `label` (a file name) starts any error message. */
export function readOnnxModel(bytes: Uint8Array, label = 'model'): ReadOnnxResult {
  let model: OnnxModel;
  try {
    model = decodeOnnxBytes(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `${label}: not an ONNX model (the protobuf does not decode: ${reason})` };
  }
  // Protobuf decodes many byte strings without complaint; an ONNX model has an IR version, opsets and a graph with nodes.
  if (!model.ir_version || model.opset_import.length === 0 || !model.graph || model.graph.node.length === 0) {
    return {
      ok: false,
      error: `${label}: not an ONNX model (no IR version, opset imports or graph nodes); export the model with an ONNX converter such as skl2onnx, onnxmltools or torch.onnx`,
    };
  }
  return { ok: true, model, summary: summarizeOnnxModel(model, bytes.length) };
}
