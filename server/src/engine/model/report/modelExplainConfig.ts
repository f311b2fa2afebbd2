// What an MLmodel says about explaining and gating its ONNX model, under `metadata.preflight` (MLflow keeps metadata
// as free-form user data):
//   metadata:
//     feature_names: [...]            # optional: the model's input columns, in order
//     preflight:
//       data: eval_sample.csv         # rows to explain and to check fairness on (relative to the MLmodel)
//       label: churned                # the observed outcome column (0/1), for fairness
//       decision_threshold: 0.5       # predicted positive when the model's probability is >= this
//       fairness:
//         sensitive_features: [senior_citizen]
//         max_demographic_parity_difference: 0.1
//         max_equal_opportunity_difference: 0.1
// Values of the wrong type are reported as problems naming the key, never thrown.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface FairnessConfig {
  readonly sensitiveFeatures: readonly string[];
  readonly maxDemographicParityDifference?: number;
  readonly maxEqualOpportunityDifference?: number;
}

export interface ModelExplainConfig {
  /** The MLmodel file this came from. */
  readonly source: string;
  /** Absolute path of the ONNX model the MLmodel's onnx flavour names. */
  readonly modelPath?: string;
  readonly dataPath?: string;
  readonly label?: string;
  readonly decisionThreshold?: number;
  readonly featureNames?: readonly string[];
  readonly fairness?: FairnessConfig;
  readonly problems: readonly string[];
}

function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined;
}

function scalarNumber(node: unknown): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

function stringList(node: unknown): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const items = node.items.map(scalarString);
  return items.every((i): i is string => i !== undefined) ? items : undefined;
}

/** Reads the explain/fairness settings from an MLmodel's text. `file` is the MLmodel's path (for relative paths). */
export function parseModelExplainConfig(text: string, file: string): ModelExplainConfig {
  const problems: string[] = [];
  const doc = parseDocument(text, { keepSourceTokens: false });
  const root = doc.contents as Node | null;
  const dir = path.dirname(file);
  const onnxData = scalarString(get(get(get(root, 'flavors'), 'onnx'), 'data'));
  const metadata = get(root, 'metadata');
  const featureNames = stringList(get(metadata, 'feature_names'));
  const preflight = get(metadata, 'preflight');
  const config: { -readonly [K in keyof ModelExplainConfig]: ModelExplainConfig[K] } = { source: file, problems };
  if (onnxData !== undefined) config.modelPath = path.resolve(dir, onnxData);
  if (featureNames) config.featureNames = featureNames;
  if (preflight === undefined || preflight === null) return config;
  const where = `${file}: metadata.preflight`;
  const data = get(preflight, 'data');
  if (data !== undefined) {
    const value = scalarString(data);
    if (value === undefined) problems.push(`${where}.data must be a path to a CSV or Parquet file`);
    else config.dataPath = path.resolve(dir, value);
  }
  const label = get(preflight, 'label');
  if (label !== undefined) {
    const value = scalarString(label);
    if (value === undefined) problems.push(`${where}.label must be the name of the outcome column`);
    else config.label = value;
  }
  const threshold = get(preflight, 'decision_threshold');
  if (threshold !== undefined) {
    const value = scalarNumber(threshold);
    if (value === undefined || value < 0 || value > 1)
      problems.push(`${where}.decision_threshold must be a number between 0 and 1`);
    else config.decisionThreshold = value;
  }
  const fairness = get(preflight, 'fairness');
  if (fairness !== undefined) {
    const sensitive = stringList(get(fairness, 'sensitive_features'));
    if (!sensitive || sensitive.length === 0) {
      problems.push(`${where}.fairness.sensitive_features must list the sensitive columns, e.g. [gender]`);
    } else {
      const limit = (key: string): number | undefined => {
        const node = get(fairness, key);
        if (node === undefined) return undefined;
        const value = scalarNumber(node);
        if (value === undefined || value < 0 || value > 1)
          problems.push(`${where}.fairness.${key} must be a number between 0 and 1`);
        return value;
      };
      const dp = limit('max_demographic_parity_difference');
      const eo = limit('max_equal_opportunity_difference');
      config.fairness = {
        sensitiveFeatures: sensitive,
        ...(dp === undefined ? {} : { maxDemographicParityDifference: dp }),
        ...(eo === undefined ? {} : { maxEqualOpportunityDifference: eo }),
      };
    }
  }
  return config;
}

/** The MLmodel next to `modelPath` whose onnx flavour names that file, if any. */
export async function findModelExplainConfig(modelPath: string): Promise<ModelExplainConfig | undefined> {
  const mlmodel = path.join(path.dirname(modelPath), 'MLmodel');
  let text: string;
  try {
    text = await fs.readFile(mlmodel, 'utf8');
  } catch {
    return undefined;
  }
  const config = parseModelExplainConfig(text, mlmodel);
  return config.modelPath === path.resolve(modelPath) ? config : undefined;
}
