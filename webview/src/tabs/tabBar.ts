// The tab bar over the panel's views, made from the tab list: a WAI-ARIA tablist whose tabs control their panels.
// Left/Right/Home/End move between tabs and select them (automatic activation); only the selected tab is in the tab
// order. The bar stays hidden until a tab beyond the one shown alone has something to show (see TabShown), so a
// build without runs or graphs shows the file list exactly as before.
import { codicon, h, setAttr, setCodicon } from '../dom.js';
import type { PanelTabDeclaration, TabStatus } from './panelTab.js';

interface TabParts {
  readonly label: string;
  readonly tab: HTMLElement;
  readonly panel: HTMLElement;
  /** The status icon beside the label, made the first time the tab has a status. */
  status?: HTMLElement;
}

export class TabBar<Id extends string> {
  readonly element: HTMLElement;
  private readonly ids: readonly Id[];
  private readonly parts = new Map<Id, TabParts>();
  private selected: Id;

  /** `panels`: each tab's panel, in the list's order; `initial` is selected while the bar is hidden. */
  constructor(
    tabs: readonly PanelTabDeclaration<Id>[],
    panels: ReadonlyMap<Id, HTMLElement>,
    initial: Id,
    private readonly onSelect: (tab: Id) => void,
  ) {
    this.ids = tabs.map((t) => t.id);
    this.selected = initial;
    for (const { id, label, codicon: icon } of tabs) {
      const panel = panels.get(id);
      if (!panel) throw new Error(`no panel for tab ${id}`);
      const tab = h(
        'div',
        {
          className: 'tab',
          testId: `tab-${id}`,
          attrs: {
            role: 'tab',
            id: `tab-${id}`,
            'aria-controls': `panel-${id}`,
            'aria-selected': 'false',
            tabindex: '-1',
          },
        },
        codicon(icon, 'tab-icon'),
        h('span', { text: label }),
      );
      tab.addEventListener('click', () => {
        this.select(id, true);
      });
      setAttr(panel, 'role', 'tabpanel');
      setAttr(panel, 'id', `panel-${id}`);
      setAttr(panel, 'aria-labelledby', `tab-${id}`);
      this.parts.set(id, { label, tab, panel });
    }
    this.element = h(
      'div',
      { className: 'tabs', testId: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Preflight views' } },
      ...this.ids.map((id) => this.part(id).tab),
    );
    this.element.addEventListener('keydown', (event) => {
      this.onKeyDown(event);
    });
    this.element.hidden = true;
    this.apply();
  }

  get current(): Id {
    return this.selected;
  }

  /** Shows the tab bar. */
  enable(): void {
    this.element.hidden = false;
  }

  /** The status icon beside a tab's label, said after the label in the tab's name; undefined hides it. */
  setStatus(id: Id, status: TabStatus | undefined): void {
    const parts = this.part(id);
    if (!status) {
      if (parts.status) parts.status.hidden = true;
      setAttr(parts.tab, 'aria-label', parts.label);
      return;
    }
    if (!parts.status) {
      parts.status = codicon('blank', 'tab-status');
      parts.status.dataset['testid'] = `tab-${id}-status`;
      parts.tab.append(parts.status);
    }
    parts.status.hidden = false;
    setCodicon(
      parts.status,
      status.icon,
      `tab-status tone-${status.tone}${status.spin ? ' codicon-modifier-spin' : ''}`,
    );
    setAttr(parts.tab, 'aria-label', `${parts.label}, ${status.label}`);
  }

  select(id: Id, focus = false): void {
    const changed = id !== this.selected;
    this.selected = id;
    this.apply();
    if (focus) this.part(id).tab.focus();
    if (changed) this.onSelect(id);
  }

  private part(id: Id): TabParts {
    const parts = this.parts.get(id);
    if (!parts) throw new Error(`no tab ${id}`);
    return parts;
  }

  private apply(): void {
    for (const [id, { tab, panel }] of this.parts) {
      const on = id === this.selected;
      setAttr(tab, 'aria-selected', String(on));
      setAttr(tab, 'tabindex', on ? '0' : '-1');
      panel.hidden = !on;
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const { ids } = this;
    const index = ids.indexOf(this.selected);
    let next: Id | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = ids[(index + 1) % ids.length];
        break;
      case 'ArrowLeft':
        next = ids[(index - 1 + ids.length) % ids.length];
        break;
      case 'Home':
        next = ids[0];
        break;
      case 'End':
        next = ids.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.select(next, true);
  }
}
