// Per-row waterfall: from the base value (the model's average output over the background), each feature's SHAP value
// moves the output up or down until it reaches this row's prediction. The largest contributions are drawn; the rest are
// folded into one "other features" step so the chart stays readable for wide models. A model explained in log-odds (or
// in class scores before a softmax) shows its prediction as a probability as well, since that is what people read.
import { h, setText } from '../dom.js';
import { waterfallChart, type WaterfallEnd, type WaterfallStep } from '../waterfallChart.js';
import { formatOutput, formatPercent, formatShap, formatValue } from './format.js';
import type { ShownOutput, ShownRow } from './shownOutput.js';

const SHOWN_STEPS = 10;

function steps(explanation: ShownOutput, row: ShownRow): WaterfallStep[] {
  const order = row.shap.map((v, i) => ({ v, i })).sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  const shown = order.slice(0, SHOWN_STEPS).map(({ v, i }) => ({
    label: `${explanation.features[i] ?? `#${i}`} = ${formatValue(row.features[i] ?? null)}`,
    delta: v,
  }));
  const rest = order.slice(SHOWN_STEPS);
  if (rest.length > 0)
    shown.push({ label: `${rest.length} other features`, delta: rest.reduce((s, { v }) => s + v, 0) });
  return shown;
}

/** "−1.39 log-odds (probability 20%)" for a margin, the plain value otherwise. */
function outputText(value: number, units: string, probability: number | undefined): string {
  return probability === undefined
    ? formatOutput(value)
    : `${formatOutput(value)} ${units} (probability ${formatPercent(probability)})`;
}

function end(label: string, value: number, probability: number | undefined): WaterfallEnd {
  // The probability goes with the words, so the value column stays narrow and the bars keep their room.
  return probability === undefined
    ? { label, value: formatOutput(value) }
    : { label: `${label} (probability ${formatPercent(probability)})`, value: formatOutput(value) };
}

function drawRow(explanation: ShownOutput, row: ShownRow): HTMLElement {
  const { units, baseProbability } = explanation;
  const of = explanation.className === undefined ? '' : ` of class ${explanation.className}`;
  return waterfallChart({
    steps: steps(explanation, row),
    base: row.baseValue,
    value: row.value,
    baseEnd: end('base value', row.baseValue, baseProbability),
    valueEnd: end(explanation.className === undefined ? 'prediction' : `score${of}`, row.value, row.probability),
    formatDelta: formatShap,
    ariaLabel: `Row ${row.index + 1}${of}: base ${outputText(row.baseValue, units, baseProbability)}, prediction ${outputText(row.value, units, row.probability)}`,
  });
}

/** The waterfall card with a row picker (buttons, and ←/→ while the card has focus). It starts at row `start` (the
 * row shown before the class changed) and reports each row it shows. */
export function renderWaterfall(
  explanation: ShownOutput,
  start = 0,
  onShow: (row: number) => void = () => undefined,
): HTMLElement {
  let current = 0;
  const caption = h('span', { className: 'row-caption', attrs: { 'aria-live': 'polite' } });
  const holder = h('div', { className: 'waterfall-holder' });
  const show = (index: number): void => {
    const count = explanation.rows.length;
    current = (index + count) % count;
    onShow(current);
    const row = explanation.rows[current];
    if (!row) return;
    const predicted = row.predicted === undefined ? '' : ` · predicted class ${row.predicted}`;
    setText(caption, `Row ${row.index + 1} (${current + 1} of ${count} shown)${predicted}`);
    holder.replaceChildren(drawRow(explanation, row));
  };
  const previous = h(
    'vscode-button',
    { testId: 'waterfall-previous', attrs: { secondary: '', 'aria-label': 'Previous row' } },
    h('span', { className: 'codicon codicon-chevron-left', attrs: { 'aria-hidden': 'true' } }),
  );
  const next = h(
    'vscode-button',
    { testId: 'waterfall-next', attrs: { secondary: '', 'aria-label': 'Next row' } },
    h('span', { className: 'codicon codicon-chevron-right', attrs: { 'aria-hidden': 'true' } }),
  );
  previous.addEventListener('click', () => {
    show(current - 1);
  });
  next.addEventListener('click', () => {
    show(current + 1);
  });
  const card = h(
    'section',
    {
      className: 'card wide',
      testId: 'waterfall-section',
      attrs: { 'aria-labelledby': 'waterfall-title', tabindex: '0' },
    },
    h(
      'div',
      { className: 'card-head' },
      h('h2', { text: 'Why this prediction', attrs: { id: 'waterfall-title' } }),
      previous,
      caption,
      next,
    ),
    holder,
  );
  card.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') {
      show(current + 1);
      event.preventDefault();
    }
    if (event.key === 'ArrowLeft') {
      show(current - 1);
      event.preventDefault();
    }
  });
  if (explanation.rows.length > 0) show(start);
  return card;
}
