// The duration model's section of `preflight insights --format text`: how it did against the baseline on held-out
// later runs, then each job's predicted next duration with the factors that push it up or down the most.
import { formatDuration } from '../../engine/insights/durationText';
import type { DurationModelReport } from '../../engine/model/duration/durationInsights';

/** Errors of a few seconds matter here: tenths below a minute. */
const error = (seconds: number): string => (seconds < 60 ? `${seconds.toFixed(1)}s` : formatDuration(seconds));
const signed = (seconds: number): string => `${seconds >= 0 ? '+' : '−'}${formatDuration(Math.abs(seconds))}`;

export function formatDurationModelText(report: DurationModelReport): string[] {
  if (!report.available) return [`Next-run durations: no model; ${report.reason}.`];
  const e = report.evaluation;
  const lines = [
    e.fallback
      ? `Next-run durations (the model trained on ${e.rows.train} job runs did no better than the median of the last 10 runs on the validation runs, so it predicts that median):`
      : `Next-run durations (model trained on ${e.rows.train} job runs in ${e.trainSeconds.toFixed(2)} s, ${e.trees} trees):`,
    `  held-out later runs (${e.rows.test}, ${e.testFrom.slice(0, 10)} to ${e.testTo.slice(0, 10)}): mean absolute error ${error(e.modelMae)}, vs ${error(e.baselineMae)} for the median of the last 10 runs`,
  ];
  for (const p of report.predictions) {
    lines.push(
      `  ${p.job}: ≈ ${formatDuration(p.predictedSeconds)} (median of last 10: ${formatDuration(p.recentMedianSeconds)})`,
    );
    if (p.topFactors.length > 0)
      lines.push(`    why: ${p.topFactors.map((f) => `${f.reason} ${signed(f.seconds)}`).join('; ')}`);
  }
  return lines;
}
