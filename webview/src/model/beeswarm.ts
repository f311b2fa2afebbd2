// Beeswarm summary: one lane per feature (most important on top), one dot per explained row at its SHAP value, coloured
// from the feature's low values (blue) to its high values (red). Dots that would overlap are stacked outwards from the
// lane's centre line, so dense regions read as width, as in the SHAP library's summary plot.
// The words (feature names, the axis) are HTML beside and under the plot, at the editor's font size; the plot is an SVG
// drawn at the pixel width it gets (and again when that changes), so neither text nor dots shrink in a narrow editor.
import { h } from '../dom.js';
import { svg, svgTitle } from '../svg.js';
import { formatShap, formatValue } from './format.js';
import type { ShownOutput } from './shownOutput.js';

const LANE_HEIGHT = 26;
const DOT_RADIUS = 3;
const MAX_LANES = 20;
/** Drawn at this width until the plot is on screen and measured. */
const FIRST_WIDTH = 480;

/** Position of each dot's centre in lane coordinates: swarm by pixel bins, alternating above and below the centre. */
function swarmOffsets(xs: readonly number[]): number[] {
  const step = DOT_RADIUS * 1.6;
  const occupancy = new Map<number, number>();
  return xs.map((x) => {
    const bin = Math.round(x / (DOT_RADIUS * 2));
    const n = occupancy.get(bin) ?? 0;
    occupancy.set(bin, n + 1);
    const level = Math.ceil(n / 2);
    const offset = Math.min(level * step, LANE_HEIGHT / 2 - DOT_RADIUS);
    return n % 2 === 1 ? -offset : offset;
  });
}

function valueColour(fraction: number): string {
  const red = Math.round(fraction * 100);
  return `color-mix(in srgb, var(--vscode-charts-red, #d33) ${red}%, var(--vscode-charts-blue, #37f))`;
}

function plot(explanation: ShownOutput, lanes: readonly number[], extent: number, width: number): SVGSVGElement {
  const x = (v: number): number => width / 2 + (v / extent) * (width / 2 - DOT_RADIUS);
  const height = lanes.length * LANE_HEIGHT;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    class: 'beeswarm',
    'data-testid': 'beeswarm',
    'aria-label': `SHAP values of ${explanation.rows.length} rows for the ${lanes.length} most important features`,
  });
  chart.append(svg('line', { x1: x(0), x2: x(0), y1: 0, y2: height, class: 'axis-zero' }));
  lanes.forEach((feature, lane) => {
    const centre = lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const name = explanation.features[feature] ?? '';
    const values = explanation.rows.map((r) => r.features[feature] ?? null);
    const finite = values.filter((v): v is number => v !== null);
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const xs = explanation.rows.map((r) => x(r.shap[feature] ?? 0));
    const offsets = swarmOffsets(xs);
    const group = svg('g', { class: 'lane' });
    explanation.rows.forEach((row, i) => {
      const value = values[i] ?? null;
      const fraction = value === null || hi === lo ? 0.5 : (value - lo) / (hi - lo);
      const dot = svg(
        'circle',
        { cx: (xs[i] ?? 0).toFixed(1), cy: (centre + (offsets[i] ?? 0)).toFixed(1), r: DOT_RADIUS },
        svgTitle(`row ${row.index + 1}: ${name} = ${formatValue(value)}, SHAP ${formatShap(row.shap[feature] ?? 0)}`),
      );
      dot.style.fill = value === null ? 'var(--vscode-disabledForeground, gray)' : valueColour(fraction);
      group.append(dot);
    });
    chart.append(group);
  });
  return chart;
}

export function renderBeeswarm(explanation: ShownOutput): HTMLElement {
  const order = explanation.importance
    .map((imp) => explanation.features.indexOf(imp.feature))
    .filter((i) => i >= 0)
    .sort((a, b) => (explanation.importance[b]?.meanAbsShap ?? 0) - (explanation.importance[a]?.meanAbsShap ?? 0));
  const lanes = [...new Set(order)].slice(0, MAX_LANES);
  const all = explanation.rows.flatMap((r) => lanes.map((f) => r.shap[f] ?? 0));
  const extent = Math.max(1e-9, ...all.map(Math.abs));
  const labels = lanes.map((f) => {
    const name = explanation.features[f] ?? '';
    return h('span', { className: 'swarm-label', text: name, attrs: { title: name } });
  });
  const area = h('div', { className: 'swarm-plot' });
  let drawnWidth = 0;
  const draw = (width: number): void => {
    drawnWidth = width;
    area.replaceChildren(plot(explanation, lanes, extent, width));
  };
  draw(FIRST_WIDTH);
  const resized = new ResizeObserver((entries) => {
    if (!area.isConnected) {
      resized.disconnect();
      return;
    }
    const width = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (width > 0 && width !== drawnWidth) draw(width);
  });
  resized.observe(area);
  // The axis under the plot: the extent is symmetric, so 0 sits in the middle.
  const axis = h(
    'div',
    { className: 'swarm-axis', attrs: { 'aria-hidden': 'true' } },
    h('span', { text: formatShap(-extent) }),
    h('span', { text: '0' }),
    h('span', { text: formatShap(extent) }),
  );
  const swarm = h(
    'div',
    { className: 'swarm' },
    h('div', { className: 'swarm-labels' }, ...labels),
    area,
    h('span'),
    axis,
  );
  const legend = h(
    'p',
    { className: 'legend' },
    h('span', { className: 'legend-low', text: 'low' }),
    h('span', { className: 'legend-ramp' }),
    h('span', { className: 'legend-high', text: 'high' }),
    h('span', { text: ' feature value' }),
  );
  return h(
    'section',
    { className: 'card wide', testId: 'beeswarm-section', attrs: { 'aria-labelledby': 'beeswarm-title' } },
    h('h2', { text: 'SHAP summary', attrs: { id: 'beeswarm-title' } }),
    h('p', {
      className: 'hint',
      text: `Each dot is one row; right of the line pushes the ${explanation.units}${explanation.className === undefined ? '' : ` of class ${explanation.className}`} up.`,
    }),
    swarm,
    legend,
  );
}
