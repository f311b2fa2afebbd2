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
      'data (`metadata.preflight.data`, with the outcome column in `metadata.preflight.label`), Preflight runs the ONNX ' +
      "model on every row and computes, per sensitive feature, Fairlearn's figures: the demographic parity difference " +
      '(largest minus smallest rate of positive predictions across groups), the equal opportunity difference (the same ' +
      'for true positive rates), the equalized odds difference (the larger of the true and false positive rate ' +
      "differences), the accuracy difference and each group's accuracy. A limit not met (`max_demographic_parity_difference` " +
      'and `max_equal_opportunity_difference`, default 0.1; `max_equalized_odds_difference`, `max_accuracy_difference` ' +
      'and `min_group_accuracy`, checked when set) is reported on its line, and `preflight check` exits non-zero, so CI ' +
      'fails. A rate a group cannot have (no positive labels for the true positive rate, no negative labels for the ' +
      'false positive rate) is undefined: Fairlearn counts it as 0, and the finding gives that figure, but a gate with ' +
      'a limit on such a metric fails, naming the group, rather than pass on the convention; so does a sensitive ' +
      'column with one group. A row is predicted positive when its probability is at least `decision_threshold` ' +
      '(default 0.5); a model whose score is log-odds (a logit, a raw margin) is compared with log(t / (1 − t)) ' +
      'instead. What the score is comes from `metadata.preflight.score_space` or from the model (a Sigmoid or Softmax, ' +
      "a tree ensemble's `post_transform`, the output's name); when neither tells, or they disagree, that is a finding " +
      'too. Missing data, label or sensitive columns are reported the same way, because an unchecked gate must not ' +
      'pass silently. Open the model view (Preflight: Explain Model) for the per-group table.',
  },
  check: () => [],
};
