// The failure model's probabilities for many feature rows at once (row-major, as FeatureTable and selectRows keep them):
// raw (the trees' sigmoid, what calibration is fitted on) or calibrated (what is shown and judged). Training, the
// walk-forward evaluation and the retraining comparison all score this way.
import { applyCalibration } from '../calibration';
import { predictMargin } from '../scoreTreeEnsemble';
import type { FeatureValues } from '../featureValues';
import type { TreeEnsemble } from '../treeEnsemble';
import type { FailureModel } from './failureModel';

export function rawProbabilities(ensemble: TreeEnsemble, values: FeatureValues, rowCount: number): Float64Array {
  const f = ensemble.featureNames.length;
  return Float64Array.from(
    { length: rowCount },
    (_, i) => 1 / (1 + Math.exp(-predictMargin(ensemble, values.subarray(i * f, (i + 1) * f)))),
  );
}

export function calibratedProbabilities(
  model: Pick<FailureModel, 'ensemble' | 'calibration'>,
  values: FeatureValues,
  rowCount: number,
): Float64Array {
  return rawProbabilities(model.ensemble, values, rowCount).map((p) => applyCalibration(model.calibration, p));
}
