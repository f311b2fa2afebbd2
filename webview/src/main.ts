// Panel bootstrap: builds the page, draws the last known list at once, listens for the host's messages (validated;
// anything malformed is ignored) and tells the host it is ready for data.
import './components.js';
import { parseToWebview, type ToWebview } from '../../protocol/webview.js';
import { GraphView } from './graph/graphView.js';
import { PanelHeader } from './panelHeader.js';
import { PipelineFilesView } from './pipelineFilesView.js';
import { ServerStatusView } from './serverStatusView.js';
import { adoptPanelStyles } from './styles.js';
import { loadState, postToHost, saveState } from './vscodeApi.js';

function start(): void {
  adoptPanelStyles(document);
  const status = new ServerStatusView();
  const header = new PanelHeader(() => { postToHost({ type: 'refresh' }); }, status.element);
  const files = new PipelineFilesView((uri) => { postToHost({ type: 'openFile', uri }); });
  const graph = new GraphView((uri, line) => { postToHost({ type: 'openFile', uri, line }); });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(header.element, files.element, graph.element);

  const apply = (message: ToWebview): void => {
    switch (message.type) {
      case 'pipelineFiles':
        header.showFiles(message.workspaceName, message.files);
        files.render(message.files);
        break;
      case 'serverState':
        status.update(message.state);
        header.setBusy(message.state === 'starting' || message.state === 'checking');
        break;
      case 'graph':
        graph.render(message);
        break;
    }
  };

  const { lastFiles } = loadState();
  if (lastFiles) apply(lastFiles);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (!message) return;
    apply(message);
    if (message.type === 'pipelineFiles') saveState({ lastFiles: message });
  });
  postToHost({ type: 'ready' });
}

start();
