// Panel bootstrap: builds the page from the tab list (tabs/index.ts), draws the last known data at once, listens for the
// host's messages (validated; anything malformed is ignored), hands each to every tab's view, and tells the host it is
// ready for data.
import './components.js';
import { parseToWebview, type ToWebview } from '../../protocol/webview.js';
import { h } from './dom.js';
import { HostRequests } from './hostRequests.js';
import { PanelHeader, problemCounts } from './panelHeader.js';
import { ServerStatusView } from './serverStatusView.js';
import { adoptPanelStyles } from './styles.js';
import { PANEL_TABS, type PanelTab } from './tabs/index.js';
import type { MessageSource, TabView } from './tabs/panelTab.js';
import { TabBar } from './tabs/tabBar.js';
import { initState, loadState, postToHost, saveState } from './vscodeApi.js';

function start(): void {
  adoptPanelStyles(document);
  const saved = loadState();
  initState(saved);
  const requests = new HostRequests(postToHost);
  const views = new Map<PanelTab, TabView>();
  const status = new ServerStatusView();
  const header = new PanelHeader(() => {
    postToHost({ type: 'refresh' });
    for (const view of views.values()) view.refresh?.();
  }, status.element);

  const panels = new Map<PanelTab, HTMLElement>();
  for (const tab of PANEL_TABS) {
    // The views call back on messages and user input only, so after `tabs` below exists.
    const view = tab.view({
      saved,
      post: postToHost,
      save: saveState,
      ask: (name, ...args) => requests.ask(name, ...args),
      reveal: () => {
        tabs.enable();
        tabs.select(tab.id);
      },
      setStatus: (look) => {
        tabs.setStatus(tab.id, look);
      },
    });
    views.set(tab.id, view);
    panels.set(tab.id, h('div', { className: 'tab-panel' }, ...view.elements));
  }
  const alone = PANEL_TABS.find((tab) => 'alone' in tab.shown) ?? PANEL_TABS[0];
  const tabs = new TabBar<PanelTab>(PANEL_TABS, panels, alone.id, (tab) => {
    saveState({ tab });
    views.get(tab)?.shown?.();
  });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(header.element, tabs.element, ...panels.values());

  let landed = false;
  /** A message some tab waits for turns the tab bar on; the first one of a landing tab picks the tab to show. */
  const showTabs = (message: ToWebview): void => {
    for (const tab of PANEL_TABS) {
      if (!('on' in tab.shown) || tab.shown.on !== message.type) continue;
      tabs.enable();
      if (tab.shown.lands && !landed) {
        // The tab to land on, unless the user last chose another.
        landed = true;
        tabs.select(saved.tab ?? tab.id);
      }
    }
  };

  const apply = (message: ToWebview, source: MessageSource): void => {
    if (message.type === 'response') {
      requests.settle(message);
      return;
    }
    if (message.type === 'pipelineFiles') {
      header.showFiles(message.workspaceName, message.files);
      status.setCounts(problemCounts(message.files));
    } else if (message.type === 'serverState') {
      status.update(message.state);
      header.setBusy(message.state === 'starting' || message.state === 'checking');
    }
    showTabs(message);
    for (const view of views.values()) view.receive?.(message, source);
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
