// The `mlflow-model-fairness` rule's identity and docs. Its findings need the model run on data, which is slow and
// asynchronous, so they are produced by checkExternal.ts (see engine/model/report/fairnessFindings.ts), not by check().
import type { Rule } from '../rule';

export const modelFairnessRule: Rule = {
  id: 'mlflow-model-fairness',
  kinds: ['mlflow-model'],
  defaultSeverity: 'error',
  docs: {
    title: 'model treats a sensitive group unfairly',
    description:
      'When an MLmodel declares `metadata.preflight.fairness` (sensitive features and limits) and names its evaluation ' +
      'data (`metadata.preflight.data`, with the outcome column in `metadata.preflight.label`), Preflight runs the ONNX model on ' +
      'every row and computes, per sensitive feature, the demographic parity difference (largest minus smallest rate of ' +
      'positive predictions across groups) and the equal opportunity difference (largest minus smallest true positive rate). ' +
      'A difference above its limit (`max_demographic_parity_difference`, `max_equal_opportunity_difference`, default 0.1) is ' +
      "reported on the limit's line, and `preflight check` exits non-zero, so CI fails. Missing data, label or sensitive " +
      'columns are reported the same way, because an unchecked gate must not pass silently. Open the model view (Preflight: ' +
      'Explain Model) for the per-group table.',
  },
  check: () => [],
};
