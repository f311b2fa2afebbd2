// Number formatting shared by the model view's sections: short, fixed width where it helps scanning columns.

export function formatShap(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatMagnitude(Math.abs(value))}`;
}

export function formatMagnitude(value: number): string {
  if (value === 0) return '0';
  if (value >= 100 || value < 0.001) return value.toExponential(2);
  return value.toPrecision(3);
}

export function formatValue(value: number | null): string {
  if (value === null) return 'missing';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 || Math.abs(value) < 0.01 ? value.toExponential(2) : value.toFixed(Math.abs(value) < 10 ? 3 : 1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** SVG text does not ellipsize by itself: long feature names are cut here (the full name is in the tooltip). */
export function truncateLabel(text: string, max = 30): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
