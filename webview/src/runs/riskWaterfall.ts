// One risk explanation as the model view's waterfall: from the base rate, each factor's points, to the risk; the factors
// beyond the first few fold into one step so the chart stays readable and still adds up. The same factors follow as a
// list, so the words are there in full for screen readers and for names the chart has to cut.
import type { RiskExplanationView } from '../../../protocol/failureRisk.js';
import { h } from '../dom.js';
import { drawWaterfall, type WaterfallStep } from '../model/waterfall.js';

const SHOWN_STEPS = 8;

export function riskPercent(p: number): string {
  const v = p * 100;
  return v > 0 && v < 1 ? '<1%' : v > 99 && v < 100 ? '>99%' : `${Math.round(v)}%`;
}

export function formatPoints(points: number): string {
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

function steps(view: RiskExplanationView): WaterfallStep[] {
  const shown = view.factors.slice(0, SHOWN_STEPS).map((f) => ({ label: f.reason, delta: f.points }));
  const rest = view.factors.slice(SHOWN_STEPS);
  if (rest.length > 0) shown.push({ label: `${rest.length} other factors`, delta: rest.reduce((s, f) => s + f.points, 0) });
  return shown;
}

export function riskWaterfall(view: RiskExplanationView): HTMLElement {
  const base = view.baseProbability * 100;
  const risk = view.probability * 100;
  const chart = drawWaterfall({
    steps: steps(view),
    base,
    value: risk,
    baseLabel: `base rate ${base.toFixed(1)}%`,
    valueLabel: `risk ${risk.toFixed(1)}%`,
    formatDelta: formatPoints,
    ariaLabel: `Failure risk of ${view.job === null ? view.workflowName : `job ${view.job} of ${view.workflowName}`}: base rate ${base.toFixed(1)}%, risk ${risk.toFixed(1)}%`,
  });
  const factors = h('ol', { className: 'risk-factors', testId: 'risk-explanation-factors' },
    ...view.factors.slice(0, SHOWN_STEPS).map((f) => h('li', {}, h('span', { className: 'factor-reason', text: f.reason }), h('span', { className: `factor-points ${f.points >= 0 ? 'up' : 'down'}`, text: formatPoints(f.points) }))));
  return h('div', { className: 'risk-waterfall' }, chart, factors);
}
