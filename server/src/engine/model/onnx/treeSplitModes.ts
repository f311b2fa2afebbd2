// ONNX tree split modes as the comparisons of treeEnsemble.ts, exactly as onnxruntime evaluates them: a node goes to its
// true child when `x MODE threshold` holds, or when x is NaN and the node's missing-value track is true. Comparisons
// with a NaN threshold are all false, except BRANCH_NEQ (x != NaN holds for every x, NaN included). Infinite
// thresholds are ordinary IEEE values: x <= +inf holds for every x but NaN, x < -inf for none. Every mode maps to one
// of x < t, x <= t, x == t with the true child on the left, or to its negation with the true child on the right, so
// no threshold is ever moved (moving one to the next float32, as this reader once did, is NaN past +inf).
import { SplitComparison } from '../treeEnsemble';

export const SPLIT_MODES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];

export interface ReadSplit {
  readonly comparison: number;
  readonly threshold: number;
  /** True when the mode's true child is the left one (the comparison holds); false for the negated modes. */
  readonly trueChildLeft: boolean;
  readonly missingGoesLeft: boolean;
}

export function isSplitMode(mode: string): mode is SplitMode {
  return (SPLIT_MODES as readonly string[]).includes(mode);
}

/** The split a node of mode `mode` makes; `missingTrue` is its nodes_missing_value_tracks_true. */
export function readSplit(mode: SplitMode, threshold: number, missingTrue: boolean): ReadSplit {
  // NaN goes to the true child with a missing track; without one every comparison with NaN is false, but x != t true.
  const nanGoesTrue = missingTrue || mode === 'BRANCH_NEQ';
  const split = (comparison: number, t: number, trueChildLeft: boolean): ReadSplit => ({
    comparison,
    threshold: t,
    trueChildLeft,
    missingGoesLeft: nanGoesTrue === trueChildLeft,
  });
  if (Number.isNaN(threshold)) {
    // x MODE NaN is false for every x: a split that never holds (x < -inf), with the true child on the left; NEQ holds
    // for every x: the same never-holding test with the true child on the right.
    return split(SplitComparison.LESS, Number.NEGATIVE_INFINITY, mode !== 'BRANCH_NEQ');
  }
  switch (mode) {
    case 'BRANCH_LT':
      return split(SplitComparison.LESS, threshold, true);
    case 'BRANCH_LEQ':
      return split(SplitComparison.LESS_OR_EQUAL, threshold, true);
    case 'BRANCH_GTE':
      // x >= t is not (x < t) for every x but NaN, and NaN is routed by the missing direction.
      return split(SplitComparison.LESS, threshold, false);
    case 'BRANCH_GT':
      return split(SplitComparison.LESS_OR_EQUAL, threshold, false);
    case 'BRANCH_EQ':
      return split(SplitComparison.EQUAL, threshold, true);
    case 'BRANCH_NEQ':
      return split(SplitComparison.EQUAL, threshold, false);
  }
}
