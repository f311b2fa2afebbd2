// One model's health in the Runs tab, as a collapsible section: which model and how it compared when trained, rolling
// precision/recall on the predicted runs that finished, calibration, drift of its inputs against training (PSI) and
// errors per group, with a banner when retraining is suggested. The workflow model and the job model get one each.
import type { ModelMonitoringView } from '../../../protocol/failureRisk.js';
import { percentText } from '../../../protocol/numberText.js';
import { codicon, h } from '../dom.js';

export class ModelHealthSection {
  readonly element: HTMLDetailsElement;
  private bannerShown = false;

  /** `what`: what this model predicts, in the plural ("runs", "jobs"). */
  constructor(
    private readonly title: string,
    testId: string,
    private readonly what = 'runs',
  ) {
    this.element = h('details', { className: 'risk-model', testId });
    this.element.hidden = true;
  }

  draw(m: ModelMonitoringView | null): void {
    this.element.hidden = m === null;
    if (!m) return;
    const wasOpen = this.element.open;
    const banner = m.retrainSuggested
      ? h(
          'div',
          { className: 'risk-banner', testId: 'risk-retrain-banner', attrs: { role: 'status' } },
          codicon('warning'),
          h(
            'div',
            {},
            h('strong', { text: 'Retraining suggested' }),
            h('ul', {}, ...m.reasons.map((r) => h('li', { text: r }))),
            h('span', { text: 'Run “Preflight: Retrain Failure Model” from the Command Palette.' }),
          ),
        )
      : undefined;
    const quality =
      m.rolling.count === 0
        ? h('p', {
            className: 'hint',
            text: `${m.logged} prediction${m.logged === 1 ? '' : 's'} logged; none of the predicted ${this.what} has finished yet.`,
          })
        : h('p', {
            testId: 'risk-quality',
            text: `Last ${m.rolling.count} predicted ${this.what}: precision ${percentText(m.rolling.precision)}, recall ${percentText(m.rolling.recall)}, error rate ${percentText(m.rolling.errorRate)} (${m.logged} logged).`,
          });
    const table = (head: readonly string[], rows: readonly (readonly string[])[], testId: string): HTMLElement =>
      h(
        'table',
        { testId },
        h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { text: c })))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h('tr', {}, ...r.map((c, i) => h('td', { text: c, ...(i > 0 ? { className: 'num' } : {}) }))),
          ),
        ),
      );
    const parts: HTMLElement[] = [
      h('p', { className: 'hint', text: m.modelLabel }),
      h('p', { className: 'hint', testId: 'risk-calibration-note', text: m.calibrationNote }),
      quality,
    ];
    if (m.calibration.length > 0)
      parts.push(
        h('h4', { text: 'Calibration' }),
        table(
          ['predicted', 'observed', 'runs'],
          m.calibration.map((b) => [percentText(b.meanPredicted), percentText(b.observed), String(b.count)]),
          'risk-calibration',
        ),
      );
    if (m.drift.length > 0)
      parts.push(
        h('h4', { text: 'Drift against training (PSI)' }),
        table(
          ['feature', 'PSI'],
          m.drift.map((d) => [d.feature, d.psi.toFixed(2)]),
          'risk-drift',
        ),
      );
    if (m.groups.length > 0)
      parts.push(
        h('h4', { text: 'Errors per group' }),
        table(
          ['group', 'runs', 'error rate', 'false alarms', 'missed failures'],
          m.groups.map((g) => [
            `${g.group}: ${g.value}`,
            String(g.count),
            percentText(g.errorRate),
            percentText(g.falsePositiveRate),
            percentText(g.falseNegativeRate),
          ]),
          'risk-groups',
        ),
      );
    const summary = h('summary', {}, codicon('beaker'), document.createTextNode(` ${this.title}`));
    if (m.retrainSuggested) summary.append(h('span', { className: 'risk-warn', text: ' · retraining suggested' }));
    this.element.replaceChildren(summary, ...(banner ? [banner] : []), ...parts);
    // Opens by itself once, when retraining is first suggested; after that the user's choice stands.
    this.element.open = wasOpen || (m.retrainSuggested && !this.bannerShown);
    this.bannerShown ||= m.retrainSuggested;
  }
}
