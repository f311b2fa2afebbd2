// What an MLmodel says about explaining and gating its ONNX model, under `metadata.preflight` (MLflow keeps metadata
// as free-form user data):
//   metadata:
//     feature_names: [...]            # optional: the model's input columns, in order
//     preflight:
//       data: eval_sample.csv         # rows to explain and to check fairness on (relative to the MLmodel)
//       label: churned                # the observed outcome column (0/1), for fairness
//       decision_threshold: 0.5       # predicted positive when the model's probability is >= this
//       score_space: logit            # the model's score is a probability or log-odds (read from the model if absent)
//       fairness:
//         sensitive_features: [senior_citizen]
//         max_demographic_parity_difference: 0.1
//         max_equal_opportunity_difference: 0.1
//         max_equalized_odds_difference: 0.15
//         max_accuracy_difference: 0.05
//         min_group_accuracy: 0.7
// Values of the wrong type are reported as problems naming the key, never thrown. The keys' docs, for hover, completion
// and validation in the editor, are in mlflow/mlmodelSchema.ts.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { FairnessThresholds, GapMetricId } from '../fairness';
import { SCORE_SPACES, type ScoreSpace } from '../onnx/scoreSpaceNames';

/** The key under `metadata.preflight.fairness` that sets each limit: a finding about a limit goes on its line. */
export const FAIRNESS_LIMIT_KEYS = {
  demographic_parity_difference: 'max_demographic_parity_difference',
  equal_opportunity_difference: 'max_equal_opportunity_difference',
  equalized_odds_difference: 'max_equalized_odds_difference',
  accuracy_difference: 'max_accuracy_difference',
  group_accuracy: 'min_group_accuracy',
} as const satisfies Record<GapMetricId | 'group_accuracy', string>;

/** Limits that apply when the MLmodel does not set them (the gate's documented defaults); the others are unchecked. */
export const DEFAULT_FAIRNESS_LIMITS: FairnessThresholds = {
  maxDemographicParityDifference: 0.1,
  maxEqualOpportunityDifference: 0.1,
};

export interface FairnessConfig extends FairnessThresholds {
  readonly sensitiveFeatures: readonly string[];
}

export interface ModelExplainConfig {
  /** The MLmodel file this came from. */
  readonly source: string;
  /** Absolute path of the ONNX model the MLmodel's onnx flavour names. */
  readonly modelPath?: string;
  readonly dataPath?: string;
  readonly label?: string;
  readonly decisionThreshold?: number;
  /** What the model's score output is, when the MLmodel says (otherwise read from the model: onnx/scoreSpace.ts). */
  readonly scoreSpace?: ScoreSpace;
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
  const space = get(preflight, 'score_space');
  if (space !== undefined) {
    const value = scalarString(space);
    const known = SCORE_SPACES.find((s) => s === value);
    if (known === undefined)
      problems.push(`${where}.score_space must be ${SCORE_SPACES.map((s) => `'${s}'`).join(' or ')}`);
    else config.scoreSpace = known;
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
        if (value !== undefined && value >= 0 && value <= 1) return value;
        problems.push(`${where}.fairness.${key} must be a number between 0 and 1`);
        return undefined;
      };
      const limits: { -readonly [K in keyof FairnessThresholds]: FairnessThresholds[K] } = {};
      const set = (key: keyof FairnessThresholds, value: number | undefined): void => {
        if (value !== undefined) limits[key] = value;
      };
      set('maxDemographicParityDifference', limit(FAIRNESS_LIMIT_KEYS.demographic_parity_difference));
      set('maxEqualOpportunityDifference', limit(FAIRNESS_LIMIT_KEYS.equal_opportunity_difference));
      set('maxEqualizedOddsDifference', limit(FAIRNESS_LIMIT_KEYS.equalized_odds_difference));
      set('maxAccuracyDifference', limit(FAIRNESS_LIMIT_KEYS.accuracy_difference));
      set('minGroupAccuracy', limit(FAIRNESS_LIMIT_KEYS.group_accuracy));
      config.fairness = { sensitiveFeatures: sensitive, ...limits };
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
