// Activation: register everything synchronously, start the server without waiting for it. Kept light so activation
// stays well under 50 ms of the extension host's time (bench/activation.mjs measures it).
import * as vscode from 'vscode';
import { registerAiSuggestions } from './ai/aiSuggestions';
import { parseExplainJobFailureArgs } from '../../protocol/explainJobFailure';
import { EXPLAIN_FAILURE_COMMAND, FailureExplainer } from './ai/explainFailure';
import { vscodeLanguageModels } from './ai/vscodeLanguageModels';
import { checkWorkspace, fixWorkspace, restartServer, showOutput, showPipelinePanel } from './commands';
import { createRunsFeature, type RunsFeature } from './github/runsFeature';
import { ServerRunsBackend } from './github/serverRunsBackend';
import type { ExplainFailure } from './github/vscodeRunsUi';
import { explainModel } from './models/explainModelCommand';
import { registerOnnxModelEditor } from './models/onnxModelEditor';
import type { PanelRunsParticipant } from './panel/panelRunsParticipant';
import { registerPipelinePanelSerializer } from './panel/pipelinePanel';
import { PreflightServer } from './preflightServer';
import { explainFailureRisk, retrainFailureModel } from './risk/failureRiskCommands';
import { FailureRiskFeed } from './risk/failureRiskFeed';
import { serverPipelineData } from './serverPipelineData';
import { createStatusBar } from './statusBar';

let server: PreflightServer | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Preflight', { log: true });
  server = new PreflightServer(context, output);
  const data = serverPipelineData(server);
  const explainer = new FailureExplainer(server, () => vscode.workspace.workspaceFolders?.[0]?.uri);
  const runsFeature = lazyRunsFeature(server, context, (failure) => explainer.explain(failure));
  const risk = new FailureRiskFeed(
    server.onFailureRisk,
    async (target) => {
      const session = server?.failureRisk;
      return session ? session.explain(target) : undefined;
    },
    context.subscriptions,
  );
  const runs = (): PanelRunsParticipant | undefined => {
    const controller = runsFeature()?.controller;
    return controller ? risk.alongside(controller) : undefined;
  };
  context.subscriptions.push(
    output,
    server,
    createStatusBar(server),
    vscode.commands.registerCommand('preflight.showPipelinePanel', showPipelinePanel(context.extensionUri, data, runs)),
    vscode.commands.registerCommand('preflight.checkWorkspace', checkWorkspace(server)),
    vscode.commands.registerCommand('preflight.fixWorkspace', fixWorkspace(server)),
    vscode.commands.registerCommand('preflight.restartServer', restartServer(server)),
    vscode.commands.registerCommand('preflight.showOutput', showOutput(server)),
    vscode.commands.registerCommand('preflight.explainModel', explainModel()),
    vscode.commands.registerCommand('preflight.explainFailureRisk', explainFailureRisk(server, risk)),
    vscode.commands.registerCommand('preflight.retrainFailureModel', retrainFailureModel(server)),
    explainer,
    // From the palette: the newest failed job; from a failed job's lens: that job of that run.
    vscode.commands.registerCommand(EXPLAIN_FAILURE_COMMAND, (arg: unknown) => {
      const feature = runsFeature();
      const job = parseExplainJobFailureArgs(arg);
      if (feature)
        void (job
          ? feature.controller.explainJobFailure(job.runId, job.jobId)
          : feature.controller.explainLatestFailure());
      else
        void vscode.window.showInformationMessage(
          'Preflight: open a folder with a GitHub repository to explain its failed runs.',
        );
    }),
    registerOnnxModelEditor(context.extensionUri, server),
    registerAiSuggestions(server),
  );
  registerPipelinePanelSerializer(context, () => data, runs);
  // The server offers "Explain failure" lenses only while a chat model is there.
  context.subscriptions.push(
    vscodeLanguageModels.onDidChange((available) => {
      server?.setLanguageModels(available);
    }),
  );
  // Trust changes what the server may run (shellcheck); a restart hands it the new state.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void server?.restart();
    }),
  );
  // Start after activation returns: loading the language client is not activation work.
  setImmediate(() => {
    server?.start().catch(() => {
      /* reported in the output channel and the status bar */
    });
    void vscodeLanguageModels.available().then((available) => {
      server?.setLanguageModels(available);
    });
    // The Runs tab's first fetch, started now so it is done (or in flight) when the panel opens. Silent sign-in only.
    void runsFeature()
      ?.warm()
      .catch((error: unknown) => {
        output.warn(`Preflight: could not prepare the Runs tab: ${String(error)}`);
      });
  });
  output.info(`Preflight activated in ${(performance.now() - started).toFixed(1)} ms`);
}

/**
 * The Runs tab for the first workspace folder, built right after activation or when the panel first opens, whichever
 * comes first (reading .git and asking for a GitHub session is not activation work). Multi-root workspaces show the
 * first folder's repository.
 */
function lazyRunsFeature(
  preflight: PreflightServer,
  context: vscode.ExtensionContext,
  explain: ExplainFailure,
): () => RunsFeature | undefined {
  let feature: RunsFeature | undefined;
  return () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    if (!feature) {
      // Workspace storage, when it is on disk: the last runs per branch survive a reload there.
      const storage =
        context.storageUri?.scheme === 'file'
          ? vscode.Uri.joinPath(context.storageUri, 'runs-snapshots.json').fsPath
          : undefined;
      feature = createRunsFeature(folder, new ServerRunsBackend(preflight), storage, explain);
      context.subscriptions.push(feature);
    }
    return feature;
  };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
