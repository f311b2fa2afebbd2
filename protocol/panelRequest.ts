// What one of the pipeline panel's server requests is: its LSP method, whether it takes params, its params and result
// types, and, for a request the page may send itself (a tab's own data), the checks that run where something arrives
// from the side trusted less. Declared beside the shapes it carries and listed by name in panelRequests.ts. Loads
// nothing heavy, so the page, the host, the language client and the server all read the same declaration. The factories
// follow LSP's RequestType / RequestType0: the `0` ones take no params (and go out without any).

/** The checks of a request the page may send: the host's of the page's params, the page's of the server's answer. */
export interface PageChecks<P, R> {
  /** Undefined params for a request without params. */
  readonly isParams: (value: unknown) => value is P;
  /** The well-formed answer (extra fields dropped), or undefined. */
  readonly parseResult: (value: unknown) => R | undefined;
}

/** A request the host sends for the panel. `P` is undefined for a request without params. */
export interface PanelRequest<P, R> {
  readonly method: string;
  readonly takesParams: boolean;
  /** Carries the types; never set. */
  readonly types?: { readonly params: P; readonly result: R };
}

/** A request the page may also send itself; the host forwards it after `page.isParams`. */
export interface PageAskableRequest<P, R> extends PanelRequest<P, R> {
  readonly page: PageChecks<P, R>;
}

export function panelRequest<P, R>(method: string): PanelRequest<P, R> {
  return { method, takesParams: true };
}

export function panelRequest0<R>(method: string): PanelRequest<undefined, R> {
  return { method, takesParams: false };
}

export function pageAskableRequest<P, R>(method: string, page: PageChecks<P, R>): PageAskableRequest<P, R> {
  return { method, takesParams: true, page };
}

export function pageAskableRequest0<R>(
  method: string,
  parseResult: (value: unknown) => R | undefined,
): PageAskableRequest<undefined, R> {
  return { method, takesParams: false, page: { isParams: (value) => value === undefined, parseResult } };
}
