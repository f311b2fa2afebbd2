// Words for a failure-risk prediction in the editor: the CodeLens title and tooltip, the short hover on a workflow name
// or job key, and the full explanation (the factors grouped as people think of them, then a waterfall from the base
// rate through each factor's points to the risk). The figure is a percentage or, while the evidence is thin, a band with
// the reason (riskInUse.ts). The basis line says honestly what the number was computed from.
import {
  bandReasonSentences,
  MIN_NAMED_POINTS,
  riskFigureText,
  type RiskShownView,
} from '../../../../../protocol/failureRisk';
import { percentText, pointsText } from '../../../../../protocol/numberText';
import type { RiskExplanation, RiskFactor } from './explainRisk';
import { describeFactor } from './explainRisk';
import { groupFactors, type FactorGroupSum } from './factorGroups';

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
  return explanation.factors.filter((f) => Math.abs(f.points) >= MIN_NAMED_POINTS).slice(0, count);
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

/** "23%", or "elevated (15–40%)" while the risk is a band. */
function figure(explanation: RiskExplanation, shown: RiskShownView): string {
  return riskFigureText(explanation.probability, shown);
}

/** Every group of the explanation's factors, in the subject's words, largest first. */
function subjectGroups(explanation: RiskExplanation, subject: RiskSubject): FactorGroupSum[] {
  return groupFactors(
    explanation.factors.map((f) => ({ ...f, reason: reasonFor(subject, f.reason) })),
    subject.kind,
  );
}

/** The groups that moved the risk by at least half a point, largest first (of `all`, when already grouped). */
export function topGroups(
  explanation: RiskExplanation,
  subject: RiskSubject,
  count = TOP_FACTORS,
  all = subjectGroups(explanation, subject),
): FactorGroupSum[] {
  return all.filter((g) => Math.abs(g.points) >= MIN_NAMED_POINTS).slice(0, count);
}

/**
 * What the risk in use weighs the model against, when it does: "Weighed 78 % the model, 22 % this workflow's own record
 * after a failure: 7 of 9 such runs of this workflow failed (71 %; the record's share is in the base rate). On the 412
 * finished runs both were scored on, Brier 0.058 for the model, 0.061 for the record." `short`: the first sentence only,
 * with the counts, for the hover.
 */
export function recordSentence(
  explanation: RiskExplanation,
  subject: Pick<RiskSubject, 'kind'>,
  short = false,
): string | undefined {
  const part = explanation.record;
  if (!part) return undefined;
  const { blend, tally, repositoryTally } = part;
  const after = part.previousFailed === 1 ? 'after a failure' : 'after a success';
  const share = (w: number): string => `${Math.round(w * 100)} %`;
  const weighed = `Weighed ${share(blend.modelWeight)} the model, ${share(1 - blend.modelWeight)} this ${subject.kind}'s own record ${after}`;
  const counts = (t: typeof tally, whose: string): string => `${t.failures} of ${t.results} such ${whose} failed`;
  const own =
    tally.results > 0
      ? counts(tally, `runs of this ${subject.kind}`)
      : `no run of this ${subject.kind} ${after} yet; ${counts(repositoryTally, 'runs of the repository')}`;
  if (short) return `${weighed} (${own}).`;
  const rows = subject.kind === 'job' ? 'job results' : 'finished runs';
  const evidence =
    blend.results > 0
      ? ` On the ${blend.results} ${rows} both were scored on, Brier ${blend.modelBrier.toFixed(3)} for the model, ${blend.recordBrier.toFixed(3)} for the record.`
      : ` No finished ${subject.kind === 'job' ? 'job result' : 'run'} has scored them yet, so they count equally.`;
  return `${weighed}: ${own} (${percentText(part.risk)}; the record's share is in the base rate).${evidence}`;
}

/** The markdown lines saying what the model is weighed against: none when it is not. */
function recordLines(explanation: RiskExplanation, subject: RiskSubject, short = false): string[] {
  const sentence = recordSentence(explanation, subject, short);
  return sentence === undefined ? [] : ['', `_${md(sentence)}_`];
}

/** The markdown lines saying why the figure is a band: none for a percentage. */
function bandReasonLines(shown: RiskShownView): string[] {
  return bandReasonSentences(shown).flatMap((text) => ['', `_${md(text)}_`]);
}

export function riskLensTitle(explanation: RiskExplanation, shown: RiskShownView): string {
  return `$(pulse) Failure risk ${figure(explanation, shown)} · why?`;
}

export const NO_HISTORY_LENS_TITLE = '$(pulse) Failure risk: no history yet';

export function riskLensTooltip(explanation: RiskExplanation, subject: RiskSubject, shown: RiskShownView): string {
  const groups = topGroups(explanation, subject).map(
    (g) => `• ${g.label}: ${pointsText(g.points)}${g.factors[0] ? ` (${factorLine(subject, g.factors[0])})` : ''}`,
  );
  return [
    `Failure risk of the ${subject.label}: ${figure(explanation, shown)} (base rate ${percentText(explanation.baseProbability)})`,
    ...bandReasonSentences(shown),
    ...groups,
    basisText(subject),
    'Click for the full explanation.',
  ].join('\n');
}

