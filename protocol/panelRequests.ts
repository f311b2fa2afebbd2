// The server requests the pipeline panel makes, by name. The client sends every one of them through one function
// (`panelRequest`, client/src/languageClientSession.ts), so a request the panel needs is its namespace in lsp.ts and its
// line here, and no client file restates it. The ones the page may send itself (a tab's own data) are in pageRequests.ts.
// Only the language client bundle and the server load this file; everything else imports its types.
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { ListPipelineFilesRequest, PipelineGraphsRequest } from './lsp';

export const PANEL_REQUESTS = {
  listPipelineFiles: ListPipelineFilesRequest.type,
  pipelineGraphs: PipelineGraphsRequest.type,
} as const;

export type PanelRequestName = keyof typeof PANEL_REQUESTS;

type Table = typeof PANEL_REQUESTS;

/** The arguments after the name: none for a request without params, else its params (per name, for a union of names). */
export type PanelRequestArgs<N extends PanelRequestName> = N extends unknown
  ? Table[N] extends RequestType0<unknown, unknown>
    ? []
    : Table[N] extends RequestType<infer P, unknown, unknown>
      ? [params: P]
      : never
  : never;

/** What the page sends as `params` (undefined for a request without params). */
export type PanelRequestParams<N extends PanelRequestName> = PanelRequestArgs<N>[0];

export type PanelRequestResult<N extends PanelRequestName> = N extends unknown
  ? Table[N] extends RequestType0<infer R, unknown>
    ? R
    : Table[N] extends RequestType<unknown, infer R, unknown>
      ? R
      : never
  : never;

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
