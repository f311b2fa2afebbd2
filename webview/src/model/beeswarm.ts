// Beeswarm summary: one lane per feature (most important on top), one dot per explained row at its SHAP value, coloured
// from the feature's low values (blue) to its high values (red). Dots that would overlap are stacked outwards from the
// lane's centre line, so dense regions read as width, as in the SHAP library's summary plot.
import type { ModelExplanation } from '../../../protocol/modelReport.js';
import { h } from '../dom.js';
import { formatShap, formatValue, truncateLabel } from './format.js';
import { svg, svgText, svgTitle } from '../svg.js';

const LANE_HEIGHT = 26;
const LABEL_WIDTH = 150;
const PLOT_WIDTH = 460;
const DOT_RADIUS = 2.6;
const MAX_LANES = 20;

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

export function renderBeeswarm(explanation: ModelExplanation): HTMLElement {
  const order = explanation.importance
    .map((imp) => explanation.features.indexOf(imp.feature))
    .filter((i) => i >= 0)
    .sort((a, b) => (explanation.importance[b]?.meanAbsShap ?? 0) - (explanation.importance[a]?.meanAbsShap ?? 0));
  const lanes = [...new Set(order)].slice(0, MAX_LANES);
  const all = explanation.rows.flatMap((r) => lanes.map((f) => r.shap[f] ?? 0));
  const extent = Math.max(1e-9, ...all.map(Math.abs));
  const x = (v: number): number => LABEL_WIDTH + PLOT_WIDTH / 2 + (v / extent) * (PLOT_WIDTH / 2 - DOT_RADIUS);
  const height = lanes.length * LANE_HEIGHT + 24;
  const chart = svg('svg', { viewBox: `0 0 ${LABEL_WIDTH + PLOT_WIDTH + 10} ${height}`, role: 'img', class: 'beeswarm', 'data-testid': 'beeswarm',
    'aria-label': `SHAP values of ${explanation.rows.length} rows for the ${lanes.length} most important features` });
  chart.append(svg('line', { x1: x(0), x2: x(0), y1: 0, y2: lanes.length * LANE_HEIGHT, class: 'axis-zero' }));
  lanes.forEach((feature, lane) => {
    const centre = lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const name = explanation.features[feature] ?? '';
    chart.append(svgText(truncateLabel(name, 24), { x: LABEL_WIDTH - 8, y: centre + 4, 'text-anchor': 'end', class: 'lane-label' }));
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
      const dot = svg('circle', { cx: (xs[i] ?? 0).toFixed(1), cy: (centre + (offsets[i] ?? 0)).toFixed(1), r: DOT_RADIUS },
        svgTitle(`row ${row.index + 1}: ${name} = ${formatValue(value)}, SHAP ${formatShap(row.shap[feature] ?? 0)}`));
      dot.style.fill = value === null ? 'var(--vscode-disabledForeground, gray)' : valueColour(fraction);
      group.append(dot);
    });
    chart.append(group);
  });
  const axisY = lanes.length * LANE_HEIGHT + 16;
  chart.append(
    svgText(formatShap(-extent), { x: LABEL_WIDTH, y: axisY, class: 'axis-label' }),
    svgText('0', { x: x(0), y: axisY, 'text-anchor': 'middle', class: 'axis-label' }),
    svgText(formatShap(extent), { x: LABEL_WIDTH + PLOT_WIDTH, y: axisY, 'text-anchor': 'end', class: 'axis-label' }),
  );
  const legend = h('p', { className: 'legend' },
    h('span', { className: 'legend-low', text: 'low' }), h('span', { className: 'legend-ramp' }), h('span', { className: 'legend-high', text: 'high' }),
    h('span', { text: ' feature value' }));
  return h('section', { className: 'card wide', testId: 'beeswarm-section', attrs: { 'aria-labelledby': 'beeswarm-title' } },
    h('h2', { text: 'SHAP summary', attrs: { id: 'beeswarm-title' } }),
    h('p', { className: 'hint', text: `Each dot is one row; right of the line pushes the ${explanation.outputSpace === 'margin' ? 'log-odds' : 'output'} up.` }),
    chart, legend);
}
