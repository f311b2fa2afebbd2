// Typed access to the host. acquireVsCodeApi may be called only once per page, so the handle is kept here and every
// other module goes through postToHost/loadState/saveState.
import { parseToWebview, type FromWebview, type ToWebview } from '../../protocol/webview.js';

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

/**
 * What survives the panel being hidden (retainContextWhenHidden is off, so the page reloads on show): the last list,
 * drawn at once so the panel does not flash empty while the host answers `ready`.
 */
export interface PanelState {
  readonly lastFiles?: PipelineFilesMessage;
}

export function loadState(): PanelState {
  const saved: unknown = host().getState();
  if (typeof saved !== 'object' || saved === null || !('lastFiles' in saved)) return {};
  // Stored state is read back like any other input: only a well-formed message is used.
  const lastFiles = parseToWebview(saved.lastFiles);
  return lastFiles?.type === 'pipelineFiles' ? { lastFiles } : {};
}

export function saveState(state: PanelState): void {
  host().setState(state);
}
