// One explained output as the charts draw it: the model's single output, or the class chosen in the view of a
// multiclass classifier. Each row carries its value, base value and SHAP values for that output, and the probability
// the value stands for when a link follows (logistic per output, softmax across the classes' scores).
import type { ExplainedRow, FeatureImportance, ModelExplanation } from '../../../protocol/modelReport.js';

export interface ShownRow extends ExplainedRow {
  readonly value: number;
  readonly baseValue: number;
  readonly shap: readonly number[];
  /** The probability the value stands for, when the model has a logistic or softmax link. */
  readonly probability?: number;
  /** Several classes: the class the model predicts for this row. */
  readonly predicted?: string;
}

export interface ShownOutput {
  readonly features: readonly string[];
  readonly importance: readonly FeatureImportance[];
  readonly rows: readonly ShownRow[];
  /** What the SHAP values are measured in, e.g. "log-odds". */
  readonly units: string;
  /** The probability the base value stands for, when the model has a link. */
  readonly baseProbability?: number;
  /** Several classes: this output's class. */
  readonly className?: string;
}

const logistic = (v: number): number => 1 / (1 + Math.exp(-v));

/** softmax(values)[k], computed stably. */
function softmaxAt(values: readonly number[], k: number): number {
  const max = Math.max(...values);
  const sum = values.reduce((s, v) => s + Math.exp(v - max), 0);
  return Math.exp((values[k] ?? 0) - max) / sum;
}

export function unitsOf(explanation: ModelExplanation): string {
  if (explanation.outputSpace === 'output') return 'output';
  return explanation.link === 'softmax' ? 'class score' : 'log-odds';
}

export function shownOutput(explanation: ModelExplanation, k: number): ShownOutput {
  const output = explanation.outputs[k] ?? explanation.outputs[0];
  const link = explanation.outputSpace === 'output' ? 'identity' : explanation.link;
  const probabilityOf = (scores: (o: number) => number): number | undefined => {
    if (link === 'logistic') return logistic(scores(k));
    if (link === 'softmax')
      return softmaxAt(
        explanation.outputs.map((_, o) => scores(o)),
        k,
      );
    return undefined;
  };
  const several = explanation.outputs.length > 1;
  const baseProbability = probabilityOf((o) => explanation.outputs[o]?.baseValue ?? 0);
  return {
    features: explanation.features,
    importance: output?.importance ?? [],
    units: unitsOf(explanation),
    ...(baseProbability === undefined ? {} : { baseProbability }),
    ...(several && output ? { className: output.label } : {}),
    rows: explanation.rows.map((row, r) => {
      const probability = probabilityOf((o) => explanation.outputs[o]?.values[r] ?? 0);
      const predicted = explanation.outputs[explanation.predictedClass?.[r] ?? -1]?.label;
      return {
        ...row,
        value: output?.values[r] ?? 0,
        baseValue: output?.baseValue ?? 0,
        shap: output?.shap[r] ?? [],
        ...(probability === undefined ? {} : { probability }),
        ...(several && predicted !== undefined ? { predicted } : {}),
      };
    }),
  };
}
