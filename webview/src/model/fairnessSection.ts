// Fairness checks per sensitive feature: how scores became decisions, the gap metrics (Fairlearn's definitions)
// against their limits, per-group rates and accuracy, with violations called out in words (the same words the finding
// on the MLmodel's limit line uses). A metric that cannot be measured says why instead of showing a reassuring number.
import type {
  FairnessDecision,
  FairnessMetric,
  FairnessMetricId,
  FairnessReport,
} from '../../../protocol/modelReport.js';
import { numberText } from '../../../protocol/numberText.js';
import { h } from '../dom.js';
import { formatPercent } from './format.js';

const METRIC_LABELS: Readonly<Record<FairnessMetricId, string>> = {
  demographic_parity_difference: 'Demographic parity difference',
  equal_opportunity_difference: 'Equal opportunity difference',
  equalized_odds_difference: 'Equalized odds difference',
  accuracy_difference: 'Accuracy difference',
};

function metric(m: FairnessMetric): HTMLElement {
  const gated = m.limit !== null;
  const undefinedFigure = m.undefinedBecause !== undefined;
  const state = m.failed ? 'failed' : undefinedFigure ? 'undefined' : gated ? 'ok' : 'ungated';
  const icon = { failed: 'error', undefined: 'warning', ok: 'pass', ungated: 'circle-outline' }[state];
  const figure = m.value === null ? 'n/a' : m.value.toFixed(3);
  const limit = gated ? `limit ${m.limit}` : 'no limit';
  return h(
    'div',
    { className: `metric metric-${state}`, testId: `metric-${m.metric}` },
    h('span', { className: `codicon codicon-${icon}`, attrs: { 'aria-hidden': 'true' } }),
    h('span', {
      text: undefinedFigure
        ? `${METRIC_LABELS[m.metric]}: cannot be measured (${limit}): ${m.undefinedBecause}; Fairlearn's figure ${figure}`
        : `${METRIC_LABELS[m.metric]}: ${figure} (${limit})`,
    }),
  );
}

function decisionText(d: FairnessDecision): string {
  const space = d.space === null ? 'of unknown meaning' : d.space === 'logit' ? 'log-odds' : 'a probability';
  const cut =
    d.space === 'logit'
      ? `${d.output} ≥ ${numberText(Math.log(d.threshold / (1 - d.threshold)))} (log-odds of ${d.threshold})`
      : `${d.output} ≥ ${d.threshold}`;
  return `Predicted positive when ${cut}. Output '${d.output}' is ${space}: ${d.basis}.`;
}

function rate(value: number | null, missing: string): string {
  return value === null ? `n/a (${missing})` : formatPercent(value);
}

export function renderFairness(reports: readonly FairnessReport[], decision?: FairnessDecision): HTMLElement {
  return h(
    'section',
    { className: 'card wide', testId: 'fairness', attrs: { 'aria-labelledby': 'fairness-title' } },
    h('h2', { text: 'Fairness', attrs: { id: 'fairness-title' } }),
    ...(decision
      ? [
          h('p', { className: 'decision', testId: 'fairness-decision', text: decisionText(decision) }),
          ...(decision.problem === undefined ? [] : [h('p', { className: 'violation', text: decision.problem })]),
        ]
      : []),
    ...reports.map((r) =>
      h(
        'div',
        { className: 'fairness-feature' },
        h('h3', { text: r.sensitiveFeature }),
        ...r.metrics.map(metric),
        ...(r.minGroupAccuracy === null
          ? []
          : [
              h('p', { className: 'decision', text: `Every group's accuracy must be at least ${r.minGroupAccuracy}.` }),
            ]),
        h(
          'table',
          { className: 'groups' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                'Group',
                'Rows',
                'Positive labels',
                'Predicted positive',
                'True positive rate',
                'False positive rate',
                'Accuracy',
              ].map((t) => h('th', { text: t })),
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
                h('td', { className: 'num', text: String(g.positives) }),
                h('td', { className: 'num', text: formatPercent(g.positiveRate) }),
                h('td', { className: 'num', text: rate(g.truePositiveRate, 'no positive labels') }),
                h('td', { className: 'num', text: rate(g.falsePositiveRate, 'no negative labels') }),
                h('td', { className: 'num', text: formatPercent(g.accuracy) }),
              ),
            ),
          ),
        ),
        ...(r.skippedRows > 0
          ? [h('p', { className: 'decision', text: `${r.skippedRows} rows left out (no group, label or score).` })]
          : []),
        ...r.violations.map((v) => h('p', { className: 'violation', text: v.message })),
      ),
    ),
  );
}
