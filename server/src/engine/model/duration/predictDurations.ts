// Next-run duration of every job: the trained ensemble written as an ONNX TreeEnsembleRegressor and scored by
// onnxruntime (the runtime path every Preflight model takes), each prediction explained by exact TreeSHAP on the same
// trees. Jobs whose latest runs are too few for a median to mean anything are left out.
import type { RunHistory } from '../../history/runHistory';
import { createOnnxScorer } from '../onnx/onnxSession';
import { ONNX_MARGIN_OUTPUT, writeTreeEnsembleOnnx } from '../onnx/writeTreeEnsembleOnnx';
import { DURATION_FEATURE_NAMES } from './durationFeatures';
import { nextRunRows, type NextRunTrigger } from './durationTable';
import { explainDuration, type DurationFactor } from './explainDuration';
import { secondsOfMargin, type DurationModel } from './trainDurationModel';

export const DURATION_MODEL_KIND = 'preflight.job-duration/1';

export interface DurationPrediction {
  /** The API's job name (matrix leg included). */
  readonly job: string;
  /** From onnxruntime's margin (float32), relative to the recent median, turned into seconds. */
  readonly predictedSeconds: number;
  /** The baseline for the same job: median of its last 10 runs. */
  readonly recentMedianSeconds: number;
  readonly baseSeconds: number;
  /** The three largest contributions, in seconds (none when the model is the baseline). */
  readonly topFactors: readonly DurationFactor[];
}

const MIN_SAMPLES = 3;

export function durationModelOnnx(model: DurationModel): Uint8Array {
  return writeTreeEnsembleOnnx(model.ensemble, {
    producer: 'preflight',
    metadata: { 'preflight.kind': DURATION_MODEL_KIND, 'preflight.features': DURATION_FEATURE_NAMES.join(',') },
  });
}

export async function predictNextDurations(
  model: DurationModel,
  history: RunHistory,
  at: number,
  trigger?: NextRunTrigger,
): Promise<DurationPrediction[]> {
  const rows = nextRunRows(history, at, trigger).filter((r) => r.samples >= MIN_SAMPLES);
  if (rows.length === 0) return [];
  const f = DURATION_FEATURE_NAMES.length;
  // The baseline itself: nothing to score, nothing to explain.
  if (model.ensemble.trees.length === 0) {
    return rows
      .map((r) => ({
        job: r.name,
        predictedSeconds: r.baseline,
        recentMedianSeconds: r.baseline,
        baseSeconds: r.baseline,
        topFactors: [],
      }))
      .sort((a, b) => b.predictedSeconds - a.predictedSeconds);
  }
  const scorer = await createOnnxScorer(durationModelOnnx(model));
  try {
    const batch = new Float32Array(rows.length * f);
    rows.forEach((r, i) => {
      batch.set(r.values, i * f);
    });
    const margins = (await scorer.run(batch, rows.length))[ONNX_MARGIN_OUTPUT];
    if (!margins) throw new Error(`the duration model has no '${ONNX_MARGIN_OUTPUT}' output`);
    return rows
      .map((r, i) => {
        const explanation = explainDuration(model.ensemble, r.values, r.baseline);
        return {
          job: r.name,
          predictedSeconds: secondsOfMargin(margins[i] ?? 0, r.baseline),
          recentMedianSeconds: r.baseline,
          baseSeconds: explanation.baseSeconds,
          topFactors: explanation.factors.slice(0, 3),
        };
      })
      .sort((a, b) => b.predictedSeconds - a.predictedSeconds);
  } finally {
    await scorer.dispose();
  }
}
