// The server requests the pipeline panel makes, by name: one table of the requests declared beside their shapes
// (panelRequest.ts). The client sends every one of them through one function (`panelRequest` in
// client/src/languageClientSession.ts), and the ones the page may send itself go from page to host to server as one
// generic `request` message answered by a `response`, so a tab's own request needs no code in the client or the host.
import { PIPELINE_GRAPHS } from './graphView';
import type { PageAskableRequest, PanelRequest } from './panelRequest';
import { LIST_PIPELINE_FILES } from './pipelineFiles';

export const PANEL_REQUESTS = {
  listPipelineFiles: LIST_PIPELINE_FILES,
  pipelineGraphs: PIPELINE_GRAPHS,
} as const;

type Table = typeof PANEL_REQUESTS;
export type PanelRequestName = keyof Table;

/** Its params: undefined for a request without params. (Per name, for a union of names.) */
export type PanelRequestParams<N extends PanelRequestName> = N extends unknown
  ? Table[N] extends PanelRequest<infer P, unknown>
    ? P
    : never
  : never;

export type PanelRequestResult<N extends PanelRequestName> = N extends unknown
  ? Table[N] extends PanelRequest<unknown, infer R>
    ? R
    : never
  : never;

/** The arguments after the name: none for a request without params, else its params. */
export type PanelRequestArgs<N extends PanelRequestName> = [PanelRequestParams<N>] extends [undefined]
  ? []
  : [params: PanelRequestParams<N>];

/** Sends one of the panel's requests to the server. */
export type PanelRequestSender = <N extends PanelRequestName>(
  name: N,
  ...args: PanelRequestArgs<N>
) => Promise<PanelRequestResult<N>>;

/** Sends one of the panel's requests when it can; undefined when it cannot now (no server running). */
export type PanelRequester = <N extends PanelRequestName>(
  name: N,
  ...args: PanelRequestArgs<N>
) => Promise<PanelRequestResult<N> | undefined>;

/** The requests the page may send itself. */
export type PageRequestName = {
  [N in PanelRequestName]: Table[N] extends PageAskableRequest<unknown, unknown> ? N : never;
}[PanelRequestName];

/**
 * Webview -> extension: one request for the server, answered by the response with the same id. (Params and result are
 * typed per name where a request is made and answered; on the wire they are checked by the parse functions below.)
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

/** The page's checks of a request it may send; undefined for any other name (inherited ones included). */
function pageChecks(name: unknown): PageAskableRequest<unknown, unknown>['page'] | undefined {
  if (typeof name !== 'string' || !Object.hasOwn(PANEL_REQUESTS, name)) return undefined;
  const request: PanelRequest<unknown, unknown> = PANEL_REQUESTS[name as PanelRequestName];
  return 'page' in request ? (request as PageAskableRequest<unknown, unknown>).page : undefined;
}

/** A well-formed request for one the page may send, with params its check accepts; otherwise undefined. */
export function parsePageRequest(value: Readonly<Record<string, unknown>>): PageRequest | undefined {
  const { id, name, params } = value;
  const checks = pageChecks(name);
  if (!isRequestId(id) || !checks?.isParams(params)) return undefined;
  return { type: 'request', id, name: name as PageRequestName, params: params as PageRequest['params'] };
}

/** A well-formed response; an answer its check rejects makes the whole response malformed. */
export function parsePageResponse(value: Readonly<Record<string, unknown>>): PageResponse | undefined {
  const { id, name } = value;
  const checks = pageChecks(name);
  if (!isRequestId(id) || !checks) return undefined;
  const response = { type: 'response', id, name: name as PageRequestName } as const;
  if (value['result'] === undefined) return response;
  const result = checks.parseResult(value['result']);
  return result === undefined ? undefined : { ...response, result: result as PanelRequestResult<PageRequestName> };
}
