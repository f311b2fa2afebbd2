// Global feature importance: mean |SHAP| per feature as horizontal bars, largest first. Bars are plain elements sized
// in percent, so the chart reflows with the editor width and never needs a redraw on resize.
import { h } from '../dom.js';
import { formatMagnitude } from './format.js';
import type { ShownOutput } from './shownOutput.js';

const UNITS: Record<string, string> = {
  'log-odds': 'log-odds (margin)',
  'class score': 'class score (before softmax)',
  output: 'model output',
};

export function renderImportance(shown: ShownOutput): HTMLElement {
  const sorted = [...shown.importance].sort((a, b) => b.meanAbsShap - a.meanAbsShap);
  const max = sorted[0]?.meanAbsShap ?? 0;
  const list = h(
    'ol',
    { className: 'bars', testId: 'importance-list' },
    ...sorted.map((item) => {
      const width = max > 0 ? (item.meanAbsShap / max) * 100 : 0;
      const bar = h('span', { className: 'bar' });
      // CSSOM, not a style attribute: the page's CSP forbids inline style attributes.
      bar.style.width = `${width.toFixed(2)}%`;
      return h(
        'li',
        {
          className: 'bar-row',
          attrs: { 'aria-label': `${item.feature}: mean |SHAP| ${formatMagnitude(item.meanAbsShap)}` },
        },
        h('span', { className: 'bar-label', text: item.feature, attrs: { title: item.feature } }),
        h('span', { className: 'bar-track' }, bar),
        h('span', { className: 'bar-value mono', text: formatMagnitude(item.meanAbsShap) }),
      );
    }),
  );
  return h(
    'section',
    { className: 'card', testId: 'importance', attrs: { 'aria-labelledby': 'importance-title' } },
    h('h2', { text: 'Feature importance', attrs: { id: 'importance-title' } }),
    h('p', {
      className: 'hint',
      text: `Mean |SHAP value| per feature${shown.className === undefined ? '' : ` for class ${shown.className}`}, in ${UNITS[shown.units] ?? shown.units} units.`,
    }),
    list,
  );
}
