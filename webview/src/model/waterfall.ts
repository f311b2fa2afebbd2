// Per-row waterfall: from the base value (the model's average output over the background), each feature's SHAP value
// moves the output up or down until it reaches this row's prediction. The largest contributions are drawn; the rest are
// folded into one "other features" step so the chart stays readable for wide models.
import type { ExplainedRow, ModelExplanation } from '../../../protocol/modelReport.js';
import { h, setText } from '../dom.js';
import { formatShap, formatValue, truncateLabel } from './format.js';
import { svg, svgText, svgTitle } from '../svg.js';

const SHOWN_STEPS = 10;
const STEP_HEIGHT = 24;
const LABEL_WIDTH = 220;
const PLOT_WIDTH = 380;

interface Step { readonly label: string; readonly delta: number }

function steps(explanation: ModelExplanation, row: ExplainedRow): Step[] {
  const order = row.shap.map((v, i) => ({ v, i })).sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  const shown = order.slice(0, SHOWN_STEPS).map(({ v, i }) => ({
    label: `${explanation.features[i] ?? `#${i}`} = ${formatValue(row.features[i] ?? null)}`,
    delta: v,
  }));
  const rest = order.slice(SHOWN_STEPS);
  if (rest.length > 0) shown.push({ label: `${rest.length} other features`, delta: rest.reduce((s, { v }) => s + v, 0) });
  return shown;
}

/** What one waterfall draws: steps from a base to a value, with how to word the ends and each step. */
export interface WaterfallSpec {
  readonly steps: readonly Step[];
  readonly base: number;
  readonly value: number;
  readonly baseLabel: string;
  readonly valueLabel: string;
  readonly formatDelta: (delta: number) => string;
  readonly ariaLabel: string;
}

export type { Step as WaterfallStep };

function drawRow(explanation: ModelExplanation, row: ExplainedRow): SVGSVGElement {
  return drawWaterfall({
    steps: steps(explanation, row),
    base: row.baseValue,
    value: row.value,
    baseLabel: `base value ${formatValue(row.baseValue)}`,
    valueLabel: `prediction ${formatValue(row.value)}`,
    formatDelta: formatShap,
    ariaLabel: `Row ${row.index + 1}: base ${formatValue(row.baseValue)}, prediction ${formatValue(row.value)}`,
  });
}

export function drawWaterfall(spec: WaterfallSpec): SVGSVGElement {
  // Bars are drawn from the prediction back to the base (largest last is SHAP's convention read bottom-up; we read top-down
  // from the base instead, which matches how people narrate it: "starting from the average, this pushed it up...").
  let running = spec.base;
  const spans = spec.steps.map((s) => { const from = running; running += s.delta; return { ...s, from, to: running }; });
  const points = [spec.base, spec.value, ...spans.flatMap((s) => [s.from, s.to])];
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  const scale = (v: number): number => LABEL_WIDTH + ((v - lo) / Math.max(1e-12, hi - lo)) * (PLOT_WIDTH - 60);
  const height = (spans.length + 2) * STEP_HEIGHT + 8;
  const chart = svg('svg', { viewBox: `0 0 ${LABEL_WIDTH + PLOT_WIDTH} ${height}`, role: 'img', class: 'waterfall', 'data-testid': 'waterfall', 'aria-label': spec.ariaLabel });
  chart.append(svgText(spec.baseLabel, { x: LABEL_WIDTH - 8, y: STEP_HEIGHT - 8, 'text-anchor': 'end', class: 'lane-label' }));
  chart.append(svg('line', { x1: scale(spec.base), x2: scale(spec.base), y1: 4, y2: height - STEP_HEIGHT, class: 'axis-zero' }));
  spans.forEach((s, i) => {
    const y = (i + 1) * STEP_HEIGHT + 4;
    const left = Math.min(scale(s.from), scale(s.to));
    const width = Math.max(1.5, Math.abs(scale(s.to) - scale(s.from)));
    chart.append(
      svgText(truncateLabel(s.label, 34), { x: LABEL_WIDTH - 8, y: y + 12, 'text-anchor': 'end', class: 'lane-label' }),
      svg('rect', { x: left.toFixed(1), y, width: width.toFixed(1), height: STEP_HEIGHT - 8, rx: 2, class: s.delta >= 0 ? 'push-up' : 'push-down' },
        svgTitle(`${s.label}: ${spec.formatDelta(s.delta)}`)),
      svgText(spec.formatDelta(s.delta), { x: (left + width + 4).toFixed(1), y: y + 12, class: 'step-value' }),
    );
  });
  const lastY = (spans.length + 1) * STEP_HEIGHT + 4;
  chart.append(svgText(spec.valueLabel, { x: LABEL_WIDTH - 8, y: lastY + 12, 'text-anchor': 'end', class: 'lane-label strong' }),
    svg('line', { x1: scale(spec.value), x2: scale(spec.value), y1: STEP_HEIGHT, y2: lastY + STEP_HEIGHT - 6, class: 'prediction-line' }));
  return chart;
}

/** The waterfall card with a row picker (buttons, and ←/→ while the card has focus). */
export function renderWaterfall(explanation: ModelExplanation): HTMLElement {
  let current = 0;
  const caption = h('span', { className: 'row-caption', attrs: { 'aria-live': 'polite' } });
  const holder = h('div', { className: 'waterfall-holder' });
  const show = (index: number): void => {
    const count = explanation.rows.length;
    current = (index + count) % count;
    const row = explanation.rows[current];
    if (!row) return;
    setText(caption, `Row ${row.index + 1} (${current + 1} of ${count} shown)`);
    holder.replaceChildren(drawRow(explanation, row));
  };
  const previous = h('vscode-button', { testId: 'waterfall-previous', attrs: { secondary: '', 'aria-label': 'Previous row' } }, h('span', { className: 'codicon codicon-chevron-left', attrs: { 'aria-hidden': 'true' } }));
  const next = h('vscode-button', { testId: 'waterfall-next', attrs: { secondary: '', 'aria-label': 'Next row' } }, h('span', { className: 'codicon codicon-chevron-right', attrs: { 'aria-hidden': 'true' } }));
  previous.addEventListener('click', () => { show(current - 1); });
  next.addEventListener('click', () => { show(current + 1); });
  const card = h('section', { className: 'card wide', testId: 'waterfall-section', attrs: { 'aria-labelledby': 'waterfall-title', tabindex: '0' } },
    h('div', { className: 'card-head' }, h('h2', { text: 'Why this prediction', attrs: { id: 'waterfall-title' } }), previous, caption, next),
    holder);
  card.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') { show(current + 1); event.preventDefault(); }
    if (event.key === 'ArrowLeft') { show(current - 1); event.preventDefault(); }
  });
  if (explanation.rows.length > 0) show(0);
  return card;
}
