// The small status line for the language server: a progress ring while it starts or checks, an icon otherwise. Its
// height is fixed by the stylesheet so changing state never moves the list.
import type { ToWebview } from '../../protocol/webview.js';
import { codicon, h, setAttr, setCodicon, setText } from './dom.js';

export type ServerState = Extract<ToWebview, { type: 'serverState' }>['state'];

/** Short, so the line never wraps; the tooltip and screen readers get the long form. */
const STATE_TEXT: Record<ServerState, readonly [short: string, long: string]> = {
  starting: ['Starting…', 'The Preflight server is starting'],
  checking: ['Checking…', 'Preflight is checking the pipeline files'],
  ready: ['Up to date', 'The counts are up to date'],
  stopped: ['Server stopped', 'The Preflight server is stopped: counts may be out of date'],
};

const STATE_ICON: Record<ServerState, string | undefined> = {
  starting: undefined,
  checking: undefined,
  ready: 'pass',
  stopped: 'circle-slash',
};

export class ServerStatusView {
  readonly element: HTMLElement;
  private readonly ring = h('vscode-progress-ring', { className: 'status-ring', attrs: { 'aria-label': 'Working' } });
  private readonly icon = codicon('blank', 'status-icon');
  private readonly text = h('span', { className: 'status-text' });

  constructor() {
    this.element = h('div', { className: 'status', testId: 'server-status', attrs: { role: 'status', 'aria-live': 'polite' } },
      this.ring, this.icon, this.text);
    this.element.dataset['state'] = 'unknown';
  }

  update(state: ServerState): void {
    const icon = STATE_ICON[state];
    this.element.dataset['state'] = state;
    this.ring.hidden = icon !== undefined;
    this.icon.hidden = icon === undefined;
    if (icon !== undefined) setCodicon(this.icon, icon, 'status-icon');
    const [short, long] = STATE_TEXT[state];
    setText(this.text, short);
    setAttr(this.element, 'title', long);
    setAttr(this.element, 'aria-label', long);
  }
}
