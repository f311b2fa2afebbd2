// The inputs of an ONNX model (name, element type, shape), read straight from its protobuf without a dependency:
// ModelProto.graph (7) -> GraphProto.input (11) -> ValueInfoProto {name (1), type (2)} -> TypeProto.tensor_type (1)
// -> {elem_type (1), shape (2) -> dim (1) -> {dim_value (1) | dim_param (2)}}. Older models also list their weights as
// inputs; GraphProto.initializer (5) -> TensorProto.name (8) tells those apart. The file is read piecewise, skipping
// the weights, so a large model costs a few small reads. Any surprise in the bytes means "unknown", never an error.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

export interface OnnxInput {
  readonly name: string;
  /** TensorProto.DataType; undefined for non-tensor inputs (sequences, maps). */
  readonly elemType: number | undefined;
  /** Dimensions: a number when fixed, a string for a named (symbolic) one, undefined when unknown. Undefined shape: unknown rank. */
  readonly shape: readonly (number | string | undefined)[] | undefined;
}

/** TensorProto.DataType -> the numpy dtype MLflow writes in a tensor signature. */
export const ONNX_ELEMENT_TYPES: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'str',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
};

class Malformed extends Error {}

/** Positional reads over a file, with a small buffer so varints and short fields do not cost a system call each. */
class FileBytes {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  bytes(pos: number, length: number): Buffer {
    if (pos < 0 || length < 0 || pos + length > this.size) throw new Malformed('out of range');
    if (pos >= this.bufferStart && pos + length <= this.bufferStart + this.buffer.length) {
      return this.buffer.subarray(pos - this.bufferStart, pos - this.bufferStart + length);
    }
    const chunk = Buffer.alloc(Math.min(Math.max(length, 64 * 1024), this.size - pos));
    const read = readSync(this.fd, chunk, 0, chunk.length, pos);
    this.buffer = chunk.subarray(0, read);
    this.bufferStart = pos;
    if (read < length) throw new Malformed('short read');
    return this.buffer.subarray(0, length);
  }

  byte(pos: number): number {
    return this.bytes(pos, 1)[0] ?? 0;
  }
}

interface Field {
  readonly number: number;
  readonly wire: number;
  /** For varints, the value; for length-delimited fields, the payload's start and end. */
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

function varint(src: FileBytes, pos: number): [value: number, next: number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = src.byte(pos + i);
    result += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [result, pos + i + 1];
  }
  throw new Malformed('varint too long');
}

/** The fields of a message occupying [start, end), payloads skipped rather than read. */
function* fields(src: FileBytes, start: number, end: number): Generator<Field> {
  let pos = start;
  while (pos < end) {
    const [key, afterKey] = varint(src, pos);
    const number = Math.floor(key / 8);
    const wire = key % 8;
    switch (wire) {
      case 0: {
        const [value, next] = varint(src, afterKey);
        yield { number, wire, value, start: afterKey, end: next };
        pos = next;
        break;
      }
      case 1:
        pos = afterKey + 8;
        break;
      case 2: {
        const [length, payload] = varint(src, afterKey);
        yield { number, wire, value: length, start: payload, end: payload + length };
        pos = payload + length;
        break;
      }
      case 5:
        pos = afterKey + 4;
        break;
      default:
        throw new Malformed(`wire type ${wire}`);
    }
    if (pos > end) throw new Malformed('field past the end of its message');
  }
}

function text(src: FileBytes, f: Field): string {
  return src.bytes(f.start, f.end - f.start).toString('utf8');
}

function readShape(src: FileBytes, shape: Field): (number | string | undefined)[] {
  const dims: (number | string | undefined)[] = [];
  for (const dim of fields(src, shape.start, shape.end)) {
    if (dim.number !== 1 || dim.wire !== 2) continue;
    let value: number | string | undefined;
    for (const d of fields(src, dim.start, dim.end)) {
      if (d.number === 1 && d.wire === 0) value = d.value;
      else if (d.number === 2 && d.wire === 2) value = text(src, d);
    }
    dims.push(value);
  }
  return dims;
}

function readInput(src: FileBytes, info: Field): OnnxInput {
  let name = '';
  let elemType: number | undefined;
  let shape: (number | string | undefined)[] | undefined;
  for (const f of fields(src, info.start, info.end)) {
    if (f.number === 1 && f.wire === 2) name = text(src, f);
    if (f.number !== 2 || f.wire !== 2) continue;
    for (const t of fields(src, f.start, f.end)) {
      if (t.number !== 1 || t.wire !== 2) continue; // only tensor_type
      for (const tt of fields(src, t.start, t.end)) {
        if (tt.number === 1 && tt.wire === 0) elemType = tt.value;
        else if (tt.number === 2 && tt.wire === 2) shape = readShape(src, tt);
      }
    }
  }
  return { name, elemType, shape };
}

function readGraphInputs(src: FileBytes, graph: Field): OnnxInput[] {
  const inputs: OnnxInput[] = [];
  const initializers = new Set<string>();
  for (const f of fields(src, graph.start, graph.end)) {
    if (f.number === 11 && f.wire === 2) inputs.push(readInput(src, f));
    else if (f.number === 5 && f.wire === 2) {
      for (const t of fields(src, f.start, f.end)) if (t.number === 8 && t.wire === 2) initializers.add(text(src, t));
    }
  }
  return inputs.filter((i) => !initializers.has(i.name));
}

const cache = new Map<string, { mtimeMs: number; size: number; value: OnnxInput[] | undefined }>();

/** The model's inputs; undefined when the file is missing or is not an ONNX model we can read (e.g. a Git LFS pointer). */
export function readOnnxInputs(file: string): OnnxInput[] | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hit = cache.get(file);
  if (hit?.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
  let value: OnnxInput[] | undefined;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const src = new FileBytes(fd, fstatSync(fd).size);
    for (const f of fields(src, 0, src.size)) {
      if (f.number === 7 && f.wire === 2) value = readGraphInputs(src, f);
    }
  } catch {
    value = undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}
