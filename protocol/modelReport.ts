// The report on a user's ONNX model that the language server computes and the model view renders: summary, SHAP
// explanation and fairness checks. Plain types, no imports: the webview bundle uses them too.

export interface ModelTensorInfo {
  readonly name: string;
  /** e.g. `float32`, `int64`, `map(int64,float32)`. */
  readonly type: string;
  /** Dimensions; symbolic or unknown dimensions as strings (e.g. `N`, `?`). */
  readonly shape: readonly (number | string)[];
}

export interface ModelSummary {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly irVersion: number;
  readonly producer: string;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly inputs: readonly ModelTensorInfo[];
  readonly outputs: readonly ModelTensorInfo[];
  readonly operators: readonly { readonly op: string; readonly count: number }[];
  /** Elements of the initializer tensors (weights); a tree ensemble has none, its size is in `trees`. */
  readonly parameterCount: number;
  /** Tree ensembles: number of trees, their nodes (splits and leaves) and the deepest tree, shown in the summary. */
  readonly trees?: { readonly count: number; readonly nodes: number; readonly maxDepth: number };
}

export interface FeatureImportance {
  readonly feature: string;
  /** Mean |SHAP| over the explained rows. */
  readonly meanAbsShap: number;
}

/** A row explained, as the charts show it; its values and SHAP values are per output (OutputExplanation). */
export interface ExplainedRow {
  /** 0-based index of the row in the data file. */
  readonly index: number;
  /** The row's feature values (null: missing), for the beeswarm's colouring and the waterfall's labels. */
  readonly features: readonly (number | null)[];
}

/** The explanation of one output: the model's single output, or one class of a classifier with more than two. */
export interface OutputExplanation {
  /** The class label, or what is explained (e.g. "probability"). */
  readonly label: string;
  /** The mean output over the background, where every row's explanation starts. */
  readonly baseValue: number;
  readonly importance: readonly FeatureImportance[];
  /** Per shown row (the explanation's `rows`, in order): the model's value in the explained space. */
  readonly values: readonly number[];
  /** Per shown row: one SHAP value per feature. */
  readonly shap: readonly (readonly number[])[];
}

export interface ModelExplanation {
  readonly method: 'tree-interventional' | 'tree-path-dependent' | 'exact' | 'kernel';
  readonly outputSpace: 'margin' | 'output';
  /** From the explained values to the model's output: none, logistic (log-odds to probability) or softmax over the
   * classes' scores. */
  readonly link: 'identity' | 'logistic' | 'softmax';
  readonly features: readonly string[];
  readonly rows: readonly ExplainedRow[];
  /** One per explained output: several for a classifier with more than two classes, in its class order. */
  readonly outputs: readonly OutputExplanation[];
  /** Several outputs: per shown row, the index (into `outputs`) of the class the model predicts. */
  readonly predictedClass?: readonly number[];
  readonly rowsInData: number;
  readonly backgroundRows: number;
  /** Largest |base + sum(shap) - value| over the rows, against onnxruntime's values: local accuracy, checked. */
  readonly localAccuracyError: number;
  /** KernelSHAP only: largest standard error of a SHAP value (sampling error). */
  readonly maxStandardError?: number;
  readonly elapsedMs: number;
}

export interface FairnessGroup {
  readonly group: string;
  readonly count: number;
  /** Rows with a positive label. */
  readonly positives: number;
  /** Share of rows predicted positive (the selection rate). */
  readonly positiveRate: number;
  /** null when the group has no positive labels (Fairlearn counts it as 0 in its differences). */
  readonly truePositiveRate: number | null;
  /** null when the group has no negative labels (Fairlearn counts it as 0 in its differences). */
  readonly falsePositiveRate: number | null;
  readonly accuracy: number;
}

export type FairnessMetricId =
  | 'demographic_parity_difference'
  | 'equal_opportunity_difference'
  | 'equalized_odds_difference'
  | 'accuracy_difference';

export interface FairnessMetric {
  readonly metric: FairnessMetricId;
  /** Fairlearn's figure (an undefined group rate counted as 0); null when no row has a group. */
  readonly value: number | null;
  /** The limit the gate applies (set in the MLmodel, or the default); null when this metric is not gated. */
  readonly limit: number | null;
  /** Why the figure is not a measurement (a group lacks the labels its rate needs, or there is one group). A gated
   * metric that is undefined fails the gate. */
  readonly undefinedBecause?: string;
  /** The gate fails on this metric: over its limit, or gated and undefined. */
  readonly failed: boolean;
}

export interface FairnessViolation {
  /** The MLmodel key under `metadata.preflight.fairness` whose limit is not met (e.g. `min_group_accuracy`). */
  readonly setting: string;
  readonly message: string;
}

export interface FairnessReport {
  readonly sensitiveFeature: string;
  readonly groups: readonly FairnessGroup[];
  readonly metrics: readonly FairnessMetric[];
  /** The lowest accuracy every group must reach; null when not set. */
  readonly minGroupAccuracy: number | null;
  /** Rows left out for an empty sensitive value, label or score. */
  readonly skippedRows: number;
  readonly violations: readonly FairnessViolation[];
}

/** How the model's score became a decision, for every fairness report of a model. */
export interface FairnessDecision {
  /** The model output thresholded. */
  readonly output: string;
  /** What that output is; null when neither the MLmodel nor the model tells. */
  readonly space: 'probability' | 'logit' | null;
  /** How the space was read: "metadata.preflight.score_space", or what the model shows. */
  readonly basis: string;
  /** The decision threshold, a probability; a logit output is compared with log(t / (1 − t)). */
  readonly threshold: number;
  /** Why the decisions may be wrong (the space is unknown, contradicts the model or the values); fails the gate. */
  readonly problem?: string;
}

export interface ModelReport {
  readonly modelUri: string;
  readonly summary: ModelSummary;
  /** The data file explained, when one was configured or picked. */
  readonly dataUri?: string;
  readonly explanation?: ModelExplanation;
  /** Why there is no explanation though there is data: it could not be computed, or its SHAP values do not add up to
   * onnxruntime's output (then no chart is drawn, since it would be wrong). A sentence naming the file and the row. */
  readonly explanationError?: string;
  readonly fairness?: readonly FairnessReport[];
  /** With `fairness`: how the scores were turned into decisions. */
  readonly fairnessDecision?: FairnessDecision;
  /** Problems that did not stop the report (e.g. a data column missing), each a sentence naming file and fix. */
  readonly notes: readonly string[];
}
