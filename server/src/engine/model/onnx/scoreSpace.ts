// What a model's score output means, read from the model itself: a probability, or log-odds (a logit, a classifier's
// raw margin). A decision threshold is a probability; applied to log-odds it must become log(t / (1 − t)), else a logit
// model thresholded at 0.5 selects only rows with p ≥ 0.62. The graph is followed back from the output through
// shape-only nodes to the node that computes it: a Sigmoid or Softmax, or an ONNX-ML operator's `post_transform`, say
// what it is. Only when the graph does not tell (a regressor with no transform, a network's last Gemm) does the output's
// name decide ("probabilities", "logits", "margin"), and when neither does the caller must say it cannot tell.
import { attributeOf, textOf, type OnnxGraph, type OnnxNode } from './onnxModel';
import type { ScoreSpace } from './scoreSpaceNames';

export type { ScoreSpace } from './scoreSpaceNames';

export interface ScoreSpaceReading {
  /** Absent when the model does not tell. */
  readonly space?: ScoreSpace;
  /** How it was read, or why it could not be, as a clause for messages: "it comes from a Sigmoid node". */
  readonly basis: string;
  /** True when the graph's operators decided (not the output's name): a setting that contradicts it is an error. */
  readonly fromGraph: boolean;
}

/** Nodes that move values without changing what they mean. */
const SHAPE_ONLY = new Set([
  'Identity',
  'Cast',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Slice',
  'Gather',
  'Transpose',
  'Dropout',
  'ArrayFeatureExtractor',
]);

/** Operators whose output is a probability whatever feeds them. */
const PROBABILITY_OPS = new Set(['Sigmoid', 'Softmax', 'HardSigmoid']);

/** ONNX-ML operators with a `post_transform`, and the output index that carries their scores. */
const TRANSFORMING_OPS: Readonly<Record<string, number>> = {
  TreeEnsembleClassifier: 1,
  LinearClassifier: 1,
  SVMClassifier: 1,
  TreeEnsembleRegressor: 0,
  LinearRegressor: 0,
  SVMRegressor: 0,
};

/** post_transform values whose result is a probability (ONNX-ML: LOGISTIC, SOFTMAX, SOFTMAX_ZERO, PROBIT). */
const PROBABILITY_TRANSFORMS = new Set(['LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO', 'PROBIT']);

const LOGIT_NAME = /logit|margin|log_?odds|raw_?score|decision_function/i;
const PROBABILITY_NAME = /prob/i;

function fromName(output: string, why: string): ScoreSpaceReading {
  if (LOGIT_NAME.test(output))
    return { space: 'logit', basis: `${why}, and its name '${output}' says log-odds`, fromGraph: false };
  if (PROBABILITY_NAME.test(output))
    return { space: 'probability', basis: `${why}, and its name '${output}' says probability`, fromGraph: false };
  return { basis: `${why}, and its name '${output}' does not say`, fromGraph: false };
}

function transformed(node: OnnxNode, op: string): ScoreSpaceReading | string {
  const post = textOf(attributeOf(node, 'post_transform')?.s) || 'NONE';
  if (PROBABILITY_TRANSFORMS.has(post))
    return { space: 'probability', basis: `it comes from a ${op} with post_transform ${post}`, fromGraph: true };
  if (op === 'TreeEnsembleClassifier') {
    // onnxruntime's binary tree classifier with no transform outputs the summed class weights: proportions or votes
    // when every weight is >= 0 (a random forest), a signed margin otherwise (boosting), whose label output predicts
    // the positive class above 0, where a logit does.
    const weights = attributeOf(node, 'class_weights')?.floats ?? [];
    return weights.some((w) => w < 0)
      ? {
          space: 'logit',
          basis: `it comes from a TreeEnsembleClassifier with post_transform NONE and signed class weights (a raw margin)`,
          fromGraph: true,
        }
      : {
          space: 'probability',
          basis: `it comes from a TreeEnsembleClassifier with post_transform NONE and non-negative class weights (votes or proportions)`,
          fromGraph: true,
        };
  }
  return `it comes from a ${op} with post_transform ${post} (raw scores: log-odds or a regression value)`;
}

/** Reads what output `output` of `graph` means. */
export function readScoreSpace(graph: OnnxGraph | undefined, output: string): ScoreSpaceReading {
  const producers = new Map<string, { node: OnnxNode; index: number }>();
  for (const node of graph?.node ?? []) node.output.forEach((o, index) => producers.set(o, { node, index }));
  let tensor = output;
  // A graph is acyclic, but a malformed one may not be: stop after as many steps as there are nodes.
  for (let step = 0; step <= producers.size; step++) {
    const producer = producers.get(tensor);
    if (!producer) return fromName(output, `the graph computes no operator on the way to it`);
    const { node, index } = producer;
    const op = node.op_type ?? '';
    if (op === 'ZipMap' || SHAPE_ONLY.has(op)) {
      tensor = node.input[0] ?? '';
      continue;
    }
    if (PROBABILITY_OPS.has(op)) return { space: 'probability', basis: `it comes from a ${op} node`, fromGraph: true };
    const scoresAt = TRANSFORMING_OPS[op];
    if (scoresAt !== undefined && index === scoresAt) {
      const read = transformed(node, op);
      return typeof read === 'string' ? fromName(output, read) : read;
    }
    return fromName(output, `it comes from a ${op || 'nameless'} node, which does not say`);
  }
  return fromName(output, 'its graph has a cycle');
}
