// Failure risk scored by onnxruntime from the model's ONNX bytes (the runtime path the editor uses), then calibrated
// with the map stored in the model.
import { applyCalibration } from '../calibration';
import { createOnnxScorer, type OnnxScorer } from '../onnx/onnxSession';
import { ONNX_PROBABILITY_OUTPUT } from '../onnx/writeTreeEnsembleOnnx';
import type { FeatureValues } from '../featureValues';
import type { FailureModel } from './failureModel';

export interface RiskScorer {
  /** Calibrated failure probabilities for row-major rows. */
  score(values: FeatureValues, rowCount: number): Promise<Float64Array>;
  dispose(): Promise<void>;
}

export async function createRiskScorer(bytes: Uint8Array, model: FailureModel): Promise<RiskScorer> {
  const scorer: OnnxScorer = await createOnnxScorer(bytes);
  return {
    async score(values, rowCount) {
      const out = await scorer.run(Float32Array.from(values.subarray(0, rowCount * scorer.featureCount)), rowCount);
      const raw = out[ONNX_PROBABILITY_OUTPUT];
      if (!raw) throw new Error(`the model has no '${ONNX_PROBABILITY_OUTPUT}' output`);
      return Float64Array.from(raw, (p) => applyCalibration(model.calibration, p));
    },
    dispose: () => scorer.dispose(),
  };
}
