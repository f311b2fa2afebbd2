// Failure risk of the next run of each workflow, as the server computes it and the panel shows it. Shared by server,
// client and webview, so it imports nothing (the LSP messages are in failureRiskLsp.ts). The webview validates every
// message with parseFailureRiskMessage.
import { percentText } from './numberText';
import { all } from './runsView';

export interface RiskFactorView {
  /** Plain words, e.g. "previous run of this workflow failed". */
  readonly reason: string;
  readonly feature: string;
  /** Percentage points of risk this factor adds (negative: lowers). */
  readonly points: number;
}

/**
 * How the risk is shown: a percentage once the model is calibrated on the repository and the workflow or job has a
 * history, else its band with the reason (a precise figure would claim more than the evidence supports).
 */
export type RiskShownView =
  { readonly kind: 'percent' } | { readonly kind: 'band'; readonly level: RiskLevel; readonly reason: string };

/** Factors grouped the way people think about a failure ("recent failures of this job", "what this commit changes"). */
export interface RiskFactorGroupView {
  readonly label: string;
  /** Sum of its factors' points. */
  readonly points: number;
  /** Its factors' feature names, largest |points| first. */
  readonly features: readonly string[];
}

export interface RiskExplanationView {
  /** Repository-relative workflow file. */
  readonly workflowPath: string;
  readonly workflowName: string;
  /** The job key when this is a job's risk. */
  readonly job: string | null;
  readonly branch: string;
  /** 0..1. */
  readonly probability: number;
  readonly baseProbability: number;
  readonly shown: RiskShownView;
  /** All factors, largest |points| first; base + Σ points = probability (in points). */
  readonly factors: readonly RiskFactorView[];
  /** The factors in groups, largest |points| first: what the panel shows first. */
  readonly groups: readonly RiskFactorGroupView[];
  /** What the number was computed from, in words. */
  readonly basis: string;
  /** How much the model was weighed against this workflow's or job's own record, in words; absent when only the model speaks. */
  readonly weighed?: string;
  /** The same explanation as markdown (the editor's hover and the "why?" document). */
  readonly markdown: string;
}

export interface CalibrationBinView {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observed: number;
}

export interface GroupErrorView {
  readonly group: string;
  readonly value: string;
  readonly count: number;
  readonly errorRate: number;
  readonly falsePositiveRate: number;
  readonly falseNegativeRate: number;
}

export interface ModelMonitoringView {
  /** "default model" or "retrained on owner/repo (…)". */
  readonly modelLabel: string;
  /** Whether its figures are calibrated on this repository yet, in words (and on how many results). */
  readonly calibrationNote: string;
  readonly logged: number;
  readonly withOutcome: number;
  readonly calibration: readonly CalibrationBinView[];
  readonly rolling: {
    readonly count: number;
    readonly precision: number;
    readonly recall: number;
    readonly errorRate: number;
  };
  /** Largest feature drifts (PSI against the training data), largest first. */
  readonly drift: readonly { readonly feature: string; readonly psi: number }[];
  readonly groups: readonly GroupErrorView[];
  readonly retrainSuggested: boolean;
  readonly reasons: readonly string[];
}

/** Server -> client -> panel: the risk of the next run of each workflow on the watched branch, and the model's health. */
/** What the server knows of the watched branch's risk: predictions per workflow and each model's health. */
export interface FailureRiskUpdate {
  readonly branch: string | null;
  readonly workflows: readonly RiskExplanationView[];
  readonly monitoring: ModelMonitoringView | null;
  /** The same for the repository's job model, while job lenses use one; null otherwise. */
  readonly jobMonitoring: ModelMonitoringView | null;
}

/** The update as the client posts it to the panel, with the explanation the user asked for. */
export interface FailureRiskMessage extends FailureRiskUpdate {
  readonly type: 'failureRisk';
  /** The explanation the user asked for with "why?", shown as a waterfall; null when none. */
  readonly focus: RiskExplanationView | null;
  /**
   * How many times the user asked "why?" in this session. A number the page has not seen yet means a new request: it
   * shows the explanation where the user looks (the Runs tab, scrolled to it). The same number again, as on a refresh
   * after the model or the history changed, updates the explanation in place without moving the user.
   */
  readonly focusRequest: number;
  /** The explanation could not be recomputed after the model or the history changed: it is from an earlier prediction. */
  readonly focusStale: boolean;
}

