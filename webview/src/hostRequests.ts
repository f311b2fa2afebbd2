// The page's own requests to the server (protocol/panelRequests.ts): each posted with a fresh id and settled by the
// host's response with that id. The host answers every request it forwards, with or without a result, so none waits
// for ever; a response nobody waits for (a forged or repeated id) is ignored.
import type { PageRequestName, PanelRequestArgs, PanelRequestResult } from '../../protocol/panelRequests.js';
import type { FromWebview, PageResponse } from '../../protocol/webview.js';

export class HostRequests {
  private nextId = 0;
  private readonly pending = new Map<number, { readonly name: PageRequestName; settle(result: unknown): void }>();

  constructor(private readonly post: (message: FromWebview) => void) {}

  ask<N extends PageRequestName>(name: N, ...args: PanelRequestArgs<N>): Promise<PanelRequestResult<N> | undefined> {
    const id = this.nextId++;
    const [params] = args;
    return new Promise((resolve) => {
      this.pending.set(id, { name, settle: resolve });
      this.post({ type: 'request', id, name, params });
    });
  }

  /** A response to one of this page's requests (already checked against its request's name by parseToWebview). */
  settle(response: PageResponse): void {
    const waiting = this.pending.get(response.id);
    if (waiting?.name !== response.name) return;
    this.pending.delete(response.id);
    waiting.settle(response.result);
  }
}
