// What a tree operator outputs, as onnxruntime computes it (tree_ensemble_aggregator.h, write_scores in ml_common.h),
// written as additive margins: each explained output is a fixed combination of the per-class sums of leaf weights W_k
// plus a constant, and a link (identity, logistic, softmax over the classes) turns margins into the model's output.
// Only configurations whose scores are additive on every row are accepted; the rest (onnxruntime's binary corner cases
// where a base value replaces a class's score, zero-skipping softmax, probit, MIN/MAX aggregation, several regression
// targets) get a reason, and the caller explains the model through onnxruntime without reading its trees.
//
// Onnxruntime's binary classifier (two class labels), from the same sources and checked by running it:
// - weights for one class id only: the score s = W + base_values[0] (when there is exactly one base value) becomes
//   [sigmoid(-s), sigmoid(s)] under LOGISTIC (whatever the weights' signs, as onnxruntime-node 1.30 runs it), else
//   [1 - s, s] or [-s, s]: no other transform is applied. With weights for class 1 only, the scores [0, W1] go through the post transform as a pair
//   (the base value lands on the unscored class 0 and is dropped).
// - weights for both class ids: [W0 + base_values[0], W1] through the post transform; two base values make onnxruntime
//   replace class 1's score by base_values[1] + W0, which no additive reading of class 1 can follow.

export type OutputLink = 'identity' | 'logistic' | 'softmax';

/** An explained output's margin in the operator's raw scores (post_transform NONE): a column, less another one. */
export interface RawScoreColumn {
  readonly plus: number;
  readonly minus?: number;
}

export interface OutputSpec {
  /** The class label, or the regressor's output name. */
  readonly label: string;
  /** margin = base + Σ coefficient × (sum of the leaf weights for classId on the row's leaves). */
  readonly terms: readonly { readonly classId: number; readonly coefficient: number }[];
  readonly base: number;
  readonly raw: RawScoreColumn;
}

export interface OperatorOutputs {
  readonly outputs: readonly OutputSpec[];
  readonly link: OutputLink;
  /** Columns per row of the operator's raw score output. */
  readonly rawWidth: number;
}

/** Why the operator's scores are not read as additive tree margins. */
export interface Refused {
  readonly refused: string;
}

export interface OperatorFacts {
  readonly classifier: boolean;
  readonly postTransform: string;
  readonly baseValues: readonly number[];
  /** Classifiers: class labels in class order. */
  readonly labels: readonly string[];
  /** Class (or target) ids that carry leaf weights. */
  readonly classIds: ReadonlySet<number>;
  /** Whether every row gets a weight for the class: some tree has one on each of its leaves. */
  readonly alwaysScored: (classId: number) => boolean;
  readonly targets: number;
  readonly aggregate: string;
  readonly treeCount: number;
  /** The regressor's output name (its label). */
  readonly outputName: string;
}

function regressorOutputs(f: OperatorFacts): OperatorOutputs | Refused {
  if (f.targets !== 1) return { refused: `the regressor has ${f.targets} targets; only one is read as trees` };
  if (f.aggregate !== 'SUM' && f.aggregate !== 'AVERAGE')
    return { refused: `aggregate_function ${f.aggregate} is not additive over trees` };
  // One target: onnxruntime applies no post transform but PROBIT (LOGISTIC and SOFTMAX leave the score as it is).
  if (f.postTransform === 'PROBIT') return { refused: 'post_transform PROBIT is not additive' };
  const coefficient = f.aggregate === 'AVERAGE' ? 1 / Math.max(1, f.treeCount) : 1;
  return {
    outputs: [
      {
        label: f.outputName,
        terms: [{ classId: 0, coefficient }],
        base: f.baseValues.length === 1 ? (f.baseValues[0] ?? 0) : 0,
        raw: { plus: 0 },
      },
    ],
    link: 'identity',
    rawWidth: 1,
  };
}

function binaryOutputs(f: OperatorFacts): OperatorOutputs | Refused {
  const positive = f.labels[1] ?? '1';
  const ids = [...f.classIds].sort((a, b) => a - b);
  const post = f.postTransform;
  if (post === 'PROBIT' || post === 'SOFTMAX_ZERO') return { refused: `post_transform ${post} is not additive` };
  if (f.baseValues.length > 1 && (ids.length > 1 || ids[0] !== 0))
    return {
      refused:
        'a binary classifier with two base values: onnxruntime replaces the positive score by base_values[1] plus the negative class score',
    };
  if (ids.length === 1 && ids[0] === 0) {
    if (f.baseValues.length > 1)
      return { refused: 'two base values with weights for class 0 only leave the positive score unset' };
    return {
      outputs: [
        { label: positive, terms: [{ classId: 0, coefficient: 1 }], base: f.baseValues[0] ?? 0, raw: { plus: 1 } },
      ],
      link: post === 'LOGISTIC' ? 'logistic' : 'identity',
      rawWidth: 2,
    };
  }
  if (ids.length === 1 && ids[0] === 1) {
    return {
      outputs: [{ label: positive, terms: [{ classId: 1, coefficient: 1 }], base: 0, raw: { plus: 1 } }],
      link: post === 'NONE' ? 'identity' : 'logistic',
      rawWidth: 2,
    };
  }
  if (ids.length !== 2 || ids[0] !== 0 || ids[1] !== 1)
    return { refused: `class ids ${ids.join(', ')} for two classes` };
  if (!f.alwaysScored(1)) return { refused: 'some rows reach no leaf weight for class 1' };
  const base0 = f.baseValues[0] ?? 0;
  if (base0 !== 0 && !f.alwaysScored(0)) return { refused: 'some rows reach no leaf weight for class 0' };
  if (post === 'SOFTMAX') {
    // softmax([s0, s1])[1] = sigmoid(s1 - s0): the margin is the difference.
    return {
      outputs: [
        {
          label: positive,
          terms: [
            { classId: 1, coefficient: 1 },
            { classId: 0, coefficient: -1 },
          ],
          base: -base0,
          raw: { plus: 1, minus: 0 },
        },
      ],
      link: 'logistic',
      rawWidth: 2,
    };
  }
  return {
    outputs: [{ label: positive, terms: [{ classId: 1, coefficient: 1 }], base: 0, raw: { plus: 1 } }],
    link: post === 'LOGISTIC' ? 'logistic' : 'identity',
    rawWidth: 2,
  };
}

function multiclassOutputs(f: OperatorFacts): OperatorOutputs | Refused {
  const classes = f.labels.length;
  const links: Record<string, OutputLink> = { NONE: 'identity', LOGISTIC: 'logistic', SOFTMAX: 'softmax' };
  const link = links[f.postTransform];
  if (!link) return { refused: `post_transform ${f.postTransform} is not additive` };
  if (f.baseValues.length > classes) return { refused: `${f.baseValues.length} base values for ${classes} classes` };
  if ([...f.classIds].some((id) => id < 0 || id >= classes))
    return { refused: `a class id outside the ${classes} classes` };
  return {
    outputs: f.labels.map((label, c) => ({
      label,
      terms: [{ classId: c, coefficient: 1 }],
      base: f.baseValues[c] ?? 0,
      raw: { plus: c },
    })),
    link,
    rawWidth: classes,
  };
}

/** The operator's explained outputs, or why its scores cannot be read as additive tree margins. */
export function operatorOutputs(f: OperatorFacts): OperatorOutputs | Refused {
  if (!f.classifier) return regressorOutputs(f);
  if (f.labels.length < 2) return { refused: `the classifier has ${f.labels.length} class labels` };
  return f.labels.length === 2 ? binaryOutputs(f) : multiclassOutputs(f);
}
