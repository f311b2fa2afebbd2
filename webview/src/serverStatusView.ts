// The small status line beside the summary: a progress ring while the server starts or checks, then the verdict on
// what it found, in the same colours as the counts (an error icon while there are errors, a warning icon while there
// are warnings, a green check only when the files are clean), so it never says "all good" beside "1 error". Its height
// is fixed by the stylesheet so changing state never moves the list.
import type { ToWebview } from '../../protocol/webview.js';
import { codicon, h, plural, setAttr, setCodicon, setText } from './dom.js';

export type ServerState = Extract<ToWebview, { type: 'serverState' }>['state'];

/** What the files' counts say, once a list has arrived. */
export interface ProblemCounts {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

export type Health = 'errors' | 'warnings' | 'clean' | 'unknown';

interface Look {
  readonly icon: string | undefined;
  /** Short, so the line never wraps; the tooltip and screen readers get the long form. */
  readonly short: string;
  readonly long: string;
}

const BUSY_OR_DOWN: Record<Exclude<ServerState, 'ready'>, Look> = {
  starting: { icon: undefined, short: 'Starting…', long: 'The Preflight server is starting' },
  checking: { icon: undefined, short: 'Checking…', long: 'Preflight is checking the pipeline files' },
  stopped: {
    icon: 'circle-slash',
    short: 'Server stopped',
    long: 'The Preflight server is stopped: counts may be out of date',
  },
};

export function healthOf(counts: ProblemCounts | undefined): Health {
  if (!counts) return 'unknown';
  return counts.errors > 0 ? 'errors' : counts.warnings > 0 ? 'warnings' : 'clean';
}

function readyLook(counts: ProblemCounts | undefined): Look {
  const found = counts
    ? `${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'pipeline file')}`
    : '';
  switch (healthOf(counts)) {
    case 'errors':
      return { icon: 'error', short: 'Errors to fix', long: `Checked: ${found}` };
    case 'warnings':
      return { icon: 'warning', short: 'Warnings to review', long: `Checked: ${found}` };
    case 'clean':
      return {
        icon: 'pass',
        short: 'No problems',
        long: `Checked: no errors or warnings in ${plural(counts?.files ?? 0, 'pipeline file')}`,
      };
    case 'unknown':
      return { icon: 'check', short: 'Ready', long: 'The Preflight server is ready' };
  }
}

export class ServerStatusView {
  readonly element: HTMLElement;
  private readonly ring = h('vscode-progress-ring', { className: 'status-ring', attrs: { 'aria-label': 'Working' } });
  private readonly icon = codicon('blank', 'status-icon');
  private readonly text = h('span', { className: 'status-text' });
  private state: ServerState | undefined;
  private counts: ProblemCounts | undefined;

  constructor() {
    this.element = h(
      'div',
      { className: 'status', testId: 'server-status', attrs: { role: 'status', 'aria-live': 'polite' } },
      this.ring,
      this.icon,
      this.text,
    );
    this.element.dataset['state'] = 'unknown';
    this.element.dataset['health'] = 'unknown';
  }

  update(state: ServerState): void {
    this.state = state;
    this.draw();
  }

  setCounts(counts: ProblemCounts): void {
    this.counts = counts;
    this.draw();
  }

  private draw(): void {
    const state = this.state;
    if (state === undefined) return;
    const look = state === 'ready' ? readyLook(this.counts) : BUSY_OR_DOWN[state];
    this.element.dataset['state'] = state;
    this.element.dataset['health'] = healthOf(this.counts);
    this.ring.hidden = look.icon !== undefined;
    this.icon.hidden = look.icon === undefined;
    if (look.icon !== undefined) setCodicon(this.icon, look.icon, 'status-icon');
    setText(this.text, look.short);
    setAttr(this.element, 'title', look.long);
    setAttr(this.element, 'aria-label', look.long);
  }
}
