// MLmodel checks: the files its flavors name must sit next to it, its signature must parse as MLflow parses it, and a
// tensor signature must agree with the ONNX model it describes. MLflow finds each of these only at load or predict time.
import path from 'node:path';
import type { RuleFinding } from '../../findings';
import { parseSignaturePart, type TensorSpec } from '../../mlflow/modelSignature';
import { ONNX_ELEMENT_TYPES, readOnnxInputs, type OnnxInput } from '../../mlflow/onnxInputs';
import { closestMatch } from '../../text/didYouMean';
import {
  asMap,
  entries,
  getEntry,
  isMap,
  isScalar,
  nodeRange,
  type Node,
  type Scalar,
  type YAMLMap,
} from '../../yaml/nodes';
import { cleanDocuments } from '../../yaml/parsedYaml';
import { statInCheck } from '../checkFiles';
import { checkedOutDirOf } from './checkoutDir';
import type { Rule, RuleContext } from '../rule';

function rootOf(ctx: RuleContext): YAMLMap | undefined {
  return asMap(cleanDocuments(ctx.parsed)[0]?.contents);
}

function stringNode(node: Node | null | undefined): Scalar | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value !== '' ? node : undefined;
}

/** Keys that hold a path relative to the model folder, per flavor (`code` is checked in every flavor). */
const FLAVOR_PATH_KEYS: Readonly<Record<string, readonly string[]>> = {
  onnx: ['data'],
  python_function: ['data', 'model_path', 'python_model'],
  sklearn: ['pickled_model'],
  xgboost: ['data'],
  lightgbm: ['data'],
  catboost: ['data'],
  keras: ['data'],
  statsmodels: ['data'],
  pytorch: ['model_data'],
  tensorflow: ['saved_model_dir'],
};

/** Every path an MLmodel's flavors name, with the node that spells it. */
function referencedPaths(root: YAMLMap): { flavor: string; key: string; node: Scalar }[] {
  const out: { flavor: string; key: string; node: Scalar }[] = [];
  const flavors = asMap(getEntry(root, 'flavors')?.value);
  for (const flavor of flavors ? entries(flavors) : []) {
    const spec = asMap(flavor.value);
    if (flavor.key === undefined || !spec) continue;
    const add = (key: string, node: Node | null | undefined): void => {
      const s = stringNode(node);
      if (s) out.push({ flavor: flavor.key ?? '', key, node: s });
    };
    for (const key of [...(FLAVOR_PATH_KEYS[flavor.key] ?? []), 'code']) add(key, getEntry(spec, key)?.value);
    if (flavor.key === 'python_function') {
      const env = getEntry(spec, 'env')?.value;
      if (isMap(env)) for (const e of entries(env)) add(`env.${e.key ?? ''}`, e.value);
      else add('env', env);
      const artifacts = asMap(getEntry(spec, 'artifacts')?.value);
      for (const a of artifacts ? entries(artifacts) : []) {
        const artifact = asMap(a.value);
        if (artifact) add(`artifacts.${a.key ?? ''}.path`, getEntry(artifact, 'path')?.value);
      }
    }
  }
  return out;
}

export const mlflowModelMissingFile: Rule = {
  id: 'mlflow-model-missing-file',
  kinds: ['mlflow-model'],
  defaultSeverity: 'error',
  docs: {
    title: 'File named by an MLmodel flavor does not exist',
    description:
      'Flavors name files relative to the MLmodel: the model itself (`onnx.data`, `python_function.data`, ' +
      '`sklearn.pickled_model`, …), its environment (`python_function.env`), code and artifacts. `mlflow.pyfunc.load_model` ' +
      'and `mlflow models serve` fail when one is missing. Checked only for an MLmodel saved inside a checkout (git or DVC).',
  },
  check(ctx) {
    const root = rootOf(ctx);
    const dir = checkedOutDirOf(ctx);
    if (!root || dir === undefined) return [];
    return referencedPaths(root)
      .filter(
        (r) =>
          !/^[a-z][a-z0-9+.-]*:\/\//i.test(r.node.value as string) &&
          statInCheck(ctx, path.resolve(dir, r.node.value as string)) === undefined,
      )
      .map((r) => ({
        message: `${r.flavor}.${r.key} names '${String(r.node.value)}', which does not exist next to the MLmodel.`,
        range: nodeRange(ctx.parsed.lines, r.node),
      }));
  },
};

function signatureStrings(root: YAMLMap): { part: 'inputs' | 'outputs' | 'params'; node: Scalar }[] {
  const signature = asMap(getEntry(root, 'signature')?.value);
  if (!signature) return [];
  return (['inputs', 'outputs', 'params'] as const).flatMap((part) => {
    const node = stringNode(getEntry(signature, part)?.value);
    return node ? [{ part, node }] : [];
  });
}

