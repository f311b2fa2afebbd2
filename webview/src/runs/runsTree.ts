// The tree's keyboard and focus behaviour (WAI-ARIA tree pattern): one tab stop (roving tabindex), Up/Down/Home/End move,
// Right expands or steps into the children, Left collapses or steps out to the parent, Enter/Space activate. On every
// refresh the rows are re-ordered in place and whichever row had focus keeps it (or its nearest neighbour gets it).
import { h, syncChildren } from '../dom.js';
import type { TreeRow } from './treeRow.js';

export class RunsTree {
  readonly element: HTMLDivElement;
  private order: TreeRow[] = [];
  private active: TreeRow | undefined;
  private readonly rowOf = new WeakMap<Element, TreeRow>();

  constructor(private readonly onToggle: (row: TreeRow, expand: boolean) => void) {
    this.element = h('div', {
      className: 'runs-tree',
      testId: 'runs-tree',
      attrs: { role: 'tree', 'aria-label': 'Workflow runs' },
    });
    this.element.addEventListener('click', (event) => {
      this.onClick(event);
    });
    this.element.addEventListener('keydown', (event) => {
      this.onKeyDown(event);
    });
    this.element.addEventListener('focusin', (event) => {
      const row = this.rowFor(event.target);
      if (row) this.setActive(row);
    });
  }

  register(row: TreeRow): void {
    this.rowOf.set(row.element, row);
  }

  /** Shows exactly `rows`, in order, reusing their elements. */
  show(rows: readonly TreeRow[]): void {
    const focusedIndex = this.order.findIndex((row) => row.element.contains(document.activeElement));
    syncChildren(
      this.element,
      rows.map((r) => r.element),
    );
    this.order = [...rows];
    const keep = this.active && rows.includes(this.active) ? this.active : undefined;
    const next = keep ?? (focusedIndex >= 0 ? rows[Math.min(focusedIndex, rows.length - 1)] : rows[0]);
    this.setActive(next);
    // Focus that was inside a row that went away moves to its neighbour instead of falling to <body>.
    if (focusedIndex >= 0 && next && !next.element.contains(document.activeElement))
      next.element.focus({ preventScroll: true });
  }

  private rowFor(target: EventTarget | null): TreeRow | undefined {
    const element = target instanceof Element ? target.closest('.tree-row') : null;
    return element ? this.rowOf.get(element) : undefined;
  }

  private setActive(row: TreeRow | undefined): void {
    if (this.active !== row) this.active?.setActive(false);
    this.active = row;
    row?.setActive(true);
  }

  private focus(row: TreeRow | undefined): void {
    if (!row) return;
    this.setActive(row);
    row.element.focus();
  }

  private onClick(event: MouseEvent): void {
    const row = this.rowFor(event.target);
    if (!row) return;
    this.focus(row);
    row.activate();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys on a row's buttons are the buttons' own (Enter/Space click them).
    if (event.target instanceof HTMLButtonElement) return;
    const row = this.rowFor(event.target);
    if (!row) return;
    const index = this.order.indexOf(row);
    switch (event.key) {
      case 'Enter':
      case ' ':
        row.activate();
        break;
      case 'ArrowDown':
        this.focus(this.order[Math.min(index + 1, this.order.length - 1)]);
        break;
      case 'ArrowUp':
        this.focus(this.order[Math.max(index - 1, 0)]);
        break;
      case 'Home':
        this.focus(this.order[0]);
        break;
      case 'End':
        this.focus(this.order.at(-1));
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) this.onToggle(row, true);
        else if (row.expandable) this.focus(this.order[index + 1]);
        break;
      case 'ArrowLeft':
        if (row.expandable && row.expanded) this.onToggle(row, false);
        else this.focus(row.parent);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