/** How a risk reads at a glance, for the colour of its pill; written once so every view draws the same bands. */
export type RiskLevel = 'low' | 'elevated' | 'high';

/** Lower bounds of the bands: at 15 % one run in seven fails, at 40 % it is close to a coin toss. */
export const RISK_LEVEL_FROM: Readonly<Record<Exclude<RiskLevel, 'low'>, number>> = { elevated: 0.15, high: 0.4 };

export function riskLevel(probability: number): RiskLevel {
  if (probability >= RISK_LEVEL_FROM.high) return 'high';
  return probability >= RISK_LEVEL_FROM.elevated ? 'elevated' : 'low';
}

/** "elevated (15–40%)": a band with the range it covers. */
export function bandText(level: RiskLevel): string {
  const { elevated, high } = RISK_LEVEL_FROM;
  const range =
    level === 'low'
      ? `under ${percentText(elevated)}`
      : level === 'elevated'
        ? `${percentText(elevated).replace('%', '')}–${percentText(high)}`
        : `${percentText(high)} or more`;
  return `${level} (${range})`;
}

/** Factors that moved the risk by less than this many points are not named on their own (they stay in the sums). */
export const MIN_NAMED_POINTS = 0.5;

/** Why the risk is a band: ["Shown as a band: not calibrated on acme/ml yet (…)."], or none for a percentage. */
export function bandReasonSentences(shown: RiskShownView): string[] {
  return shown.kind === 'band' ? [`Shown as a band: ${shown.reason}.`] : [];
}

/** A group's largest factors that moved the risk by at least MIN_NAMED_POINTS, at most `count`, for the words beside it. */
export function namedFactors(
  factors: readonly RiskFactorView[],
  group: RiskFactorGroupView,
  count: number,
): RiskFactorView[] {
  const byFeature = new Map(factors.map((f) => [f.feature, f]));
  return group.features
    .map((name) => byFeature.get(name))
    .filter((f): f is RiskFactorView => f !== undefined && Math.abs(f.points) >= MIN_NAMED_POINTS)
    .slice(0, count);
}

/** The risk as shown everywhere (lens, hover, panel): "23%", or "elevated (15–40%)" while it is a band. */
export function riskFigureText(probability: number, shown: RiskShownView): string {
  return shown.kind === 'percent' ? percentText(probability) : bandText(shown.level);
}

const LEVELS: readonly RiskLevel[] = ['low', 'elevated', 'high'];

const MAX_TEXT = 2000;
const MAX_FACTORS = 100;
const MAX_WORKFLOWS = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isShare = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;

function parseFactor(value: unknown): RiskFactorView | undefined {
  if (!isRecord(value)) return undefined;
  const { reason, feature, points } = value;
  return isText(reason) && isText(feature) && isNumber(points) ? { reason, feature, points } : undefined;
}

export function parseRiskExplanation(value: unknown): RiskExplanationView | undefined {
  if (!isRecord(value)) return undefined;
  const { workflowPath, workflowName, job, branch, probability, baseProbability, basis, weighed, markdown } = value;
  const factors = all(value['factors'], MAX_FACTORS, parseFactor);
  const groups = all(value['groups'], MAX_FACTORS, parseGroupOfFactors);
  const shown = parseShown(value['shown']);
  if (
    !isText(workflowPath) ||
    !isText(workflowName) ||
    !(job === null || isText(job)) ||
    !isText(branch) ||
    !isText(basis) ||
    !(weighed === undefined || isText(weighed))
  )
    return undefined;
  if (
    !isShare(probability) ||
    !isShare(baseProbability) ||
    !factors ||
    !groups ||
    !shown ||
    typeof markdown !== 'string' ||
    markdown.length > 20_000
  )
    return undefined;
  return {
    workflowPath,
    workflowName,
    job,
    branch,
    probability,
    baseProbability,
    shown,
    factors,
    groups,
    basis,
    ...(weighed === undefined ? {} : { weighed }),
    markdown,
  };
}

function parseShown(value: unknown): RiskShownView | undefined {
  if (!isRecord(value)) return undefined;
  if (value['kind'] === 'percent') return { kind: 'percent' };
  const { level, reason } = value;
  return value['kind'] === 'band' && LEVELS.includes(level as RiskLevel) && isText(reason)
    ? { kind: 'band', level: level as RiskLevel, reason }
    : undefined;
}

