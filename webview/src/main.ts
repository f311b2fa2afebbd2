// Panel bootstrap: builds the page, draws the last known data at once, listens for the host's messages (validated;
// anything malformed is ignored) and tells the host it is ready for data.
import './components.js';
import { parseToWebview, type ToWebview } from '../../protocol/webview.js';
import { GraphPanel } from './graph/graphPanel.js';
import { h } from './dom.js';
import { PanelHeader, problemCounts } from './panelHeader.js';
import { PanelTabs } from './panelTabs.js';
import { PipelineFilesView } from './pipelineFilesView.js';
import { statusLook } from './runs/runPresentation.js';
import { markRunsPainted, type RunsPaintSource } from './runs/runsPaintMarks.js';
import { RunsView } from './runs/runsView.js';
import { FailureRiskView } from './runs/riskView.js';
import { ServerStatusView } from './serverStatusView.js';
import { adoptPanelStyles } from './styles.js';
import { initState, loadState, postToHost, saveState } from './vscodeApi.js';

function start(): void {
  adoptPanelStyles(document);
  const saved = loadState();
  initState(saved);
  const status = new ServerStatusView();
  const header = new PanelHeader(() => {
    postToHost({ type: 'refresh' });
  }, status.element);
  const files = new PipelineFilesView((uri) => {
    postToHost({ type: 'openFile', uri });
  });
  const graph = new GraphPanel((uri, line) => {
    postToHost({ type: 'openFile', uri, line });
  });
  const runs = new RunsView(
    {
      onAction: (action) => {
        postToHost(action);
      },
      onSignIn: () => {
        postToHost({ type: 'signIn' });
      },
      onExpansionChange: (expanded) => {
        saveState({ expanded });
      },
    },
    saved.expanded,
  );
  const filesPanel = h('div', { className: 'tab-panel' }, files.element);
  const risk = new FailureRiskView(
    {
      // "why?" from an editor lens: the explanation is drawn in the Runs tab, so that is where the user must look.
      // (Called on messages only, after `tabs` below exists.)
      onReveal: () => {
        tabs.enable();
        tabs.select('runs');
      },
      onFocusState: (riskFocus) => {
        saveState({ riskFocus });
      },
    },
    saved.riskFocus,
  );
  const runsPanel = h('div', { className: 'tab-panel' }, risk.element, runs.element);
  const graphPanel = h('div', { className: 'tab-panel' }, graph.element);
  const tabs = new PanelTabs({ runs: runsPanel, files: filesPanel, graph: graphPanel }, (tab) => {
    saveState({ tab });
    if (tab === 'graph') graph.shown();
  });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(header.element, tabs.bar, runsPanel, filesPanel, graphPanel);

  let runsSeen = false;
  const apply = (message: ToWebview, source: RunsPaintSource): void => {
    switch (message.type) {
      case 'pipelineFiles':
        header.showFiles(message.workspaceName, message.files);
        status.setCounts(problemCounts(message.files));
        files.render(message.files);
        break;
      case 'serverState':
        status.update(message.state);
        header.setBusy(message.state === 'starting' || message.state === 'checking');
        break;
      case 'graph':
        // A graph turns the tabs on as runs do, without moving the user off the tab they are on.
        tabs.enable();
        graph.render(message);
        break;
      case 'runs':
        if (!runsSeen) {
          // The first runs message turns the tabs on; Runs is the view to land on unless the user last chose Files.
          runsSeen = true;
          tabs.enable();
          tabs.select(saved.tab ?? 'runs');
        }
        runs.render(message);
        risk.setRuns(message);
        markRunsPainted(message, source);
        {
          const latest = message.runs[0];
          const showsRuns = message.state.kind !== 'signedOut' && message.state.kind !== 'noRemote';
          tabs.setRunsStatus(latest && showsRuns ? statusLook(latest.status, latest.conclusion) : undefined);
        }
        break;
      case 'failureRisk':
        risk.render(message);
        break;
      case 'languageModels':
        runs.setLanguageModelAvailable(message.available);
        break;
    }
  };

  if (saved.lastFiles) apply(saved.lastFiles, 'pageState');
  if (saved.lastRuns) apply(saved.lastRuns, 'pageState');

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (!message) return;
    apply(message, 'host');
    if (message.type === 'pipelineFiles') saveState({ lastFiles: message });
    if (message.type === 'runs') saveState({ lastRuns: message });
  });
  postToHost({ type: 'ready' });
}

start();
