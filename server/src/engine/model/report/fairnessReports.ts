// The fairness part of a model report: the model's scores on every data row, turned into decisions in the right space
// (fairnessDecision.ts), and the metrics per sensitive feature (fairness.ts) against the MLmodel's limits. Problems
// that stop the check are notes (each a sentence naming the file and the fix); the gate turns them into findings.
import type { FairnessDecision, FairnessReport } from '../../../../../protocol/modelReport';
import { columnValues, type FeatureMatrix } from '../data/featureMatrix';
import { assessFairness, GAP_METRICS, LIMIT_OF, type FairnessThresholds } from '../fairness';
import type { OnnxModel } from '../onnx/onnxModel';
import { readScoreSpace } from '../onnx/scoreSpace';
import { decisionRule } from './fairnessDecision';
import { DEFAULT_FAIRNESS_LIMITS, FAIRNESS_LIMIT_KEYS, type ModelExplainConfig } from './modelExplainConfig';
import { modelScores } from './modelScores';

export interface FairnessSection {
  readonly fairness?: FairnessReport[];
  readonly fairnessDecision?: FairnessDecision;
}

const orNull = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/** Fairness for the MLmodel's `metadata.preflight.fairness`, or nothing when it declares none. */
export async function fairnessSection(
  config: ModelExplainConfig,
  all: FeatureMatrix,
  inputs: FeatureMatrix,
  bytes: Uint8Array,
  model: OnnxModel,
  notes: string[],
): Promise<FairnessSection> {
  const fairness = config.fairness;
  if (!fairness) return {};
  if (config.label === undefined) {
    notes.push(`${config.source}: fairness needs the outcome column: add metadata.preflight.label`);
    return {};
  }
  const labels = columnValues(all, config.label);
  if (!labels) {
    notes.push(`${config.source}: the data has no label column '${config.label}' (metadata.preflight.label)`);
    return {};
  }
  let scores: Awaited<ReturnType<typeof modelScores>>;
  try {
    scores = await modelScores(bytes, inputs);
  } catch (error) {
    notes.push(`the model cannot be scored: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
  const rule = decisionRule({
    output: scores.output,
    reading: readScoreSpace(model.graph, scores.output),
    ...(config.scoreSpace === undefined ? {} : { declared: config.scoreSpace }),
    threshold: config.decisionThreshold ?? 0.5,
    scores: scores.values,
  });
  const thresholds: FairnessThresholds = { ...DEFAULT_FAIRNESS_LIMITS, ...fairness };
  const reports: FairnessReport[] = [];
  for (const feature of fairness.sensitiveFeatures) {
    const sensitive = columnValues(all, feature);
    if (!sensitive) {
      notes.push(
        `${config.source}: the data has no sensitive column '${feature}' (metadata.preflight.fairness.sensitive_features)`,
      );
      continue;
    }
    const assessed = assessFairness(
      { predictions: scores.values, labels, sensitive, decisionThreshold: rule.cut },
      thresholds,
    );
    reports.push({
      sensitiveFeature: feature,
      groups: assessed.groups.map((g) => ({
        group: g.group,
        count: g.count,
        positives: g.positives,
        positiveRate: g.selectionRate,
        truePositiveRate: orNull(g.truePositiveRate),
        falsePositiveRate: orNull(g.falsePositiveRate),
        accuracy: g.accuracy,
      })),
      metrics: GAP_METRICS.map((id) => {
        const m = assessed.metrics[id];
        return {
          metric: id,
          value: orNull(m.value),
          limit: orNull(thresholds[LIMIT_OF[id]]),
          ...(m.undefinedBecause === undefined ? {} : { undefinedBecause: m.undefinedBecause }),
          failed: assessed.violations.some((v) => v.metric === id),
        };
      }),
      minGroupAccuracy: orNull(thresholds.minGroupAccuracy),
      skippedRows: assessed.skippedRows,
      violations: assessed.violations.map((v) => ({
        setting: FAIRNESS_LIMIT_KEYS[v.metric],
        message: `${feature}: ${v.message}`,
      })),
    });
  }
  if (reports.length === 0) return {};
  const decision: FairnessDecision = {
    output: rule.output,
    space: rule.space,
    basis: rule.basis,
    threshold: rule.threshold,
    ...(rule.problem === undefined ? {} : { problem: rule.problem }),
  };
  return { fairness: reports, fairnessDecision: decision };
}
