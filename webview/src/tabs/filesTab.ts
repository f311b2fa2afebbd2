// The Files tab: the workspace's pipeline files with their finding counts. The panel opens on it, and it is all the
// panel shows until another tab has something to show.
import { PipelineFilesView } from '../pipelineFilesView.js';
import { panelTab, type TabContext, type TabView } from './panelTab.js';

function filesTabView(context: TabContext): TabView {
  const files = new PipelineFilesView((uri) => {
    context.post({ type: 'openFile', uri });
  });
  return {
    elements: [files.element],
    receive: (message) => {
      if (message.type === 'pipelineFiles') files.render(message.files);
    },
  };
}

export const filesTab = panelTab({
  id: 'files',
  label: 'Files',
  codicon: 'files',
  shown: { alone: true },
  view: filesTabView,
});
