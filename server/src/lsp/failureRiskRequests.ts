// Builds the failure-risk service for the server and answers its requests ("why?" explanations, retraining). Every
// handler catches and answers empty: a failure here must not disturb editing.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ExplainRiskRequest, RetrainFailureModelRequest } from '../../../protocol/failureRiskLsp';
import { FailureRisk } from './failureRisk';
import { FailureRiskStore } from './failureRiskStore';
import type { SettingsStore } from './settingsStore';
import { pathToUri } from './uris';

export interface FailureRiskWiring {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folderPaths: () => readonly string[];
  readonly canRefreshLenses: () => boolean;
  readonly logError: (where: string, error: unknown) => void;
  /** Known after initialisation. */
  readonly storagePath: () => string | undefined;
  readonly settings: SettingsStore;
}

export function registerFailureRisk(w: FailureRiskWiring): FailureRisk {
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