export const mlflowSignature: Rule = {
  id: 'mlflow-signature',
  kinds: ['mlflow-model'],
  defaultSeverity: 'error',
  docs: {
    title: 'Model signature does not parse',
    description:
      '`signature.inputs`, `outputs` and `params` are JSON lists that MLflow parses when it loads the model. ' +
      'Columns use the types boolean, integer, long, float, double, string, binary or datetime; tensors need a ' +
      '`tensor-spec` with a numpy `dtype` and a `shape` of whole numbers (-1 for any size); one list may not mix columns ' +
      'and tensors, or named and unnamed entries.',
  },
  check(ctx) {
    const root = rootOf(ctx);
    if (!root) return [];
    return signatureStrings(root).flatMap(({ part, node }) =>
      parseSignaturePart(String(node.value), part).problems.map((message) => ({
        message,
        range: nodeRange(ctx.parsed.lines, node),
      })),
    );
  },
};

function describeShape(shape: readonly (number | string | undefined)[]): string {
  return `[${shape.map((d) => (d === undefined ? '?' : String(d))).join(', ')}]`;
}

/** Differences between one signature tensor and the ONNX input it feeds. */
function compare(spec: TensorSpec, input: OnnxInput, file: string): string[] {
  const problems: string[] = [];
  const label = spec.name !== undefined ? `'${spec.name}'` : 'The signature input';
  const onnxType = input.elemType === undefined ? undefined : ONNX_ELEMENT_TYPES[input.elemType];
  // MLflow's ONNX flavor casts float64 data to float32 before it calls onnxruntime, so that pair is fine.
  const castable = spec.dtype === 'float64' && onnxType === 'float32';
  const stringy = onnxType === 'str' && ['str', 'object', 'bytes'].includes(spec.dtype);
  if (onnxType !== undefined && spec.dtype !== onnxType && !castable && !stringy) {
    problems.push(`${label} is ${spec.dtype} in the signature, but ${file} expects ${onnxType}.`);
  }
  if (input.shape) {
    if (input.shape.length !== spec.shape.length) {
      problems.push(
        `${label} has rank ${spec.shape.length} ${describeShape(spec.shape)} in the signature, but ${file} expects rank ${input.shape.length} ${describeShape(input.shape)}.`,
      );
    } else {
      const clash = spec.shape.findIndex((d, i) => {
        const o = input.shape?.[i];
        return d !== -1 && typeof o === 'number' && o > 0 && o !== d;
      });
      if (clash !== -1)
        problems.push(
          `${label} has shape ${describeShape(spec.shape)} in the signature, but ${file} expects ${describeShape(input.shape)}.`,
        );
    }
  }
  return problems;
}

export const mlflowSignatureOnnxMismatch: Rule = {
  id: 'mlflow-signature-onnx-mismatch',
  kinds: ['mlflow-model'],
  defaultSeverity: 'error',
  docs: {
    title: 'Signature disagrees with the ONNX model',
    description:
      'For an ONNX model, each tensor of `signature.inputs` feeds the model input of the same name, so names, ' +
      'element types and ranks must match what the .onnx file declares (read from the file next to the MLmodel); ' +
      'otherwise every prediction fails in onnxruntime. float64 data for a float32 input is fine: MLflow casts it.',
  },
  check(ctx) {
    const root = rootOf(ctx);
    const dir = checkedOutDirOf(ctx);
    if (!root || dir === undefined) return [];
    const flavors = asMap(getEntry(root, 'flavors')?.value);
    const onnx = flavors ? asMap(getEntry(flavors, 'onnx')?.value) : undefined;
    const dataNode = onnx ? stringNode(getEntry(onnx, 'data')?.value) : undefined;
    const inputsNode = signatureStrings(root).find((s) => s.part === 'inputs')?.node;
    if (!dataNode || !inputsNode) return [];
    const file = String(dataNode.value);
    const inputs = readOnnxInputs(path.resolve(dir, file));
    const signature = parseSignaturePart(String(inputsNode.value), 'inputs');
    if (!inputs || !signature.ok || signature.problems.length > 0 || signature.tensors.length === 0) return [];
    const range = nodeRange(ctx.parsed.lines, inputsNode);
    const problems: string[] = [];
    const named = signature.tensors.every((t) => t.name !== undefined);
    if (named) {
      for (const spec of signature.tensors) {
        const input = inputs.find((i) => i.name === spec.name);
        if (input) {
          problems.push(...compare(spec, input, file));
          continue;
        }
        const suggestion = closestMatch(
          spec.name ?? '',
          inputs.map((i) => i.name),
        );
        problems.push(
          `'${spec.name ?? ''}' is not an input of ${file} (its inputs: ${inputs.map((i) => `'${i.name}'`).join(', ')}).${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        );
      }
      for (const input of inputs) {
        if (!signature.tensors.some((t) => t.name === input.name))
          problems.push(`${file} also needs the input '${input.name}', which the signature does not declare.`);
      }
    } else if (signature.tensors.length === 1 && inputs.length === 1 && signature.tensors[0] && inputs[0]) {
      problems.push(...compare(signature.tensors[0], inputs[0], file));
    }
    return problems.map((message): RuleFinding => ({ message, range }));
  },
};
