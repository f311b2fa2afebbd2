// Walk-forward evaluation, mirroring how the model is deployed: the extension retrains in the background on the
// repository's history, so the model in use at any moment learned from the runs that had FINISHED before then. The runs
// to predict are cut into windows (e.g. a week) from the first of them; each window is scored by a model trained on the
// labelled runs that completed before the window started. No label is used before its run has been predicted, and a run
// created before the window but still running at its start is not learned from. The tree count and threshold rule are
// fixed beforehand (chosen on validation); per window, as for the static model, trees grown on the earlier 80 % of the
// past calibrate (isotonic) and set the threshold (smoothed max F1) on its latest 20 %, then as many trees are grown on
// all of the past.
import { applyCalibration, fitIsotonic } from '../calibration';
import { DEFAULT_GBDT_OPTIONS, trainGbdt, type GbdtOptions } from '../gbdt/trainGbdt';
import { decisionReport, smoothedMaxF1Threshold, type ClassificationReport } from '../metrics';
import { isLabelled } from '../runs/runRecord';
import type { FeatureTable } from './features';
import { FEATURE_NAMES } from './featureSpecs';
import { rawProbabilities } from './scoreRows';
import { selectRows } from './timeSplit';

export interface WalkForwardWindow {
  /** [from, to) in ms since the epoch. */
  readonly from: number;
  readonly to: number;
  /** Table rows of the labelled runs completed before `from`, in creation order: what the window's model learns from. */
  readonly past: Int32Array;
  /** Table rows (of those asked for) created in the window. */
  readonly rows: Int32Array;
}

/** The non-empty windows of `stepMs` over `rows` (labelled table rows, in time order), from the first row's creation. */
export function walkForwardWindows(table: FeatureTable, rows: Int32Array, stepMs: number): WalkForwardWindow[] {
  const first = table.runs[rows[0] ?? -1]?.createdAt;
  if (first === undefined || !(stepMs > 0)) return [];
  const byWindow = new Map<number, number[]>();
  for (const r of rows) {
    const k = Math.floor(((table.runs[r]?.createdAt ?? first) - first) / stepMs);
    const list = byWindow.get(k) ?? [];
    list.push(r);
    byWindow.set(k, list);
  }
  return [...byWindow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, inWindow]) => {
      const from = first + k * stepMs;
      const past: number[] = [];
      table.runs.forEach((run, i) => {
        if (isLabelled(run) && run.completedAt !== undefined && run.completedAt < from) past.push(i);
      });
      return { from, to: from + stepMs, past: Int32Array.from(past), rows: Int32Array.from(inWindow) };
    });
}

export interface WalkForwardProgress {
  readonly window: number;
  readonly windows: number;
  readonly from: number;
  readonly pastRuns: number;
}

export interface WalkForwardOptions {
  readonly stepMs: number;
  /** Trees per model, fixed beforehand (no early stopping on the past's latest slice, which also calibrates). */
  readonly trees: number;
  readonly gbdt?: Partial<GbdtOptions>;
  /** Latest share of the past that calibrates and sets the threshold (default 0.2, as the static split's validation). */
  readonly calibrationFraction?: number;
  readonly onProgress?: (p: WalkForwardProgress) => void;
}

export interface WalkForwardStep {
  readonly from: string;
  readonly to: string;
  readonly pastRuns: number;
  readonly predicted: number;
  readonly failures: number;
  readonly threshold: number;
}

export interface WalkForwardPrediction {
  readonly row: number;
  readonly probability: number;
  readonly predictedFailure: boolean;
  readonly failed: boolean;
}

export interface WalkForwardReport {
  readonly stepDays: number;
  readonly trees: number;
  readonly steps: readonly WalkForwardStep[];
  /** Over all windows, each run judged by its window's threshold; `threshold` records the last window's. */
  readonly test: ClassificationReport;
  readonly seconds: number;
}

export type WalkForwardResult =
  | {
      readonly ok: true;
      readonly value: { readonly report: WalkForwardReport; readonly predictions: readonly WalkForwardPrediction[] };
    }
  | { readonly ok: false; readonly error: string };

const DAY_MS = 86_400_000;
/** Below this many past runs (or 1/5 of it in the calibration slice) a window's model would be noise. */
const MIN_PAST = 50;

export function walkForward(table: FeatureTable, rows: Int32Array, options: WalkForwardOptions): WalkForwardResult {
  const started = performance.now();
  const windows = walkForwardWindows(table, rows, options.stepMs);
  const gbdt: GbdtOptions = { ...DEFAULT_GBDT_OPTIONS, ...options.gbdt, maxTrees: options.trees };
  const calibrationFraction = options.calibrationFraction ?? 0.2;
  const steps: WalkForwardStep[] = [];
  const predictions: WalkForwardPrediction[] = [];
  for (const [w, window] of windows.entries()) {
    const { past } = window;
    const cut = Math.round(past.length * (1 - calibrationFraction));
    if (past.length < MIN_PAST || past.length - cut < MIN_PAST / 5) {
      return {
        ok: false,
        error: `the window from ${new Date(window.from).toISOString()} has ${past.length} finished success/failure runs before it; need at least ${MIN_PAST}`,
      };
    }
    options.onProgress?.({ window: w + 1, windows: windows.length, from: window.from, pastRuns: past.length });
    const early = selectRows(table, past.subarray(0, cut));
    const latest = selectRows(table, past.subarray(cut));
    const all = selectRows(table, past);
    if (!all.labels.includes(1) || !all.labels.includes(0))
      return {
        ok: false,
        error: `the runs before ${new Date(window.from).toISOString()} need both successes and failures`,
      };
    const calibrating = trainGbdt(early, undefined, FEATURE_NAMES, gbdt).ensemble;
    const rawLatest = rawProbabilities(calibrating, latest.values, latest.rowCount);
    const calibration = fitIsotonic(rawLatest, latest.labels);
    const threshold = smoothedMaxF1Threshold(
      latest.labels,
      rawLatest.map((p) => applyCalibration(calibration, p)),
    );
    const ensemble = trainGbdt(all, undefined, FEATURE_NAMES, gbdt).ensemble;
    const scored = selectRows(table, window.rows);
    const probabilities = rawProbabilities(ensemble, scored.values, scored.rowCount).map((p) =>
      applyCalibration(calibration, p),
    );
    window.rows.forEach((row, k) => {
      const probability = probabilities[k] ?? 0;
      predictions.push({
        row,
        probability,
        predictedFailure: probability >= threshold,
        failed: scored.labels[k] === 1,
      });
    });
    steps.push({
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      pastRuns: past.length,
      predicted: scored.rowCount,
      failures: scored.labels.reduce((a, b) => a + b, 0),
      threshold,
    });
  }
  const test = decisionReport(
    predictions.map((p) => (p.failed ? 1 : 0)),
    predictions.map((p) => p.probability),
    predictions.map((p) => p.predictedFailure),
    steps[steps.length - 1]?.threshold ?? Number.NaN,
  );
  return {
    ok: true,
    value: {
      report: {
        stepDays: options.stepMs / DAY_MS,
        trees: options.trees,
        steps,
        test,
        seconds: (performance.now() - started) / 1000,
      },
      predictions,
    },
  };
}
