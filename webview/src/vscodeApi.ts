// Typed access to the host. acquireVsCodeApi may be called only once per page, so the handle is kept here and every
// other module goes through postToHost/loadState/saveState.
import { parseToWebview, type FromWebview, type ToWebview } from '../../protocol/webview.js';
import { isPanelTab, type PanelTab } from './tabs/index.js';
import type { RiskFocusState } from './runs/riskView.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

function host(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

export function postToHost(message: FromWebview): void {
  host().postMessage(message);
}

export type PipelineFilesMessage = Extract<ToWebview, { type: 'pipelineFiles' }>;
export type RunsSnapshotMessage = Extract<ToWebview, { type: 'runs' }>;

/**
 * What survives the panel being hidden (retainContextWhenHidden is off, so the page reloads on show): the last list and
 * runs, drawn at once so the panel does not flash empty while the host answers `ready`, the tab, and which rows were open.
 */
export interface PanelState {
  readonly lastFiles?: PipelineFilesMessage;
  readonly lastRuns?: RunsSnapshotMessage;
  readonly tab?: PanelTab;
  readonly expanded?: Readonly<Record<string, boolean>>;
  /** Which "why?" the page has shown, so a reload neither reveals it again nor brings back one the user closed. */
  readonly riskFocus?: RiskFocusState;
}

function parseRiskFocus(value: unknown): RiskFocusState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { seen, closed } = value as Record<string, unknown>;
  return typeof seen === 'number' && Number.isSafeInteger(seen) && seen >= 0 && typeof closed === 'boolean'
    ? { seen, closed }
    : undefined;
}

function parseExpanded(value: unknown): Record<string, boolean> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, boolean> = {};
  for (const [key, open] of Object.entries(value))
    if (typeof open === 'boolean' && /^(run|job):\d+$/.test(key)) out[key] = open;
  return out;
}

export function loadState(): PanelState {
  const saved: unknown = host().getState();
  if (typeof saved !== 'object' || saved === null) return {};
  // Stored state is read back like any other input: only well-formed parts are used.
  const record = saved as Record<string, unknown>;
  const lastFiles = parseToWebview(record['lastFiles']);
  const lastRuns = parseToWebview(record['lastRuns']);
  const tab = record['tab'];
  const expanded = parseExpanded(record['expanded']);
  const riskFocus = parseRiskFocus(record['riskFocus']);
  return {
    ...(lastFiles?.type === 'pipelineFiles' ? { lastFiles } : {}),
    ...(lastRuns?.type === 'runs' ? { lastRuns } : {}),
    ...(isPanelTab(tab) ? { tab } : {}),
    ...(expanded ? { expanded } : {}),
    ...(riskFocus ? { riskFocus } : {}),
  };
}

let saved: PanelState = {};

/** Merges into what was saved, so each part of the page saves only its own piece. */
export function saveState(patch: PanelState): void {
  saved = { ...saved, ...patch };
  host().setState(saved);
}

/** Starts the merge from what the page loaded with. */
export function initState(state: PanelState): void {
  saved = { ...state };
}
