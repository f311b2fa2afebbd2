// How the fairness gate turns a model's scores into decisions: the decision threshold is a probability, so it is
// applied as is to a probability and as log(t / (1 − t)) to log-odds (0 for 0.5). What the score is comes from the
// MLmodel's `score_space` when set, else from the model (onnx/scoreSpace.ts). Every doubt becomes a `problem` the gate
// reports, so a logit is never silently thresholded at 0.5: the space unknown, a setting the graph contradicts, or a
// "probability" outside [0, 1].
import type { FairnessDecision } from '../../../../../protocol/modelReport';
import type { ScoreSpace, ScoreSpaceReading } from '../onnx/scoreSpace';

export interface DecisionRule extends FairnessDecision {
  /** The threshold in the output's own space: what each score is compared with (score >= cut: positive). */
  readonly cut: number;
}

/** Scores a probability may take, with float32 rounding. */
const PROBABILITY_SLACK = 1e-6;

const described = (space: ScoreSpace): string => (space === 'logit' ? 'log-odds' : 'a probability');

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function decisionRule(input: {
  readonly output: string;
  readonly reading: ScoreSpaceReading;
  /** `metadata.preflight.score_space`, when set. */
  readonly declared?: ScoreSpace;
  /** The decision threshold, a probability. */
  readonly threshold: number;
  readonly scores: ArrayLike<number>;
}): DecisionRule {
  const { output, reading, declared, threshold } = input;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < input.scores.length; i++) {
    const v = input.scores[i] ?? Number.NaN;
    if (Number.isNaN(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const range = low <= high ? `from ${low.toPrecision(4)} to ${high.toPrecision(4)}` : 'no values';
  const outsideUnit = low < -PROBABILITY_SLACK || high > 1 + PROBABILITY_SLACK;
  const rule = (space: ScoreSpace, basis: string, problem?: string): DecisionRule => ({
    output,
    space,
    basis,
    threshold,
    cut: space === 'logit' ? logit(threshold) : threshold,
    ...(problem === undefined ? {} : { problem }),
  });
  if (declared !== undefined) {
    const basis = 'metadata.preflight.score_space says so';
    if (reading.fromGraph && reading.space !== undefined && reading.space !== declared)
      return rule(
        declared,
        basis,
        `metadata.preflight.score_space says output '${output}' is ${described(declared)}, but ${reading.basis}, so it is ${described(reading.space)}: set score_space to ${reading.space} or remove it`,
      );
    if (declared === 'probability' && outsideUnit)
      return rule(
        declared,
        basis,
        `metadata.preflight.score_space says output '${output}' is a probability, but its values range ${range}, outside [0, 1]: set score_space to logit if they are log-odds`,
      );
    return rule(declared, basis);
  }
  if (reading.space !== undefined) {
    if (reading.space === 'probability' && outsideUnit)
      return rule(
        reading.space,
        reading.basis,
        `output '${output}' is read as a probability (${reading.basis}), but its values range ${range}, outside [0, 1]: set metadata.preflight.score_space to probability or logit to say what it is`,
      );
    return rule(reading.space, reading.basis);
  }
  // Unknown: the figures still need some reading; values outside [0, 1] cannot be probabilities.
  const assumed: ScoreSpace = outsideUnit ? 'logit' : 'probability';
  return {
    ...rule(
      assumed,
      reading.basis,
      `cannot tell whether output '${output}' is a probability or log-odds: ${reading.basis}. Its values (${range}) were read as ${described(assumed)}${outsideUnit ? ', since they leave [0, 1]' : ''}, so the figures may be wrong: set metadata.preflight.score_space to probability or logit`,
    ),
    space: null,
  };
}