/** Markdown-safe text: factor reasons are our own words, but names come from the repository. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** "base rate 13% + 3 factors (+5.1 pts) + 49 others (−2.0 pts) = 16%": how the top factors add up to the risk. */
export function sumText(explanation: RiskExplanation, shown: number): string {
  const top = explanation.factors.slice(0, shown).reduce((s, f) => s + f.points, 0);
  const rest = explanation.factors.slice(shown).reduce((s, f) => s + f.points, 0);
  return addsUpText(explanation, [shown, top], [explanation.factors.length - shown, rest], 'factor', percent);
}

/** "base rate 13% + 3 groups (+5.1 pts) + 2 other groups (−2.0 pts) = elevated (15–40%)": the hover's groups add up. */
export function groupSumText(
  explanation: RiskExplanation,
  groups: readonly FactorGroupSum[],
  all: readonly FactorGroupSum[],
  shown: RiskShownView,
): string {
  const top = groups.reduce((s, g) => s + g.points, 0);
  const total = all.reduce((s, g) => s + g.points, 0);
  return addsUpText(explanation, [groups.length, top], [all.length - groups.length, total - top], 'group', shown);
}

const percent: RiskShownView = { kind: 'percent' };

function addsUpText(
  explanation: RiskExplanation,
  [shown, top]: readonly [number, number],
  [others, rest]: readonly [number, number],
  noun: 'factor' | 'group',
  figureShown: RiskShownView,
): string {
  return (
    `base rate ${percentText(explanation.baseProbability)}` +
    (shown > 0 ? ` + ${shown} ${noun}${shown === 1 ? '' : 's'} (${pointsText(top)})` : '') +
    (others > 0 ? ` + ${others} other${others === 1 ? '' : 's'} (${pointsText(rest)})` : '') +
    ` = ${figure(explanation, figureShown)}`
  );
}

/** The hover on a workflow name or job key: the risk, its top factors, and how they add up. */
export function riskHoverMarkdown(explanation: RiskExplanation, subject: RiskSubject, shown: RiskShownView): string {
  const all = subjectGroups(explanation, subject);
  const groups = topGroups(explanation, subject, TOP_FACTORS, all);
  const lines = groups.map((g) => {
    const top = g.factors.filter((f) => Math.abs(f.points) >= MIN_NAMED_POINTS).slice(0, 2);
    const detail = top.map((f) => `${md(f.reason)} ${pointsText(f.points)}`).join('; ');
    return `- **${md(g.label)}: ${pointsText(g.points)}**${detail ? ` (${detail})` : ''}`;
  });
  return [
    `**Failure risk ${md(figure(explanation, shown))}** for the ${md(subject.label)} (base rate ${md(percentText(explanation.baseProbability))})`,
    ...bandReasonLines(shown),
    ...recordLines(explanation, subject, true),
    '',
    ...(lines.length > 0 ? lines : ['- no factor moved the risk by half a point']),
    '',
    md(groupSumText(explanation, groups, all, shown)),
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

/** Factors listed under each group of the full explanation. */
const FACTORS_PER_GROUP = 3;

/**
 * The full explanation: a table read top-down from the base rate, each group of factors adding its points (its largest
 * factors listed under it), down to the risk. Every factor is in a group, so the points always add up to the risk.
 */
export function riskExplanationMarkdown(
  explanation: RiskExplanation,
  subject: RiskSubject,
  shown: RiskShownView,
): string {
  const groups = subjectGroups(explanation, subject);
  const largest = Math.max(...groups.map((g) => Math.abs(g.points)), 1e-9);
  const rows: string[] = [];
  for (const g of groups) {
    rows.push(`| **${md(g.label)}** | **${pointsText(g.points)}** | ${bar(g.points, largest)} |`);
    for (const f of g.factors.filter((x) => Math.abs(x.points) >= MIN_NAMED_POINTS).slice(0, FACTORS_PER_GROUP))
      rows.push(`| &emsp;${md(f.reason)} | ${pointsText(f.points)} | |`);
  }
  const sum = explanation.factors.reduce((s, f) => s + f.points, 0);
  const total =
    shown.kind === 'percent' ? percentText(explanation.baseProbability + sum / 100) : figure(explanation, shown);
  return [
    `### Failure risk ${md(figure(explanation, shown))}: ${md(subject.label)}`,
    ...bandReasonLines(shown),
    ...recordLines(explanation, subject),
    '',
    '| | risk | |',
    '|---|---:|---|',
    `| base rate | ${percentText(explanation.baseProbability)} | |`,
    ...rows,
    `| **risk** = base + Σ points | **${md(total)}** | |`,
    '',
    `_${md(basisText(subject))}_`,
  ].join('\n');
}
