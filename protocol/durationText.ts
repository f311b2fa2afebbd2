// Durations as people read them, written once for the engine, the CLI and the panel (which may import only protocol/).
//   plain:   "45s", "12m 40s", "18m", "1h 5m": rounded to the second, zero parts left out.
//   ticking: "42s", "3m 05s", "1h 02m": a clock that counts up while a run goes on, floored (it never shows a second
//            that has not passed) and fixed in shape, so the text barely changes width from one tick to the next.

export type DurationStyle = 'plain' | 'ticking';

export function formatDuration(seconds: number, style: DurationStyle = 'plain'): string {
  if (!Number.isFinite(seconds)) return '–';
  const total = Math.max(0, style === 'ticking' ? Math.floor(seconds) : Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (style === 'ticking') {
    if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
    return m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
  }
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}
