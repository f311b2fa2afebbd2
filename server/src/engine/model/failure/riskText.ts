// Words for a failure-risk prediction in the editor: the CodeLens title and tooltip, the short hover on a workflow name
// or job key, and the full explanation (a waterfall from the base rate through each factor's points to the risk).
// The basis line says honestly what the number was computed from.
import { percentText, pointsText } from '../../../../../protocol/numberText';
import type { RiskExplanation, RiskFactor } from './explainRisk';
import { describeFactor } from './explainRisk';

export interface RiskSubject {
  /** "workflow CI" or "job train of Train model". */
  readonly label: string;
  readonly kind: 'workflow' | 'job';
  readonly branch: string;
  readonly finishedRuns: number;
  /** "the default model" or "the model retrained on this repository (…)". */
  readonly modelLabel: string;
  /** For a job: scored by a job-level model (trained on jobs) rather than the workflow-level one. */
  readonly jobModel?: boolean;
}

/** Factors shown in short forms (tooltip, hover); the full explanation lists more. */
export const TOP_FACTORS = 3;
const FULL_FACTORS = 8;

/** A factor's words for its subject: a job's history features read the job's own runs, so they speak of the job. */
export function reasonFor(subject: Pick<RiskSubject, 'kind'>, reason: string): string {
  return subject.kind === 'job'
    ? reason.replace(/\bthis workflow\b/g, 'this job').replace(/\bworkflow name\b/g, 'job name')
    : reason;
}

function factorLine(subject: RiskSubject, f: RiskFactor): string {
  return describeFactor({ ...f, reason: reasonFor(subject, f.reason) });
}

/** Factors that moved the risk by at least half a point, largest first. */
export function topFactors(explanation: RiskExplanation, count = TOP_FACTORS): RiskFactor[] {
  return explanation.factors.filter((f) => Math.abs(f.points) >= 0.5).slice(0, count);
}

export function basisText(subject: RiskSubject): string {
  const runs = `${subject.finishedRuns} finished run${subject.finishedRuns === 1 ? '' : 's'}`;
  if (subject.kind === 'workflow')
    return `Next run on ${subject.branch}, from ${runs} of this workflow and the repository's run history; ${subject.modelLabel}.`;
  const how =
    subject.jobModel === true
      ? "a model trained on this repository's job results"
      : "the workflow-level model applied to the job's own history";
  return `Next run on ${subject.branch}, from ${runs} of this job (${how}); ${subject.modelLabel}.`;
}

export function riskLensTitle(explanation: RiskExplanation): string {
  return `$(pulse) Failure risk ${percentText(explanation.probability)} · why?`;
}

export const NO_HISTORY_LENS_TITLE = '$(pulse) Failure risk: no history yet';

export function riskLensTooltip(explanation: RiskExplanation, subject: RiskSubject): string {
  const factors = topFactors(explanation).map((f) => `• ${factorLine(subject, f)}`);
  return [
    `Failure risk of the ${subject.label}: ${percentText(explanation.probability)} (base rate ${percentText(explanation.baseProbability)})`,
    ...factors,
    basisText(subject),
    'Click for the full explanation.',
  ].join('\n');
}

/** Markdown-safe text: factor reasons are our own words, but names come from the repository. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** "base rate 13% + 3 factors (+5.1 pts) + 49 others (−2.0 pts) = 16%": how the shown factors add up to the risk. */
export function sumText(explanation: RiskExplanation, shown: number): string {
  const top = explanation.factors.slice(0, shown).reduce((s, f) => s + f.points, 0);
  const rest = explanation.factors.slice(shown).reduce((s, f) => s + f.points, 0);
  const others = explanation.factors.length - shown;
  return (
    `base rate ${percentText(explanation.baseProbability)}` +
    (shown > 0 ? ` + ${shown} factor${shown === 1 ? '' : 's'} (${pointsText(top)})` : '') +
    (others > 0 ? ` + ${others} other${others === 1 ? '' : 's'} (${pointsText(rest)})` : '') +
    ` = ${percentText(explanation.probability)}`
  );
}

/** The hover on a workflow name or job key: the risk, its top factors, and how they add up. */
export function riskHoverMarkdown(explanation: RiskExplanation, subject: RiskSubject): string {
  const lines = topFactors(explanation).map(
    (f) => `- ${md(reasonFor(subject, f.reason))}: **${pointsText(f.points)}**`,
  );
  return [
    `**Failure risk ${md(percentText(explanation.probability))}** for the ${md(subject.label)} (base rate ${md(percentText(explanation.baseProbability))})`,
    '',
    ...(lines.length > 0 ? lines : ['- no factor moved the risk by half a point']),
    '',
    md(sumText(explanation, lines.length)),
    '',
    `_${md(basisText(subject))}_`,
  ].join('\n');
}

const BAR_WIDTH = 12;

/** A text bar for the waterfall: ▇ per point, scaled so the largest factor fills BAR_WIDTH. */
function bar(points: number, largest: number): string {
  const n = Math.max(1, Math.round((Math.abs(points) / Math.max(largest, 1e-9)) * BAR_WIDTH));
  return (points >= 0 ? '▲' : '▼') + '█'.repeat(n);
}

/**
 * The full explanation: a table read top-down from the base rate, each factor adding its points, down to the risk. The
 * factors beyond the first few are folded into one row, so the points always add up to the shown risk.
 */
export function riskExplanationMarkdown(explanation: RiskExplanation, subject: RiskSubject): string {
  const shown = explanation.factors.slice(0, FULL_FACTORS);
  const rest = explanation.factors.slice(FULL_FACTORS);
  const restPoints = rest.reduce((s, f) => s + f.points, 0);
  const largest = Math.max(...shown.map((f) => Math.abs(f.points)), Math.abs(restPoints));
  const rows = shown.map(
    (f) => `| ${md(reasonFor(subject, f.reason))} | ${pointsText(f.points)} | ${bar(f.points, largest)} |`,
  );
  if (rest.length > 0)
    rows.push(`| ${rest.length} other factors | ${pointsText(restPoints)} | ${bar(restPoints, largest)} |`);
  const sum = explanation.factors.reduce((s, f) => s + f.points, 0);
  return [
    `### Failure risk ${md(percentText(explanation.probability))}: ${md(subject.label)}`,
    '',
    '| | risk | |',
    '|---|---:|---|',
    `| base rate | ${percentText(explanation.baseProbability)} | |`,
    ...rows,
    `| **risk** = base + Σ points | **${percentText(explanation.baseProbability + sum / 100)}** | |`,
    '',
    `_${md(basisText(subject))}_`,
  ].join('\n');
}
