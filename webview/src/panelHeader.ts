// The top of the panel: the workspace name, the refresh button and the one-line summary of all files, whose error
// count takes the error colour while there are errors.
import type { PipelineFileSummary } from '../../protocol/pipelineFiles.js';
import { h, plural, setText } from './dom.js';
import { safeCount } from './fileRow.js';
import type { ProblemCounts } from './serverStatusView.js';

export function problemCounts(files: readonly PipelineFileSummary[]): ProblemCounts {
  return {
    files: files.length,
    errors: files.reduce((sum, f) => sum + safeCount(f.errors), 0),
    warnings: files.reduce((sum, f) => sum + safeCount(f.warnings), 0),
  };
}

export class PanelHeader {
  readonly element: HTMLElement;
  private readonly title = h('h1', { className: 'title', testId: 'workspace-name', text: 'Preflight' });
  private readonly fileCount = h('span', { className: 'summary-files' });
  private readonly errorCount = h('span', { className: 'summary-errors', testId: 'summary-errors' });
  private readonly warningCount = h('span', { className: 'summary-warnings' });
  private readonly summary = h('p', { className: 'summary', testId: 'summary' });
  private readonly refresh: HTMLElement;

  constructor(onRefresh: () => void, status: HTMLElement) {
    this.refresh = h('vscode-button', {
      testId: 'refresh',
      text: 'Refresh',
      attrs: { icon: 'refresh', secondary: '', title: 'Look for pipeline files again and re-check them' },
    });
    this.refresh.addEventListener('click', onRefresh);
    this.element = h(
      'header',
      { className: 'header' },
      h('div', { className: 'header-top' }, this.title, this.refresh),
      h('div', { className: 'header-meta' }, this.summary, status),
    );
  }

  showFiles(workspaceName: string, files: readonly PipelineFileSummary[]): void {
    setText(this.title, workspaceName);
    this.title.title = workspaceName;
    const counts = problemCounts(files);
    setText(this.fileCount, plural(counts.files, 'pipeline file'));
    setText(this.errorCount, plural(counts.errors, 'error'));
    setText(this.warningCount, plural(counts.warnings, 'warning'));
    this.errorCount.classList.toggle('nonzero', counts.errors > 0);
    this.warningCount.classList.toggle('nonzero', counts.warnings > 0);
    if (this.summary.childNodes.length === 0) {
      this.summary.append(
        this.fileCount,
        document.createTextNode(' · '),
        this.errorCount,
        document.createTextNode(' · '),
        this.warningCount,
      );
    }
  }

  /** Spins the refresh icon while the server works, so the click visibly did something. */
  setBusy(busy: boolean): void {
    this.refresh.toggleAttribute('icon-spin', busy);
  }
}
