// Builds the failure-risk service for the server and answers its requests ("why?" explanations, retraining). Every
// handler catches and answers empty: a failure here must not disturb editing.
import type { ServerContext } from './serverContext';
import { ExplainRiskRequest, RetrainFailureModelRequest } from '../../../protocol/failureRiskLsp';
import { FailureRisk } from './failureRisk';
import { FailureRiskStore } from '../engine/model/failure/failureRiskStore';
import { pathToUri } from './uris';

export function registerFailureRisk(ctx: ServerContext): FailureRisk {
  const w = {
    connection: ctx.connection,
    documents: ctx.documents,
    folderPaths: (): readonly string[] => ctx.workspace.folderPaths,
    canRefreshLenses: (): boolean => ctx.client.codeLensRefresh,
    logError: ctx.logError,
    /** Known after initialisation. */
    storagePath: (): string | undefined => ctx.client.storagePath,
    settings: ctx.settings,
  };
  let store: FailureRiskStore | undefined;
  const risk = new FailureRisk({
    connection: w.connection,
    documents: w.documents,
    folderPaths: w.folderPaths,
    canRefreshLenses: w.canRefreshLenses,
    logError: w.logError,
    get store() {
      store ??= new FailureRiskStore(w.storagePath());
      return store;
    },
    retrainEnabled: async () => {
      // The repository is the first folder's (the panel watches it): its scope decides.
      const folder = w.folderPaths()[0];
      return (await w.settings.get(folder === undefined ? '' : pathToUri(folder))).riskRetrain;
    },
  });

  w.connection.onRequest(ExplainRiskRequest.type, (params) => {
    try {
      if (typeof params.uri !== 'string' || !(params.job === null || typeof params.job === 'string')) return null;
      return risk.explain(params.uri, params.job);
    } catch (error) {
      w.logError('explaining failure risk', error);
      return null;
    }
  });

  w.connection.onRequest(RetrainFailureModelRequest.type, async () => {
    try {
      return await risk.retrain();
    } catch (error) {
      w.logError('retraining', error);
      return { ok: false, message: 'Retraining failed; see the Preflight output.' };
    }
  });
  return risk;
}
