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

export interface ExplainedRow {
  /** 0-based index of the row in the data file. */
  readonly index: number;
  /** Model output in the explained space (margin or first output). */
  readonly value: number;
  readonly baseValue: number;
  readonly shap: readonly number[];
  /** The row's feature values, for the beeswarm's colouring and the waterfall's labels. */
  readonly features: readonly number[];
}

export interface ModelExplanation {
  readonly method: 'tree-interventional' | 'tree-path-dependent' | 'exact' | 'kernel';
  readonly outputSpace: 'margin' | 'output';
  readonly features: readonly string[];
  readonly importance: readonly FeatureImportance[];
  readonly rows: readonly ExplainedRow[];
  readonly rowsInData: number;
  readonly backgroundRows: number;
  /** Largest |base + sum(shap) - value| over the rows: local accuracy, checked. */
  readonly localAccuracyError: number;
  /** KernelSHAP only: largest standard error of a SHAP value (sampling error). */
  readonly maxStandardError?: number;
  readonly elapsedMs: number;
}

export interface FairnessGroup {
  readonly group: string;
  readonly count: number;
  readonly positiveRate: number;
  readonly truePositiveRate: number | null;
  readonly accuracy: number | null;
}

export interface FairnessReport {
  readonly sensitiveFeature: string;
  readonly groups: readonly FairnessGroup[];
  readonly demographicParityDifference: number;
  readonly equalOpportunityDifference: number | null;
  readonly thresholds: { readonly demographicParity: number; readonly equalOpportunity: number };
  readonly violations: readonly string[];
}

export interface ModelReport {
  readonly modelUri: string;
  readonly summary: ModelSummary;
  /** The data file explained, when one was configured or picked. */
  readonly dataUri?: string;
  readonly explanation?: ModelExplanation;
  readonly fairness?: readonly FairnessReport[];
  /** Problems that did not stop the report (e.g. a data column missing), each a sentence naming file and fix. */
  readonly notes: readonly string[];
}
