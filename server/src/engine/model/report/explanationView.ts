// The model view's form of an explanation (protocol/modelReport.ts): every explained row's importance per output, and a
// bounded, evenly spaced sample of rows with their SHAP values per output for the beeswarm and the waterfalls.
import type { ModelExplanation as ViewExplanation } from '../../../../../protocol/modelReport';
import type { FeatureMatrix } from '../data/featureMatrix';
import type { ModelExplanation } from '../shap/explainModel';
import { evenSampleIndices } from './evenSample';

/** Rows carried to the view for the beeswarm and waterfalls (see protocol/modelView.ts MAX_VIEW_ROWS). */
const VIEW_ROWS = 2000;
/** With several classes, each shown row carries SHAP values per class: fewer rows keep the message about as large. */
const VIEW_VALUES = 2 * VIEW_ROWS;

export interface ExplanationFacts {
  /** The data file's row index of each explained row. */
  readonly sampled: readonly number[];
  readonly backgroundRows: number;
  readonly rowsInData: number;
  readonly elapsedMs: number;
}

export function explanationView(
  explanation: ModelExplanation,
  data: FeatureMatrix,
  facts: ExplanationFacts,
): ViewExplanation {
  const m = explanation.features.length;
  const classes = explanation.outputs.length;
  const limit = Math.min(VIEW_ROWS, Math.max(200, Math.floor(VIEW_VALUES / classes)));
  const shown = evenSampleIndices(data.rowCount, limit);
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const outputs = explanation.outputs.map((output) => ({
    label: output.label,
    baseValue: output.base,
    importance: explanation.features.map((feature, f) => {
      let sum = 0;
      for (let r = 0; r < data.rowCount; r++) sum += Math.abs(output.values[r * m + f] ?? 0);
      return { feature, meanAbsShap: data.rowCount > 0 ? sum / data.rowCount : 0 };
    }),
    values: shown.map((k) => output.predictions[k] ?? 0),
    shap: shown.map((k) => Array.from(output.values.subarray(k * m, (k + 1) * m))),
  }));
  let maxStandardError: number | undefined;
  for (const output of explanation.outputs)
    if (output.standardErrors)
      maxStandardError = output.standardErrors.reduce((a, b) => Math.max(a, b), maxStandardError ?? 0);
  const predicted = explanation.predictedClass;
  return {
    method: explanation.method,
    outputSpace: explanation.outputSpace,
    link: explanation.link,
    features: explanation.features,
    rows: shown.map((k) => ({
      index: facts.sampled[k] ?? k,
      features: Array.from(data.values.subarray(k * m, (k + 1) * m), finite),
    })),
    outputs,
    ...(predicted ? { predictedClass: shown.map((k) => predicted[k] ?? 0) } : {}),
    rowsInData: facts.rowsInData,
    backgroundRows: facts.backgroundRows,
    localAccuracyError: explanation.localAccuracy.maxError,
    ...(maxStandardError === undefined ? {} : { maxStandardError }),
    elapsedMs: facts.elapsedMs,
  };
}
