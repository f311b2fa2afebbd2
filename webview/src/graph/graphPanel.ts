// The Graph tab: the job graph of the workflow last active in an editor above the stage graph of the DVC pipeline, each
// kept until a newer graph of its kind arrives. Until either arrives, one line says what will appear here.
import type { GraphMessage } from '../../../protocol/webview.js';
import { codicon, h } from '../dom.js';
import { GraphView } from './graphView.js';

export class GraphPanel {
  readonly element: HTMLElement;
  private readonly jobs: GraphView;
  private readonly dvc: GraphView;
  private readonly empty = h(
    'div',
    { className: 'empty', testId: 'graph-empty', attrs: { role: 'status' } },
    codicon('type-hierarchy', 'empty-icon'),
    h('p', { className: 'empty-title', text: 'No pipeline graph yet' }),
    h('p', {
      className: 'empty-hint',
      text: 'Open a GitHub Actions workflow or a dvc.yaml in the editor to see its jobs or stages here.',
    }),
  );

  constructor(onOpen: (uri: string, line: number) => void) {
    this.jobs = new GraphView('jobs', onOpen);
    this.dvc = new GraphView('dvc', onOpen);
    this.element = h(
      'div',
      { className: 'graph-panel', testId: 'graph-panel' },
      this.empty,
      this.jobs.element,
      this.dvc.element,
    );
  }

  render(message: GraphMessage): void {
    this.empty.hidden = true;
    (message.kind === 'jobs' ? this.jobs : this.dvc).render(message);
  }

  shown(): void {
    this.jobs.shown();
    this.dvc.shown();
  }
}
