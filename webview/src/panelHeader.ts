// The top of the panel: the workspace name, the refresh button and the one-line summary of all files.
import type { PipelineFileSummary } from '../../protocol/pipelineFiles.js';
import { h, plural, setText } from './dom.js';
import { safeCount } from './fileRow.js';

export function summaryText(files: readonly PipelineFileSummary[]): string {
  const errors = files.reduce((sum, f) => sum + safeCount(f.errors), 0);
  const warnings = files.reduce((sum, f) => sum + safeCount(f.warnings), 0);
  return [plural(files.length, 'pipeline file'), plural(errors, 'error'), plural(warnings, 'warning')].join(' · ');
}

export class PanelHeader {
  readonly element: HTMLElement;
  private readonly title = h('h1', { className: 'title', testId: 'workspace-name', text: 'Preflight' });
  private readonly summary = h('p', { className: 'summary', testId: 'summary' });
  private readonly refresh: HTMLElement;

  constructor(onRefresh: () => void, status: HTMLElement) {
    this.refresh = h('vscode-button', {
      testId: 'refresh',
      text: 'Refresh',
      attrs: { icon: 'refresh', secondary: '', title: 'Look for pipeline files again and re-check them' },
    });
    this.refresh.addEventListener('click', onRefresh);
    this.element = h('header', { className: 'header' },
      h('div', { className: 'header-top' }, this.title, this.refresh),
      h('div', { className: 'header-meta' }, this.summary, status));
  }

  showFiles(workspaceName: string, files: readonly PipelineFileSummary[]): void {
    setText(this.title, workspaceName);
    this.title.title = workspaceName;
    setText(this.summary, summaryText(files));
  }

  /** Spins the refresh icon while the server works, so the click visibly did something. */
  setBusy(busy: boolean): void {
    this.refresh.toggleAttribute('icon-spin', busy);
  }
}
