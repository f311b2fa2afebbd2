// MLmodel as a Schema. MLflow keeps unknown top-level keys as model attributes (and adds new ones every release), so
// only the known keys are typed and nothing else is reported. Signature contents are JSON strings, checked by
// `mlflow-signature`. `metadata` is the user's free-form map, except `metadata.preflight`, which is Preflight's own
// (read by model/report/modelExplainConfig.ts): typed in full, so a misspelt limit is an error, not a gate that
// silently checks nothing.
import { SCORE_SPACES } from '../model/onnx/scoreSpaceNames';
import { FAIRNESS_LIMIT_KEYS } from '../model/report/modelExplainConfig';
import {
  any,
  enumOf,
  map,
  mapOf,
  num,
  oneOf,
  required,
  seq,
  str,
  type MappingSchema,
  type Schema,
} from '../schema/schema';

const NULL: Schema = { type: 'null' };
const jsonString = (description: string): Schema => oneOf([str(description), NULL]);
const column = str(undefined, { coerceScalars: true, nonEmpty: true });
const limit = (description: string): Schema => num(description, { min: 0, max: 1 });

const FAIRNESS_SCHEMA = map(
  {
    sensitive_features: required(
      seq(
        column,
        'Columns of `data` whose groups are compared, e.g. `[gender, senior_citizen]`. Rows with an empty value are left out.',
        {
          minItems: 1,
        },
      ),
    ),
    [FAIRNESS_LIMIT_KEYS.demographic_parity_difference]: limit(
      "Largest allowed gap between the groups' selection rates (the share predicted positive): Fairlearn's " +
        '`demographic_parity_difference`. Default 0.1.',
    ),
    [FAIRNESS_LIMIT_KEYS.equal_opportunity_difference]: limit(
      "Largest allowed gap between the groups' true positive rates: Fairlearn's `equal_opportunity_difference`. " +
        'Default 0.1. A group with no positive labels has no true positive rate (Fairlearn counts it as 0): the gate ' +
        'then fails, saying which group, instead of passing on that convention.',
    ),
    [FAIRNESS_LIMIT_KEYS.equalized_odds_difference]: limit(
      'Largest allowed equalized odds difference: the larger of the gaps in true positive rate and in false positive ' +
        "rate between the groups (Fairlearn's `equalized_odds_difference`). Checked only when set; fails when a group " +
        'has no positive or no negative labels.',
    ),
    [FAIRNESS_LIMIT_KEYS.accuracy_difference]: limit(
      "Largest allowed gap between the groups' accuracies (the share of rows predicted right). Checked only when set.",
    ),
    [FAIRNESS_LIMIT_KEYS.group_accuracy]: limit(
      'Lowest allowed accuracy of any group: each group of each sensitive feature is checked on its own. Checked only ' +
        'when set.',
    ),
  },
  {
    title: 'fairness',
    description:
      "The fairness gate `preflight check` enforces (rule `mlflow-model-fairness`): the model's decisions on `data`, " +
      'compared across the groups of each sensitive feature, must stay within these limits. Figures follow ' +
      "Fairlearn's definitions.",
  },
);

const PREFLIGHT_SCHEMA = map(
  {
    data: str(
      'Rows to explain the model with and to check fairness on: a CSV or Parquet file, relative to the MLmodel, with ' +
        'the model inputs, the label and the sensitive columns.',
      { nonEmpty: true },
    ),
    label: str('The observed outcome column of `data` (0/1), which the fairness gate compares decisions with.', {
      coerceScalars: true,
      nonEmpty: true,
    }),
    decision_threshold: num(
      "A row is predicted positive when the model's probability is at least this (default 0.5). Always a " +
        'probability: for a model whose score is log-odds, the score is compared with log(t / (1 − t)), 0 for 0.5.',
      { min: 0, max: 1 },
    ),
    score_space: enumOf(
      SCORE_SPACES,
      "What the model's score output is: `probability`, or `logit` (log-odds, a raw margin). When absent it is read " +
        "from the model (a Sigmoid or Softmax, a tree ensemble's `post_transform`, the output's name); when the model " +
        'does not tell, the fairness gate fails and asks for this setting.',
    ),
    fairness: FAIRNESS_SCHEMA,
  },
  {
    title: 'preflight',
    description:
      'Settings Preflight reads: the data to explain the model with (Preflight: Explain Model) and the fairness gate.',
  },
);

export const MLMODEL_SCHEMA: MappingSchema = {
  ...map(
    {
      artifact_path: str("Path of the model within the run's artifacts."),
      flavors: mapOf(oneOf([mapOf(any(), { title: 'flavor' }), NULL]), {
        title: 'flavors',
        description: 'How each library loads the model (`python_function`, `onnx`, `sklearn`, …).',
      }),
      signature: map(
        {
          inputs: jsonString(
            'Input schema as JSON: columns (`{"type": "double", "name": …}`) or tensors (`{"type": "tensor", "tensor-spec": {…}}`).',
          ),
          outputs: jsonString('Output schema as JSON.'),
          params: jsonString('Inference parameters schema as JSON.'),
        },
        { title: 'signature', nullable: true, ignoresUnknownKeys: true },
      ),
      mlflow_version: str('MLflow version that saved the model.'),
      model_size_bytes: num('Size of the model files.'),
      model_uuid: str(),
      run_id: str('Run that logged the model.'),
      utc_time_created: str(),
      metadata: mapOf(any(), {
        title: 'metadata',
        description: 'Free-form metadata; `feature_names` and `preflight` are read by Preflight.',
        nullable: true,
        properties: {
          feature_names: seq(column, "The model's input columns, in input order (for explanations and fairness)."),
          preflight: PREFLIGHT_SCHEMA,
        },
      }),
    },
    { title: 'the MLmodel' },
  ),
  additional: any(),
};
