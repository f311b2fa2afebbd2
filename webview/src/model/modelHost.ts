// Typed access to the host for the model view page (its own page, so its own acquireVsCodeApi handle).
import type { FromModelView } from '../../../protocol/modelView.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function postToHost(message: FromModelView): void {
  api ??= acquireVsCodeApi();
  api.postMessage(message);
}
