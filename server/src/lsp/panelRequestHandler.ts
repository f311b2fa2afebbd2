// Answers one of the pipeline panel's requests (protocol/panelRequests.ts) by its declaration, through `guarded`, so a
// failure is logged and answered with `fallback`. Registered by method: the library's typed overloads cannot take a
// result type that is itself generic. Such a handler is handed (params, token) for a request with params and (token)
// alone for one without, which `takesParams` tells apart; params are an object (sent by name), never spread.
import type { PanelRequest } from '../../../protocol/panelRequest';
import { guarded, type ServerContext } from './serverContext';

export function answerPanelRequest<P, R>(
  ctx: ServerContext,
  request: PanelRequest<P, R>,
  where: string,
  fallback: R,
  handler: (params: P) => Promise<R> | R,
): void {
  ctx.connection.onRequest(request.method, (...args: unknown[]) =>
    guarded(ctx, where, fallback, () => handler((request.takesParams ? args[0] : undefined) as P)),
  );
}
