// Runs | Files | Graph: a WAI-ARIA tablist over the panel's views. Left/Right/Home/End move between tabs and select them
// (automatic activation); only the selected tab is in the tab order. The tab bar stays hidden until the extension sends
// runs or a graph, so a build without either shows the file list exactly as before.
import { codicon, h, setAttr, setCodicon } from './dom.js';

export type PanelTab = 'runs' | 'files' | 'graph';
const TABS: readonly PanelTab[] = ['runs', 'files', 'graph'];

export function isPanelTab(value: unknown): value is PanelTab {
  return value === 'runs' || value === 'files' || value === 'graph';
}

export class PanelTabs {
  readonly bar: HTMLElement;
  private readonly tabs: Record<PanelTab, HTMLElement>;
  private selected: PanelTab = 'files';
  /** The newest run's status next to the Runs label, so it shows while the Files tab is open too. */
  private readonly runsStatus = codicon('blank', 'tab-status');

  constructor(
    private readonly panels: Record<PanelTab, HTMLElement>,
    private readonly onSelect: (tab: PanelTab) => void,
  ) {
    const make = (tab: PanelTab, label: string, icon: string): HTMLElement => {
      const element = h(
        'div',
        {
          className: 'tab',
          testId: `tab-${tab}`,
          attrs: {
            role: 'tab',
            id: `tab-${tab}`,
            'aria-controls': `panel-${tab}`,
            'aria-selected': 'false',
            tabindex: '-1',
          },
        },
        codicon(icon, 'tab-icon'),
        h('span', { text: label }),
      );
      element.addEventListener('click', () => {
        this.select(tab, true);
      });
      setAttr(panels[tab], 'role', 'tabpanel');
      setAttr(panels[tab], 'id', `panel-${tab}`);
      setAttr(panels[tab], 'aria-labelledby', `tab-${tab}`);
      return element;
    };
    this.tabs = {
      runs: make('runs', 'Runs', 'github-action'),
      files: make('files', 'Files', 'files'),
      graph: make('graph', 'Graph', 'type-hierarchy'),
    };
    this.runsStatus.hidden = true;
    this.runsStatus.dataset['testid'] = 'tab-runs-status';
    this.tabs.runs.append(this.runsStatus);
    this.bar = h(
      'div',
      { className: 'tabs', testId: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Preflight views' } },
      this.tabs.runs,
      this.tabs.files,
      this.tabs.graph,
    );
    this.bar.addEventListener('keydown', (event) => {
      this.onKeyDown(event);
    });
    this.bar.hidden = true;
    this.apply();
  }

  get current(): PanelTab {
    return this.selected;
  }

  /** Shows the tab bar (once runs are supported). */
  enable(): void {
    this.bar.hidden = false;
  }

  /** `icon` and `tone` from runPresentation's statusLook; undefined hides the indicator. */
  setRunsStatus(
    status:
      { readonly icon: string; readonly tone: string; readonly spin: boolean; readonly label: string } | undefined,
  ): void {
    this.runsStatus.hidden = status === undefined;
    if (!status) {
      setAttr(this.tabs.runs, 'aria-label', 'Runs');
      return;
    }
    setCodicon(
      this.runsStatus,
      status.icon,
      `tab-status tone-${status.tone}${status.spin ? ' codicon-modifier-spin' : ''}`,
    );
    setAttr(this.tabs.runs, 'aria-label', `Runs, latest: ${status.label}`);
  }

  select(tab: PanelTab, focus = false): void {
    const changed = tab !== this.selected;
    this.selected = tab;
    this.apply();
    if (focus) this.tabs[tab].focus();
    if (changed) this.onSelect(tab);
  }

  private apply(): void {
    for (const tab of TABS) {
      const on = tab === this.selected;
      setAttr(this.tabs[tab], 'aria-selected', String(on));
      setAttr(this.tabs[tab], 'tabindex', on ? '0' : '-1');
      this.panels[tab].hidden = !on;
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.selected);
    let next: PanelTab | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = TABS[(index + 1) % TABS.length];
        break;
      case 'ArrowLeft':
        next = TABS[(index - 1 + TABS.length) % TABS.length];
        break;
      case 'Home':
        next = TABS[0];
        break;
      case 'End':
        next = TABS.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.select(next, true);
  }
}
