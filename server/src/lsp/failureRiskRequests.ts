// Builds the failure-risk service for the server and answers its requests ("why?" explanations, retraining). Every
// handler catches and answers empty: a failure here must not disturb editing.
import { guarded, type ServerContext } from './serverContext';
import { ExplainRiskRequest, RetrainFailureModelRequest } from '../../../protocol/failureRiskLsp';
import { FailureRisk } from './failureRisk';
import { FailureRiskStore } from '../engine/model/failure/failureRiskStore';
import { pathToUri } from './uris';

export function registerFailureRisk(ctx: ServerContext): FailureRisk {
  const folderPaths = (): readonly string[] => ctx.workspace.folderPaths;
  let store: FailureRiskStore | undefined;
  const risk = new FailureRisk({
    connection: ctx.connection,
    documents: ctx.documents,
    folderPaths,
    canRefreshLenses: () => ctx.client.codeLensRefresh,
    logError: ctx.logError,
    // The storage folder is known only after initialisation.
    get store() {
      store ??= new FailureRiskStore(ctx.client.storagePath);
      return store;
    },
    riskSettings: async () => {
      // The repository is the first folder's (the panel watches it): its scope decides.
      const folder = folderPaths()[0];
      const settings = await ctx.settings.get(folder === undefined ? '' : pathToUri(folder));
      return { retrain: settings.riskRetrain, evidence: settings.riskEvidence };
    },
  });

  ctx.connection.onRequest(ExplainRiskRequest.type, (params) =>
    guarded(ctx, 'explaining failure risk', null, () => {
      if (typeof params.uri !== 'string' || !(params.job === null || typeof params.job === 'string')) return null;
      return risk.explain(params.uri, params.job);
    }),
  );

  ctx.connection.onRequest(RetrainFailureModelRequest.type, () =>
    guarded(ctx, 'retraining', { ok: false, message: 'Retraining failed; see the Preflight output.' }, () =>
      risk.retrain(),
    ),
  );
  return risk;
}
