// One risk explanation as a waterfall: from the base rate, each factor's points, to the risk; the factors beyond the
// first few fold into one step so the chart stays readable and still adds up. Each factor's words are in the chart in
// full, so they are not listed a second time.
import { percentText, pointsText } from '../../../protocol/numberText.js';
import type { RiskExplanationView } from '../../../protocol/failureRisk.js';
import { waterfallChart, type WaterfallStep } from '../waterfallChart.js';

const SHOWN_STEPS = 8;

function steps(view: RiskExplanationView): WaterfallStep[] {
  const shown = view.factors.slice(0, SHOWN_STEPS).map((f) => ({ label: f.reason, delta: f.points }));
  const rest = view.factors.slice(SHOWN_STEPS);
  if (rest.length > 0)
    shown.push({ label: `${rest.length} other factors`, delta: rest.reduce((s, f) => s + f.points, 0) });
  return shown;
}

export function riskWaterfall(view: RiskExplanationView): HTMLElement {
  const subject = view.job === null ? view.workflowName : `job ${view.job} of ${view.workflowName}`;
  return waterfallChart({
    steps: steps(view),
    base: view.baseProbability * 100,
    value: view.probability * 100,
    baseEnd: { label: 'base rate', value: percentText(view.baseProbability) },
    valueEnd: { label: 'risk of the next run', value: percentText(view.probability) },
    formatDelta: pointsText,
    ariaLabel: `Failure risk of ${subject}: base rate ${percentText(view.baseProbability)}, risk ${percentText(view.probability)}`,
    stepsTestId: 'risk-explanation-factors',
  });
}
