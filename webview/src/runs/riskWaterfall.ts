// One risk explanation as a waterfall: from the base rate, each group of factors' points (recent results, what the commit
// changes, …; the group's largest factors in its label), to the risk. Every factor is in a group, so the chart adds up;
// the groups' words are in the chart in full, so they are not listed a second time.
import { percentText, pointsText } from '../../../protocol/numberText.js';
import { namedFactors, riskFigureText, type RiskExplanationView } from '../../../protocol/failureRisk.js';
import { waterfallChart, type WaterfallStep } from '../waterfallChart.js';

/** Factors named in a group's label. */
const NAMED_FACTORS = 2;

function steps(view: RiskExplanationView): WaterfallStep[] {
  return view.groups.map((g) => {
    const named = namedFactors(view.factors, g, NAMED_FACTORS).map((f) => `${f.reason} ${pointsText(f.points)}`);
    return { label: named.length > 0 ? `${g.label}: ${named.join('; ')}` : g.label, delta: g.points };
  });
}

export function riskWaterfall(view: RiskExplanationView): HTMLElement {
  const subject = view.job === null ? view.workflowName : `job ${view.job} of ${view.workflowName}`;
  return waterfallChart({
    steps: steps(view),
    base: view.baseProbability * 100,
    value: view.probability * 100,
    baseEnd: { label: 'base rate', value: percentText(view.baseProbability) },
    valueEnd: { label: 'risk of the next run', value: riskFigureText(view.probability, view.shown) },
    formatDelta: pointsText,
    ariaLabel: `Failure risk of ${subject}: base rate ${percentText(view.baseProbability)}, risk ${riskFigureText(view.probability, view.shown)}`,
    stepsTestId: 'risk-explanation-factors',
  });
}
