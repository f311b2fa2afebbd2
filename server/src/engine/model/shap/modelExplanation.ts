// What explaining a model gives: SHAP values per explained output (one, or one per class), the link from the explained
// space to the model's output, and the local accuracy check against onnxruntime.
import type { OutputLink } from '../onnx/treeOperatorOutputs';
import type { LocalAccuracy } from './localAccuracy';
import type { OutputShap } from './modelShapTypes';

export type ShapMethod = 'tree-interventional' | 'exact' | 'kernel';

export interface ExplainedOutput extends OutputShap {
  /** The class label, or the output explained (e.g. "probability"). */
  readonly label: string;
}

export interface ModelExplanation {
  readonly method: ShapMethod;
  readonly outputSpace: 'margin' | 'output';
  /** From the explained values to the model's output: identity, logistic (log-odds), softmax (class scores). */
  readonly link: OutputLink;
  /** What the values explain, e.g. "margin (log-odds) of TreeEnsembleClassifier (positive class)" or "probabilities". */
  readonly explained: string;
  readonly features: readonly string[];
  /** One per explained output, in the model's class order when there are several. `predictions` are onnxruntime's. */
  readonly outputs: readonly ExplainedOutput[];
  /** Several outputs (a multiclass classifier): per row, the index of the class the model scores highest. */
  readonly predictedClass?: Int32Array;
  readonly localAccuracy: LocalAccuracy;
  /** A tree model explained through onnxruntime instead of from its trees: why its trees were not read. */
  readonly treesNotRead?: string;
}
