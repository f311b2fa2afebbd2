// One focusable row of the file list: kind icon, path (folder dimmed, file name bright) and the two count badges.
// Built once per URI and updated in place on every refresh.
import { fileKindInfo } from '../../protocol/fileKinds/index.js';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles.js';
import { codicon, h, plural, setAttr, setCodicon, setText } from './dom.js';

/** Counts come from the host; show them as whole non-negative numbers whatever arrives. */
export function safeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

class CountBadge {
  readonly element: HTMLElement;
  private readonly value = h('span', { className: 'count-value' });

  constructor(kind: 'errors' | 'warnings', icon: string) {
    this.element = h(
      'vscode-badge',
      { className: `count ${kind}`, testId: kind === 'errors' ? 'error-count' : 'warning-count' },
      codicon(icon, 'count-icon'),
      this.value,
    );
  }

  update(count: number): void {
    setText(this.value, String(count));
    this.element.classList.toggle('zero', count === 0);
  }
}

export class FileRow {
  readonly element: HTMLDivElement;
  private readonly icon = codicon('file', 'kind-icon');
  private readonly folder = h('span', { className: 'folder' });
  private readonly name = h('span', { className: 'name' });
  private readonly errors = new CountBadge('errors', 'error');
  private readonly warnings = new CountBadge('warnings', 'warning');

  constructor(readonly uri: string) {
    this.element = h(
      'div',
      { className: 'row', testId: 'pipeline-file-row', attrs: { role: 'option', tabindex: '-1' } },
      this.icon,
      h('span', { className: 'path' }, this.folder, this.name),
      h('span', { className: 'counts' }, this.errors.element, this.warnings.element),
    );
    this.element.dataset['uri'] = uri;
  }

  update(file: PipelineFileSummary): void {
    const slash = file.relativePath.lastIndexOf('/');
    const folder = file.relativePath.slice(0, slash + 1);
    const name = file.relativePath.slice(slash + 1);
    const errors = safeCount(file.errors);
    const warnings = safeCount(file.warnings);
    const kind = fileKindInfo(file.kind);
    setCodicon(this.icon, kind.icon, 'kind-icon');
    setText(this.folder, folder);
    setText(this.name, name);
    this.errors.update(errors);
    this.warnings.update(warnings);
    this.element.classList.toggle('has-errors', errors > 0);
    setAttr(this.element, 'title', `${file.relativePath} (${kind.label})`);
    setAttr(
      this.element,
      'aria-label',
      `${file.relativePath}, ${kind.label}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    );
  }

  setActive(active: boolean): void {
    setAttr(this.element, 'tabindex', active ? '0' : '-1');
    setAttr(this.element, 'aria-selected', active ? 'true' : 'false');
  }
}
