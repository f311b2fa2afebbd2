// One row of the runs tree (a run, a job, a step or a placeholder): a flat role=treeitem with aria-level, so rows keep
// their DOM node across refreshes and expanding never re-parents anything. Buttons inside a row join the tab order only
// while their row is the active one, so Tab goes from the tree to the actions of the row you are on, not through every row.
import type { RunAction } from '../../../protocol/webview.js';
import { codicon, h, setAttr, setText } from '../dom.js';

export type ActionHandler = (action: RunAction) => void;

export class ActionButton {
  readonly element: HTMLButtonElement;

  constructor(icon: string, label: string, kind: string, onClick: () => void) {
    this.element = h(
      'button',
      {
        className: `action action-${kind}`,
        testId: `action-${kind}`,
        attrs: { type: 'button', tabindex: '-1', title: label, 'aria-label': label },
      },
      codicon(icon, 'action-icon'),
      h('span', { className: 'action-label', text: label }),
    );
    this.element.addEventListener('click', (event) => {
      // The row's own click (expand, open) must not fire too.
      event.stopPropagation();
      onClick();
    });
  }

  show(visible: boolean): void {
    this.element.hidden = !visible;
  }
}

export abstract class TreeRow {
  readonly element: HTMLDivElement;
  protected readonly actionBar = h('span', { className: 'actions' });
  protected readonly buttons: ActionButton[] = [];
  private active = false;

  protected constructor(
    readonly key: string,
    readonly level: number,
    testId: string,
    readonly parent: TreeRow | undefined,
  ) {
    this.element = h('div', {
      className: `tree-row level-${level}`,
      testId,
      attrs: { role: 'treeitem', tabindex: '-1', 'aria-level': String(level), 'aria-selected': 'false' },
    });
    this.element.dataset['key'] = key;
  }

  /** True when the row has children it can show or hide. */
  get expandable(): boolean {
    return false;
  }

  get expanded(): boolean {
    return this.element.getAttribute('aria-expanded') === 'true';
  }

  setExpanded(expanded: boolean | undefined): void {
    if (expanded === undefined) this.element.removeAttribute('aria-expanded');
    else setAttr(this.element, 'aria-expanded', String(expanded));
  }

  /** Enter/Space/click on the row itself. */
  abstract activate(): void;

  setActive(active: boolean): void {
    this.active = active;
    setAttr(this.element, 'tabindex', active ? '0' : '-1');
    setAttr(this.element, 'aria-selected', String(active));
    for (const b of this.buttons) setAttr(b.element, 'tabindex', active ? '0' : '-1');
  }

  /** A flat tree: screen readers learn "3 of 7" from these, not from nesting. */
  setPosition(position: number, size: number): void {
    setAttr(this.element, 'aria-posinset', String(position));
    setAttr(this.element, 'aria-setsize', String(size));
  }

  protected addButton(icon: string, label: string, kind: string, onClick: () => void): ActionButton {
    const button = new ActionButton(icon, label, kind, onClick);
    setAttr(button.element, 'tabindex', this.active ? '0' : '-1');
    this.buttons.push(button);
    this.actionBar.append(button.element);
    return button;
  }

  protected setLabel(label: string): void {
    setAttr(this.element, 'aria-label', label);
  }
}

/** "Loading jobs…" or "No jobs": a row so the tree never looks broken while data is on its way. */
export class PlaceholderRow extends TreeRow {
  private readonly text = h('span', { className: 'placeholder-text' });

  constructor(key: string, level: number, parent: TreeRow) {
    super(key, level, 'placeholder-row', parent);
    this.element.classList.add('placeholder');
    this.element.append(this.text);
  }

  update(text: string): void {
    setText(this.text, text);
    this.setLabel(text);
  }

  activate(): void {
    // Nothing to open.
  }
}
