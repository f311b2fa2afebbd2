// The file list: rows grouped by kind, re-rendered in place (rows are keyed by URI), one tab stop with arrow-key
// movement between rows (roving tabindex), Enter/Space/click to open.
import { FILE_KINDS, type FileKind } from '../../protocol/fileKinds/index.js';
import type { PipelineFileSummary } from '../../protocol/pipelineFiles.js';
import { h, syncChildren } from './dom.js';
import { createEmptyState } from './emptyState.js';
import { FileGroup } from './fileGroup.js';
import { FileRow } from './fileRow.js';

export class PipelineFilesView {
  readonly element: HTMLElement;
  private readonly list: HTMLDivElement;
  private readonly empty = createEmptyState();
  private readonly loading = h('p', { className: 'loading', testId: 'loading', text: 'Looking for pipeline files…' });
  private readonly rows = new Map<string, FileRow>();
  private readonly groups = new Map<FileKind, FileGroup>();
  private readonly rowOf = new WeakMap<Element, FileRow>();
  /** Rows in display order, for arrow-key movement. */
  private order: FileRow[] = [];
  private active: FileRow | undefined;

  constructor(private readonly onOpen: (uri: string) => void) {
    this.list = h('div', {
      className: 'list',
      testId: 'pipeline-file-list',
      attrs: { role: 'listbox', 'aria-label': 'Pipeline files' },
    });
    this.list.hidden = true;
    this.empty.hidden = true;
    this.element = h('section', { className: 'files' }, this.loading, this.list, this.empty);
    this.list.addEventListener('click', (event) => {
      this.onClick(event);
    });
    this.list.addEventListener('keydown', (event) => {
      this.onKeyDown(event);
    });
    this.list.addEventListener('focusin', (event) => {
      const row = this.rowFor(event.target);
      if (row) this.setActive(row);
    });
  }

  render(files: readonly PipelineFileSummary[]): void {
    const focusedIndex = this.order.findIndex((row) => row.element === document.activeElement);
    const wantedGroups: HTMLElement[] = [];
    const order: FileRow[] = [];
    // One row per URI even if the host repeats a file: the first entry wins.
    const unique = new Map<string, PipelineFileSummary>();
    for (const file of files) if (!unique.has(file.uri)) unique.set(file.uri, file);
    for (const kind of FILE_KINDS) {
      const inKind = [...unique.values()]
        .filter((f) => f.kind === kind)
        .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
      if (inKind.length === 0) continue;
      const group = this.groups.get(kind) ?? this.addGroup(kind);
      group.update(inKind.length);
      const rows = inKind.map((file) => {
        const row = this.rows.get(file.uri) ?? this.addRow(file.uri);
        row.update(file);
        return row;
      });
      syncChildren(
        group.body,
        rows.map((r) => r.element),
      );
      wantedGroups.push(group.element);
      order.push(...rows);
    }
    for (const [uri, row] of this.rows)
      if (!unique.has(uri)) {
        row.element.remove();
        this.rows.delete(uri);
      }
    for (const [kind, group] of this.groups) if (!wantedGroups.includes(group.element)) this.groups.delete(kind);
    syncChildren(this.list, wantedGroups);
    this.order = order;

    this.loading.hidden = true;
    this.list.hidden = order.length === 0;
    this.empty.hidden = order.length > 0;

    // Keep the tab stop (and the focus, if the list had it) on the same file; if that file went away, on its neighbour.
    const keep = this.active && this.rows.get(this.active.uri) === this.active ? this.active : undefined;
    const next = keep ?? (focusedIndex >= 0 ? order[Math.min(focusedIndex, order.length - 1)] : order[0]);
    this.setActive(next);
    if (focusedIndex >= 0 && next && document.activeElement !== next.element)
      next.element.focus({ preventScroll: true });
  }

  private addGroup(kind: FileKind): FileGroup {
    const group = new FileGroup(kind);
    this.groups.set(kind, group);
    return group;
  }

  private addRow(uri: string): FileRow {
    const row = new FileRow(uri);
    this.rows.set(uri, row);
    this.rowOf.set(row.element, row);
    return row;
  }

  private rowFor(target: EventTarget | null): FileRow | undefined {
    const element = target instanceof Element ? target.closest('.row') : null;
    return element ? this.rowOf.get(element) : undefined;
  }

  private setActive(row: FileRow | undefined): void {
    if (this.active === row) {
      row?.setActive(true);
      return;
    }
    this.active?.setActive(false);
    this.active = row;
    row?.setActive(true);
  }

  private onClick(event: MouseEvent): void {
    const row = this.rowFor(event.target);
    if (row) this.onOpen(row.uri);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = this.rowFor(event.target);
    if (!row) return;
    const index = this.order.indexOf(row);
    let target: FileRow | undefined;
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.onOpen(row.uri);
        return;
      case 'ArrowDown':
        target = this.order[Math.min(index + 1, this.order.length - 1)];
        break;
      case 'ArrowUp':
        target = this.order[Math.max(index - 1, 0)];
        break;
      case 'Home':
        target = this.order[0];
        break;
      case 'End':
        target = this.order.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) {
      this.setActive(target);
      target.element.focus();
    }
  }
}