function parseGroupOfFactors(value: unknown): RiskFactorGroupView | undefined {
  if (!isRecord(value)) return undefined;
  const { label, points } = value;
  const features = all(value['features'], MAX_FACTORS, (f) => (isText(f) ? f : undefined));
  return isText(label) && isNumber(points) && features ? { label, points, features } : undefined;
}

function parseBin(value: unknown): CalibrationBinView | undefined {
  if (!isRecord(value)) return undefined;
  const { from, to, count, meanPredicted, observed } = value;
  return isShare(from) && isShare(to) && isNumber(count) && isShare(meanPredicted) && isShare(observed)
    ? { from, to, count, meanPredicted, observed }
    : undefined;
}

function parseGroup(value: unknown): GroupErrorView | undefined {
  if (!isRecord(value)) return undefined;
  const { group, count, errorRate, falsePositiveRate, falseNegativeRate } = value;
  const v = value['value'];
  if (
    !isText(group) ||
    !isText(v) ||
    !isNumber(count) ||
    !isShare(errorRate) ||
    !isShare(falsePositiveRate) ||
    !isShare(falseNegativeRate)
  )
    return undefined;
  return { group, value: v, count, errorRate, falsePositiveRate, falseNegativeRate };
}

function parseDrift(value: unknown): { feature: string; psi: number } | undefined {
  if (!isRecord(value)) return undefined;
  const { feature, psi } = value;
  return isText(feature) && isNumber(psi) ? { feature, psi } : undefined;
}

export function parseMonitoring(value: unknown): ModelMonitoringView | undefined {
  if (!isRecord(value)) return undefined;
  const { modelLabel, calibrationNote, logged, withOutcome, rolling, retrainSuggested } = value;
  const calibration = all(value['calibration'], 100, parseBin);
  const drift = all(value['drift'], 100, parseDrift);
  const groups = all(value['groups'], 200, parseGroup);
  const reasons = all(value['reasons'], 100, (r) => (isText(r) ? r : undefined));
  if (
    !isText(modelLabel) ||
    !isText(calibrationNote) ||
    !isNumber(logged) ||
    !isNumber(withOutcome) ||
    typeof retrainSuggested !== 'boolean' ||
    !calibration ||
    !drift ||
    !groups ||
    !reasons
  )
    return undefined;
  if (
    !isRecord(rolling) ||
    !isNumber(rolling['count']) ||
    !isShare(rolling['precision']) ||
    !isShare(rolling['recall']) ||
    !isShare(rolling['errorRate'])
  )
    return undefined;
  return {
    modelLabel,
    calibrationNote,
    logged,
    withOutcome,
    calibration,
    drift,
    groups,
    retrainSuggested,
    reasons,
    rolling: {
      count: rolling['count'],
      precision: rolling['precision'],
      recall: rolling['recall'],
      errorRate: rolling['errorRate'],
    },
  };
}

/** The `failureRisk` message with only known fields, or undefined when anything in it is malformed. */
export function parseFailureRiskMessage(value: Record<string, unknown>): FailureRiskMessage | undefined {
  const { branch } = value;
  const workflows = all(value['workflows'], MAX_WORKFLOWS, parseRiskExplanation);
  const monitoring = value['monitoring'] === null ? null : parseMonitoring(value['monitoring']);
  // Absent (an older server) is the same as none.
  const jobMonitoring =
    value['jobMonitoring'] === null || value['jobMonitoring'] === undefined
      ? null
      : parseMonitoring(value['jobMonitoring']);
  const focus = value['focus'] === null ? null : parseRiskExplanation(value['focus']);
  const { focusRequest, focusStale } = value;
  if (
    !(branch === null || isText(branch)) ||
    !workflows ||
    monitoring === undefined ||
    jobMonitoring === undefined ||
    focus === undefined
  )
    return undefined;
  if (
    !(typeof focusRequest === 'number' && Number.isSafeInteger(focusRequest) && focusRequest >= 0) ||
    typeof focusStale !== 'boolean'
  )
    return undefined;
  return { type: 'failureRisk', branch, workflows, monitoring, jobMonitoring, focus, focusRequest, focusStale };
}
