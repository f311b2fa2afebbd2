// Fairness checks per sensitive feature: per-group rates and accuracy, the two gap metrics against their thresholds,
// with violations called out in words (the same words the finding on the config line uses).
import type { FairnessReport } from '../../../protocol/modelReport.js';
import { h } from '../dom.js';
import { formatPercent } from './format.js';

function metric(label: string, value: number | null, threshold: number): HTMLElement {
  const failed = value !== null && value > threshold;
  return h(
    'div',
    { className: `metric ${failed ? 'metric-failed' : 'metric-ok'}` },
    h('span', { className: `codicon codicon-${failed ? 'error' : 'pass'}`, attrs: { 'aria-hidden': 'true' } }),
    h('span', {
      text: `${label}: ${value === null ? 'n/a (no positive labels)' : value.toFixed(3)} (limit ${threshold})`,
    }),
  );
}

export function renderFairness(reports: readonly FairnessReport[]): HTMLElement {
  return h(
    'section',
    { className: 'card', testId: 'fairness', attrs: { 'aria-labelledby': 'fairness-title' } },
    h('h2', { text: 'Fairness', attrs: { id: 'fairness-title' } }),
    ...reports.map((r) =>
      h(
        'div',
        { className: 'fairness-feature' },
        h('h3', { text: r.sensitiveFeature }),
        metric('Demographic parity difference', r.demographicParityDifference, r.thresholds.demographicParity),
        metric('Equal opportunity difference', r.equalOpportunityDifference, r.thresholds.equalOpportunity),
        h(
          'table',
          { className: 'groups' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Group', 'Rows', 'Predicted positive', 'True positive rate', 'Accuracy'].map((t) =>
                h('th', { text: t }),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...r.groups.map((g) =>
              h(
                'tr',
                {},
                h('td', { text: g.group }),
                h('td', { className: 'num', text: String(g.count) }),
                h('td', { className: 'num', text: formatPercent(g.positiveRate) }),
                h('td', {
                  className: 'num',
                  text: g.truePositiveRate === null ? 'n/a' : formatPercent(g.truePositiveRate),
                }),
                h('td', { className: 'num', text: g.accuracy === null ? 'n/a' : formatPercent(g.accuracy) }),
              ),
            ),
          ),
        ),
        ...r.violations.map((v) => h('p', { className: 'violation', text: v })),
      ),
    ),
  );
}
