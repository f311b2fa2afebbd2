// Durations as people read them ("12m 40s", "18m", "45s") and the one-line job summary the CodeLens and the graph
// show: "median 12m 40s · p90 18m · +35% over last 30 runs".
import { formatDuration } from '../../../../protocol/durationText';
import type { DurationSummary } from './durations';

export { formatDuration };

/** The trend is mentioned only when it is large enough to matter (|change| ≥ 10%). */
export function durationLine(summary: DurationSummary): string {
  const parts = [`median ${formatDuration(summary.medianSeconds)}`, `p90 ${formatDuration(summary.p90Seconds)}`];
  const trend = summary.trend;
  if (trend && Math.abs(trend.changePercent) >= 10) {
    parts.push(
      `${trend.changePercent > 0 ? '+' : '−'}${Math.round(Math.abs(trend.changePercent))}% over last ${trend.runs} runs`,
    );
  }
  return parts.join(' · ');
}
