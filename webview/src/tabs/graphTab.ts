// The Graph tab: the job graph of the workflow last active in an editor and the stage graph of the DVC pipeline. A
// graph turns the tab bar on, without moving the user off the tab they are on.
import { GraphPanel } from '../graph/graphPanel.js';
import { panelTab, type TabContext, type TabView } from './panelTab.js';

function graphTabView(context: TabContext): TabView {
  const graph = new GraphPanel((uri, line) => {
    context.post({ type: 'openFile', uri, line });
  });
  return {
    elements: [graph.element],
    receive: (message) => {
      if (message.type === 'graph') graph.render(message);
    },
    shown: () => {
      graph.shown();
    },
  };
}

export const graphTab = panelTab({
  id: 'graph',
  label: 'Graph',
  codicon: 'type-hierarchy',
  shown: { on: 'graph' },
  view: graphTabView,
});
