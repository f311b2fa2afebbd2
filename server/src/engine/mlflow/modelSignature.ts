// An MLmodel signature part (`inputs`, `outputs`, `params`) is a JSON string that MLflow parses when it loads the model:
// a list of column specs (`{"type": "double", "name": "x"}`) or tensor specs (`{"type": "tensor", "tensor-spec":
// {"dtype": "float32", "shape": [-1, 4]}}`), never both. Problems are described, not located: the range is the string.
import { closestMatch } from '../text/didYouMean';

export const COLUMN_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'];
/** Composite column types of newer MLflow versions (2.10+), accepted as they are. */
const COMPOSITE_TYPES = ['array', 'object', 'map', 'any'];
/** numpy names people write for column types, and the MLflow type that means the same. */
const COLUMN_EQUIVALENTS: Readonly<Record<string, string>> = {
  float64: 'double',
  float32: 'float',
  int64: 'long',
  int32: 'integer',
  int: 'long',
  str: 'string',
  bool: 'boolean',
  bytes: 'binary',
};
const NUMPY_DTYPES = [
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'float128',
  'complex64',
  'complex128',
  'complex256',
  'str',
  'bytes',
  'object',
  'datetime64',
  'timedelta64',
];
/** numpy's type strings (`<U10`, `|S5`) and unit-qualified times (`datetime64[ns]`), also valid dtypes. */
const NUMPY_TYPESTR = /^(?:[<>|=]?[biufcmMOSUV]\d*|(?:datetime64|timedelta64)\[\w+\])$/;

export interface TensorSpec {
  readonly name: string | undefined;
  readonly dtype: string;
  readonly shape: readonly number[];
}

export type ParsedSignaturePart =
  | { readonly ok: true; readonly tensors: readonly TensorSpec[]; readonly problems: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function describe(i: number, spec: Record<string, unknown>): string {
  return typeof spec['name'] === 'string' ? `'${spec['name']}'` : `entry ${i + 1}`;
}

function tensorProblems(i: number, spec: Record<string, unknown>): { problems: string[]; tensor?: TensorSpec } {
  const t = record(spec['tensor-spec']);
  if (!t) return { problems: [`${describe(i, spec)} is a tensor without a "tensor-spec" object.`] };
  const problems: string[] = [];
  const dtype = t['dtype'];
  if (typeof dtype !== 'string' || !(NUMPY_DTYPES.includes(dtype) || NUMPY_TYPESTR.test(dtype))) {
    const suggestion = typeof dtype === 'string' ? closestMatch(dtype, NUMPY_DTYPES) : undefined;
    problems.push(
      `${describe(i, spec)} has dtype ${JSON.stringify(dtype ?? null)}, which is not a numpy dtype.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    );
  }
  const shape = t['shape'];
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= -1)) {
    problems.push(
      `${describe(i, spec)} has shape ${JSON.stringify(shape ?? null)}; a shape is a list of whole numbers, -1 for a variable dimension.`,
    );
  }
  if (problems.length > 0 || typeof dtype !== 'string' || !Array.isArray(shape)) return { problems };
  return {
    problems,
    tensor: { name: typeof spec['name'] === 'string' ? spec['name'] : undefined, dtype, shape: shape as number[] },
  };
}

export function parseSignaturePart(json: string, part: 'inputs' | 'outputs' | 'params'): ParsedSignaturePart {
  let data: unknown;
  try {
    data = JSON.parse(json) as unknown;
  } catch (error) {
    // Engines word JSON errors differently; the position is what helps.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return {
      ok: false,
      problems: [`signature.${part} is not valid JSON${at === undefined ? '' : ` (at character ${Number(at) + 1})`}.`],
    };
  }
  if (!Array.isArray(data)) return { ok: false, problems: [`signature.${part} must be a JSON list of specs.`] };
  const problems: string[] = [];
  const tensors: TensorSpec[] = [];
  const kinds = new Set<'tensor' | 'column'>();
  const named = new Set<boolean>();
  (data as unknown[]).forEach((item, i) => {
    const spec = record(item);
    if (!spec) {
      problems.push(`Entry ${i + 1} of signature.${part} is not an object.`);
      return;
    }
    const type = spec['type'];
    if (part === 'params') {
      if (typeof spec['name'] !== 'string') problems.push(`Entry ${i + 1} of signature.params has no "name".`);
    } else {
      named.add(typeof spec['name'] === 'string');
    }
    if (type === 'tensor' && part !== 'params') {
      kinds.add('tensor');
      const checked = tensorProblems(i, spec);
      problems.push(...checked.problems);
      if (checked.tensor) tensors.push(checked.tensor);
      return;
    }
    kinds.add('column');
    if (typeof type !== 'string' || !(COLUMN_TYPES.includes(type) || COMPOSITE_TYPES.includes(type))) {
      const suggestion =
        typeof type === 'string' ? (COLUMN_EQUIVALENTS[type] ?? closestMatch(type, COLUMN_TYPES)) : undefined;
      problems.push(
        `${describe(i, spec)} has type ${JSON.stringify(type ?? null)}; expected one of ${[...COLUMN_TYPES, 'tensor'].join(', ')}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      );
    }
  });
  if (kinds.size > 1) problems.push(`signature.${part} mixes tensor and column specs, which MLflow does not allow.`);
  if (named.size > 1) problems.push(`signature.${part} mixes named and unnamed specs, which MLflow does not allow.`);
  return {
    ok: true,
    tensors: kinds.has('column') ? [] : tensors,
    problems: problems.map((p) => p.charAt(0).toUpperCase() + p.slice(1)),
  };
}
