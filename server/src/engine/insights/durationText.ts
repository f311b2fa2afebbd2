// Durations as people read them ("12m 40s", "18m", "45s") and the one-line job summary the CodeLens and the graph
// show: "median 12m 40s · p90 18m · +35% over last 30 runs".
import type { DurationSummary } from './durations';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}

/** The trend is mentioned only when it is large enough to matter (|change| ≥ 10%). */
export function durationLine(summary: DurationSummary): string {
  const parts = [`median ${formatDuration(summary.medianSeconds)}`, `p90 ${formatDuration(summary.p90Seconds)}`];
  const trend = summary.trend;
  if (trend && Math.abs(trend.changePercent) >= 10) {
    parts.push(`${trend.changePercent > 0 ? '+' : '−'}${Math.round(Math.abs(trend.changePercent))}% over last ${trend.runs} runs`);
  }
  return parts.join(' · ');
}
