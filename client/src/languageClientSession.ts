// The language client and everything that needs vscode-languageclient. Bundled on its own (dist/languageClient.js)
// and loaded after activation returns, so the ~1 MB client library never counts against activation time.
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CancelRunRequest,
  GitHubSessionNotification,
  JobLogRequest,
  LanguageModelsNotification,
  LocateRunStepRequest,
  PipelineRunsNotification,
  RerunFailedJobsRequest,
  RerunJobRequest,
  RerunRunRequest,
  WatchPipelineRunsRequest,
} from '../../protocol/lsp';
import {
  CheckWorkspaceRequest,
  FixWorkspaceRequest,
  PipelineFileCountsNotification,
  PipelineFilesChangedNotification,
  RuleDocsRequest,
  ServerStatusNotification,
  SuggestionGateRequest,
} from '../../protocol/lsp';
import { ModelReportProgressNotification, ModelReportRequest } from '../../protocol/modelInsights';
import { PANEL_REQUESTS, type PanelRequestName, type PanelRequestSender } from '../../protocol/panelRequests';
import { ExplainRiskRequest, FailureRiskNotification, RetrainFailureModelRequest } from '../../protocol/failureRiskLsp';
import { PIPELINE_DOCUMENTS } from './pipelineDocuments';
import type { LanguageClientSession, SessionEvents } from './sessionTypes';

/**
 * The one path of the panel's requests: each name's type from the table, its params as given. (The table's entries
 * differ in type, so the call is made untyped; PanelRequestSender types it for callers.)
 */
function panelRequestSender(client: LanguageClient): PanelRequestSender {
  const send = (name: PanelRequestName, params?: unknown): Promise<unknown> => {
    const { method, takesParams } = PANEL_REQUESTS[name];
    // One without params sends none, as the server's handler expects (an undefined one would go out as `[null]`).
    return takesParams ? client.sendRequest(method, params) : client.sendRequest(method);
  };
  return send as PanelRequestSender;
}

export async function startLanguageClientSession(
  serverModule: string,
  output: vscode.LogOutputChannel,
  events: SessionEvents,
  storagePath?: string,
): Promise<LanguageClientSession> {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: PIPELINE_DOCUMENTS,
    outputChannel: output,
    // The server never runs external tools (shellcheck) on an untrusted workspace's scripts.
    initializationOptions: {
      workspaceTrusted: vscode.workspace.isTrusted,
      ...(storagePath === undefined ? {} : { storagePath }),
    },
    // A crash restarts the server; five crashes in three minutes stop it, and the status bar shows it.
    connectionOptions: { maxRestartCount: 5 },
  };
  const client = new LanguageClient('preflight', 'Preflight', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) events.onState('stopped');
    else if (e.newState === State.Starting) events.onState('starting');
  });
  await client.start();
  client.onNotification(ServerStatusNotification.type, (params) => {
    events.onState(params.state);
  });
  client.onNotification(PipelineFilesChangedNotification.type, () => {
    events.onFilesChanged();
  });
  client.onNotification(ModelReportProgressNotification.type, (params) => {
    events.onModelReportProgress(params);
  });
  client.onNotification(PipelineRunsNotification.type, (snapshot) => {
    events.onPipelineRuns(snapshot);
  });
  client.onNotification(PipelineFileCountsNotification.type, (file) => {
    events.onFileCounts(file);
  });
  client.onNotification(FailureRiskNotification.type, (params) => {
    events.onFailureRisk(params);
  });
  return {
    pipelineRuns: {
      setGitHubSession: (params) => {
        void client.sendNotification(GitHubSessionNotification.type, params);
      },
      watch: (params) => client.sendRequest(WatchPipelineRunsRequest.type, params),
      rerunFailedJobs: (owner, repo, runId) => client.sendRequest(RerunFailedJobsRequest.type, { owner, repo, runId }),
      rerunJob: (owner, repo, jobId) => client.sendRequest(RerunJobRequest.type, { owner, repo, jobId }),
      rerunRun: (owner, repo, runId) => client.sendRequest(RerunRunRequest.type, { owner, repo, runId }),
      cancelRun: (owner, repo, runId) => client.sendRequest(CancelRunRequest.type, { owner, repo, runId }),
      jobLog: (owner, repo, jobId) => client.sendRequest(JobLogRequest.type, { owner, repo, jobId }),
      locateRunStep: (params) => client.sendRequest(LocateRunStepRequest.type, params),
    },
    failureRisk: {
      explain: (params) => client.sendRequest(ExplainRiskRequest.type, params),
      retrain: () => client.sendRequest(RetrainFailureModelRequest.type),
    },
    isRunning: () => client.state === State.Running,
    panelRequest: panelRequestSender(client),
    checkWorkspace: () => client.sendRequest(CheckWorkspaceRequest.type),
    setLanguageModels: (available) => {
      void client.sendNotification(LanguageModelsNotification.type, { available });
    },
    fixWorkspace: async () => (await client.sendRequest(FixWorkspaceRequest.type)).files,
    gateSuggestion: (request) => client.sendRequest(SuggestionGateRequest.type, request),
    ruleDocs: (rule) => client.sendRequest(RuleDocsRequest.type, { rule }),
    modelReport: (params, token) => client.sendRequest(ModelReportRequest.type, params, token),
    stop: async () => {
      if (client.isRunning()) await client.stop();
    },
  };
}
