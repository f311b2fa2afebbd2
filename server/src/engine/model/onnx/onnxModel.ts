// Plain-object shapes of the decoded ONNX messages (protobufjs `toObject` with int64 as numbers, bytes as Uint8Array and
// repeated fields always present), and the encode/decode pair over them. Optional fields are absent when unset, as
// protobuf leaves them.
import { onnxModelType } from './onnxProto';

export interface OnnxOperatorSet {
  readonly domain?: string;
  readonly version?: number;
}

export interface OnnxTensor {
  readonly dims: readonly number[];
  readonly data_type?: number;
  readonly float_data: readonly number[];
  readonly int32_data: readonly number[];
  readonly int64_data: readonly number[];
  readonly double_data: readonly number[];
  readonly string_data: readonly Uint8Array[];
  readonly raw_data?: Uint8Array;
  readonly name?: string;
}

export interface OnnxAttribute {
  readonly name?: string;
  readonly type?: number;
  readonly f?: number;
  readonly i?: number;
  readonly s?: Uint8Array;
  readonly t?: OnnxTensor;
  readonly floats: readonly number[];
  readonly ints: readonly number[];
  readonly strings: readonly Uint8Array[];
}

export interface OnnxNode {
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly name?: string;
  readonly op_type?: string;
  readonly domain?: string;
  readonly attribute: readonly OnnxAttribute[];
}

export interface OnnxDimension {
  readonly dim_value?: number;
  readonly dim_param?: string;
}

export interface OnnxType {
  readonly tensor_type?: { readonly elem_type?: number; readonly shape?: { readonly dim: readonly OnnxDimension[] } };
  readonly sequence_type?: { readonly elem_type?: OnnxType };
  readonly map_type?: { readonly key_type?: number; readonly value_type?: OnnxType };
}

export interface OnnxValueInfo {
  readonly name?: string;
  readonly type?: OnnxType;
}

export interface OnnxGraph {
  readonly node: readonly OnnxNode[];
  readonly name?: string;
  readonly initializer: readonly OnnxTensor[];
  readonly input: readonly OnnxValueInfo[];
  readonly output: readonly OnnxValueInfo[];
  readonly value_info: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  readonly ir_version?: number;
  readonly opset_import: readonly OnnxOperatorSet[];
  readonly producer_name?: string;
  readonly producer_version?: string;
  readonly doc_string?: string;
  readonly graph?: OnnxGraph;
  readonly metadata_props: readonly { readonly key?: string; readonly value?: string }[];
}

/** Decodes protobuf bytes as a ModelProto; throws on bytes that are not protobuf (callers turn that into a message). */
export function decodeOnnxBytes(bytes: Uint8Array): OnnxModel {
  const type = onnxModelType();
  return type.toObject(type.decode(bytes), { longs: Number, arrays: true }) as OnnxModel;
}

/** Encodes a ModelProto given as a plain object (bytes fields must be Uint8Array: a JS string would be read as base64). */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const type = onnxModelType();
  return type.encode(type.fromObject(model)).finish();
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function bytesOf(text: string): Uint8Array {
  return utf8.encode(text);
}

export function textOf(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : fromUtf8.decode(bytes);
}

/** The named attribute of a node, if present. */
export function attributeOf(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute.find((a) => a.name === name);
}

/** The graph inputs that are fed at run time (older IR versions also list initializers as inputs). */
export function feedInputs(graph: OnnxGraph): readonly OnnxValueInfo[] {
  const initializers = new Set(graph.initializer.map((t) => t.name));
  return graph.input.filter((i) => !initializers.has(i.name));
}
