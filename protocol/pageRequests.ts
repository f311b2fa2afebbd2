// The server requests the panel's page may send itself, for a tab's own data: the page posts a `request`, the host
// forwards it through the one request path (panelRequests.ts) and posts the `response`. Each is listed here with the
// checks that run where something arrives from the side that is trusted less: the host checks the page's params before
// anything is sent, the page checks the answer before anything is drawn. The host forwards these and no others.
import { parsePipelineFileSummaries } from './pipelineFiles';
import type { PanelRequestName, PanelRequestParams, PanelRequestResult } from './panelRequests';

interface PageRequestChecks<N extends PanelRequestName> {
  /** The host's check of the page's `params` (undefined for a request without params). */
  readonly isParams: (value: unknown) => value is PanelRequestParams<N>;
  /** The page's check of the answer: the well-formed answer (extra fields dropped), or undefined. */
  readonly parseResult: (value: unknown) => PanelRequestResult<N> | undefined;
}

const noParams = (value: unknown): value is undefined => value === undefined;

const PAGE_REQUESTS = {
  // The list the Files tab is sent anyway: asking for it gives the page nothing it does not already see.
  listPipelineFiles: { isParams: noParams, parseResult: parsePipelineFileSummaries },
} satisfies { readonly [N in PanelRequestName]?: PageRequestChecks<N> };

export type PageRequestName = keyof typeof PAGE_REQUESTS;

/**
 * Webview -> extension: one request for the server, answered by the response with the same id. (Params and result are
 * typed per name where a request is made and answered; on the wire, checked by the parse functions below.)
 */
export interface PageRequest {
  readonly type: 'request';
  readonly id: number;
  readonly name: PageRequestName;
  readonly params: PanelRequestParams<PageRequestName>;
}

/** Extension -> webview: the answer to request `id`; without `result` when there is none (no server, or it failed). */
export interface PageResponse {
  readonly type: 'response';
  readonly id: number;
  readonly name: PageRequestName;
  readonly result?: PanelRequestResult<PageRequestName>;
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPageRequestName(value: unknown): value is PageRequestName {
  return typeof value === 'string' && Object.hasOwn(PAGE_REQUESTS, value);
}

/** A well-formed request for one of the requests above, otherwise undefined. */
export function parsePageRequest(value: Readonly<Record<string, unknown>>): PageRequest | undefined {
  const { id, name, params } = value;
  if (!isRequestId(id) || !isPageRequestName(name)) return undefined;
  return PAGE_REQUESTS[name].isParams(params) ? { type: 'request', id, name, params } : undefined;
}

/** A well-formed response; an answer that fails its check makes the whole response malformed. */
export function parsePageResponse(value: Readonly<Record<string, unknown>>): PageResponse | undefined {
  const { id, name } = value;
  if (!isRequestId(id) || !isPageRequestName(name)) return undefined;
  if (!('result' in value) || value['result'] === undefined) return { type: 'response', id, name };
  const result = PAGE_REQUESTS[name].parseResult(value['result']);
  return result === undefined ? undefined : { type: 'response', id, name, result };
}
