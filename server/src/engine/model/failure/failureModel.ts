// A trained failure-risk model: the tree ensemble (scored by onnxruntime from the ONNX graph) plus what the runtime needs
// around it, stored in the ONNX file's metadata_props: calibration, decision threshold, per-node covers (ONNX stores
// none, and exact TreeSHAP needs them), the training distribution for drift, and training facts for the model card.
import type { IsotonicCalibration } from '../calibration';
import type { DriftReference } from '../monitoring';
import type { TreeEnsemble } from '../treeEnsemble';

export const FAILURE_MODEL_KIND = 'preflight.failure-risk/1';
export const METADATA_KIND_KEY = 'preflight.kind';
export const METADATA_MODEL_KEY = 'preflight.failure-model';

export interface TrainingFacts {
  readonly trainedAt: string;
  readonly trainRuns: number;
  readonly validRuns: number;
  readonly failureRate: number;
  /** Creation time of the first and last run the model learned from (train + validation). */
  readonly from: string;
  readonly to: string;
  readonly trees: number;
}

export interface FailureModel {
  readonly ensemble: TreeEnsemble;
  readonly calibration: IsotonicCalibration;
  /** On the calibrated probability: predict failure at or above it (chosen on validation: smoothed max F1). */
  readonly threshold: number;
  readonly drift: DriftReference;
  readonly training: TrainingFacts;
}

/** What goes into metadata besides the trees themselves. */
export interface FailureModelMetadata {
  readonly featureNames: readonly string[];
  readonly calibration: IsotonicCalibration;
  readonly threshold: number;
  readonly drift: DriftReference;
  readonly training: TrainingFacts;
  /** Per tree, per node: hessian cover. */
  readonly covers: readonly (readonly number[])[];
}

/** Rounds to 6 significant digits for metadata: covers and drift shares need no more, and the file stays small. */
export function compact(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

export function metadataOf(model: FailureModel): Record<string, string> {
  const meta: FailureModelMetadata = {
    featureNames: model.ensemble.featureNames,
    calibration: model.calibration,
    threshold: model.threshold,
    drift: { edges: model.drift.edges, shares: model.drift.shares.map((s) => s.map(compact)) },
    training: model.training,
    covers: model.ensemble.trees.map((t) => Array.from(t.cover, compact)),
  };
  return { [METADATA_KIND_KEY]: FAILURE_MODEL_KIND, [METADATA_MODEL_KEY]: JSON.stringify(meta) };
}
