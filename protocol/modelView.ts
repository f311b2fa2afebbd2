// Messages between the model view (the custom editor for .onnx files, also opened from an MLmodel) and the extension.
// Like the pipeline panel, the page is untrusted: every message is a discriminated union checked on arrival. The report
// itself is checked for shape and bounded sizes, so a host bug cannot make the page render garbage.
import type {
  ExplainedRow,
  FairnessDecision,
  FairnessReport,
  ModelExplanation,
  ModelReport,
  ModelSummary,
  OutputExplanation,
} from './modelReport';

export type ToModelView =
  | { readonly type: 'report'; readonly report: ModelReport }
  | { readonly type: 'progress'; readonly message: string; readonly fraction?: number }
  | { readonly type: 'error'; readonly message: string };

export type FromModelView =
  | { readonly type: 'ready' }
  | { readonly type: 'pickData' }
  | { readonly type: 'recompute' }
  | { readonly type: 'cancel' };

/** Rows sent for the beeswarm and waterfalls: enough to see the distribution, small enough to post quickly. */
export const MAX_VIEW_ROWS = 2000;
const MAX_FEATURES = 4096;
/** Classes of a multiclass classifier the view accepts (each is one more set of SHAP values per row). */
export const MAX_VIEW_CLASSES = 256;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isNumberArray(value: unknown, length?: number): value is number[] {
  return Array.isArray(value) && (length === undefined || value.length === length) && value.every(isFiniteNumber);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function parseFromModelView(value: unknown): FromModelView | undefined {
  if (!isRecord(value)) return undefined;
  const type = value['type'];
  return type === 'ready' || type === 'pickData' || type === 'recompute' || type === 'cancel' ? { type } : undefined;
}

function isTensorInfo(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const shape = value['shape'];
  return (
    typeof value['name'] === 'string' &&
    typeof value['type'] === 'string' &&
    Array.isArray(shape) &&
    shape.every((d) => typeof d === 'string' || isFiniteNumber(d))
  );
}

function isSummary(value: unknown): value is ModelSummary {
  if (!isRecord(value)) return false;
  const { fileName, sizeBytes, irVersion, producer, opsets, inputs, outputs, operators, parameterCount } = value;
  return (
    typeof fileName === 'string' &&
    isFiniteNumber(sizeBytes) &&
    isFiniteNumber(irVersion) &&
    typeof producer === 'string' &&
    Array.isArray(opsets) &&
    opsets.every((o) => isRecord(o) && typeof o['domain'] === 'string' && isFiniteNumber(o['version'])) &&
    Array.isArray(inputs) &&
    inputs.every(isTensorInfo) &&
    Array.isArray(outputs) &&
    outputs.every(isTensorInfo) &&
    Array.isArray(operators) &&
    operators.every((o) => isRecord(o) && typeof o['op'] === 'string' && isFiniteNumber(o['count'])) &&
    isFiniteNumber(parameterCount) &&
    (value['trees'] === undefined || isTrees(value['trees']))
  );
}

function isTrees(value: unknown): boolean {
  return (
    isRecord(value) &&
    isFiniteNumber(value['count']) &&
    isFiniteNumber(value['nodes']) &&
    isFiniteNumber(value['maxDepth'])
  );
}

function isRow(value: unknown, featureCount: number): value is ExplainedRow {
  return (
    isRecord(value) &&
    isFiniteNumber(value['index']) &&
    Array.isArray(value['features']) &&
    (value['features'] as unknown[]).length === featureCount &&
    // Missing feature values arrive as null after JSON (NaN does not survive it).
    (value['features'] as unknown[]).every((f) => f === null || isFiniteNumber(f))
  );
}

function isOutput(value: unknown, featureCount: number, rowCount: number): value is OutputExplanation {
  if (!isRecord(value)) return false;
  const { label, baseValue, importance, values, shap } = value;
  return (
    typeof label === 'string' &&
    isFiniteNumber(baseValue) &&
    Array.isArray(importance) &&
    importance.every((i) => isRecord(i) && typeof i['feature'] === 'string' && isFiniteNumber(i['meanAbsShap'])) &&
    isNumberArray(values, rowCount) &&
    Array.isArray(shap) &&
    shap.length === rowCount &&
    shap.every((row) => isNumberArray(row, featureCount))
  );
}

const METHODS = new Set(['tree-interventional', 'tree-path-dependent', 'exact', 'kernel']);
const LINKS = new Set(['identity', 'logistic', 'softmax']);

function isExplanation(value: unknown): value is ModelExplanation {
  if (!isRecord(value)) return false;
  const { method, outputSpace, link, features, rows, outputs, predictedClass } = value;
  if (typeof method !== 'string' || !METHODS.has(method) || (outputSpace !== 'margin' && outputSpace !== 'output'))
    return false;
  if (typeof link !== 'string' || !LINKS.has(link)) return false;
  if (!isStringArray(features) || features.length > MAX_FEATURES) return false;
  if (!Array.isArray(rows) || rows.length > MAX_VIEW_ROWS || !rows.every((r) => isRow(r, features.length)))
    return false;
  if (
    !Array.isArray(outputs) ||
    outputs.length === 0 ||
    outputs.length > MAX_VIEW_CLASSES ||
    !outputs.every((o) => isOutput(o, features.length, rows.length))
  )
    return false;
  if (
    predictedClass !== undefined &&
    !(
      isNumberArray(predictedClass, rows.length) &&
      predictedClass.every((c) => Number.isInteger(c) && c >= 0 && c < outputs.length)
    )
  )
    return false;
  return (
    isFiniteNumber(value['rowsInData']) &&
    isFiniteNumber(value['backgroundRows']) &&
    isFiniteNumber(value['localAccuracyError']) &&
    isFiniteNumber(value['elapsedMs']) &&
    (value['maxStandardError'] === undefined || isFiniteNumber(value['maxStandardError']))
  );
}

const FAIRNESS_METRICS = new Set<string>([
  'demographic_parity_difference',
  'equal_opportunity_difference',
  'equalized_odds_difference',
  'accuracy_difference',
]);

const nullableNumber = (v: unknown): boolean => v === null || isFiniteNumber(v);

function isFairnessGroup(g: unknown): boolean {
  return (
    isRecord(g) &&
    typeof g['group'] === 'string' &&
    isFiniteNumber(g['count']) &&
    isFiniteNumber(g['positives']) &&
    isFiniteNumber(g['positiveRate']) &&
    nullableNumber(g['truePositiveRate']) &&
    nullableNumber(g['falsePositiveRate']) &&
    isFiniteNumber(g['accuracy'])
  );
}

function isFairnessMetric(m: unknown): boolean {
  return (
    isRecord(m) &&
    typeof m['metric'] === 'string' &&
    FAIRNESS_METRICS.has(m['metric']) &&
    nullableNumber(m['value']) &&
    nullableNumber(m['limit']) &&
    typeof m['failed'] === 'boolean' &&
    (m['undefinedBecause'] === undefined || typeof m['undefinedBecause'] === 'string')
  );
}

function isFairness(value: unknown): value is FairnessReport {
  if (!isRecord(value)) return false;
  const { groups, metrics, violations } = value;
  return (
    typeof value['sensitiveFeature'] === 'string' &&
    Array.isArray(groups) &&
    groups.every(isFairnessGroup) &&
    Array.isArray(metrics) &&
    metrics.every(isFairnessMetric) &&
    nullableNumber(value['minGroupAccuracy']) &&
    isFiniteNumber(value['skippedRows']) &&
    Array.isArray(violations) &&
    violations.every((v) => isRecord(v) && typeof v['setting'] === 'string' && typeof v['message'] === 'string')
  );
}

function isFairnessDecision(value: unknown): value is FairnessDecision {
  if (!isRecord(value)) return false;
  const { space } = value;
  return (
    typeof value['output'] === 'string' &&
    (space === null || space === 'probability' || space === 'logit') &&
    typeof value['basis'] === 'string' &&
    isFiniteNumber(value['threshold']) &&
    (value['problem'] === undefined || typeof value['problem'] === 'string')
  );
}

function isReport(value: unknown): value is ModelReport {
  if (!isRecord(value)) return false;
  const { modelUri, summary, dataUri, explanation, explanationError, fairness, fairnessDecision, notes } = value;
  return (
    typeof modelUri === 'string' &&
    isSummary(summary) &&
    (dataUri === undefined || typeof dataUri === 'string') &&
    (explanation === undefined || isExplanation(explanation)) &&
    (explanationError === undefined || typeof explanationError === 'string') &&
    (fairness === undefined || (Array.isArray(fairness) && fairness.every(isFairness))) &&
    (fairnessDecision === undefined || isFairnessDecision(fairnessDecision)) &&
    isStringArray(notes)
  );
}

/** The page checks what it receives too: a malformed message is dropped, never half-rendered. */
export function parseToModelView(value: unknown): ToModelView | undefined {
  if (!isRecord(value)) return undefined;
  switch (value['type']) {
    case 'report':
      return isReport(value['report']) ? { type: 'report', report: value['report'] } : undefined;
    case 'progress': {
      const { message, fraction } = value;
      if (typeof message !== 'string') return undefined;
      if (fraction === undefined) return { type: 'progress', message };
      return isFiniteNumber(fraction) && fraction >= 0 && fraction <= 1
        ? { type: 'progress', message, fraction }
        : undefined;
    }
    case 'error':
      return typeof value['message'] === 'string' ? { type: 'error', message: value['message'] } : undefined;
    default:
      return undefined;
  }
}
