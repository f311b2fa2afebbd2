// What the Runs tab says when there is nothing (or nothing current) to show: signed out, no GitHub remote, no runs yet,
// offline, rate limited, no permission. Drawn full size when the list is empty and as a one-block banner above a stale list.
import type { RunsState } from '../../../protocol/runsView.js';
import { codicon, h, setAttr, setCodicon, setText } from '../dom.js';
import { timeUntil } from './runPresentation.js';

export interface StateText {
  readonly icon: string;
  readonly title: string;
  readonly detail: string;
  /** Only signedOut has a button. */
  readonly signIn: boolean;
}

/** The words for a state; `undefined` for states that show the list without a message. */
export function stateText(
  state: RunsState,
  context: { branch: string | null; repository: string | null },
  now: number,
): StateText | undefined {
  const branch = context.branch ?? 'this branch';
  switch (state.kind) {
    case 'ok':
    case 'loading':
      return undefined;
    case 'signedOut':
      return {
        icon: 'account',
        title: 'Sign in to GitHub to see workflow runs',
        detail: 'Preflight reads runs and jobs with your GitHub account; re-runs need the repo scope.',
        signIn: true,
      };
    case 'noRemote':
      return {
        icon: 'repo',
        title: 'No GitHub remote',
        detail: 'This folder has no git remote on GitHub. Add one (git remote add origin …) to see its runs here.',
        signIn: false,
      };
    case 'noRuns':
      return {
        icon: 'history',
        title: `No workflow runs on ${branch} yet`,
        detail: 'Runs appear here as soon as a workflow starts for this branch.',
        signIn: false,
      };
    case 'offline':
      return {
        icon: 'debug-disconnect',
        title: 'GitHub cannot be reached',
        detail: 'Showing the last runs seen. Preflight keeps trying and updates when the connection is back.',
        signIn: false,
      };
    case 'rateLimited':
      return {
        icon: 'watch',
        title: 'GitHub API rate limit reached',
        detail: `Updates resume ${timeUntil(state.until, now)} (at ${new Date(Date.parse(state.until)).toLocaleTimeString()}).`,
        signIn: false,
      };
    case 'permissionDenied':
      return {
        icon: 'lock',
        title: `No permission to read Actions${context.repository ? ` for ${context.repository}` : ''}`,
        detail: state.detail,
        signIn: false,
      };
  }
}

export class RunsStateView {
  readonly element: HTMLElement;
  private readonly icon = codicon('blank', 'state-icon');
  private readonly title = h('p', { className: 'state-title', testId: 'runs-state-title' });
  private readonly detail = h('p', { className: 'state-detail', testId: 'runs-state-detail' });
  private readonly signIn: HTMLElement;

  constructor(onSignIn: () => void) {
    this.signIn = h('vscode-button', { testId: 'sign-in', text: 'Sign in to GitHub', attrs: { icon: 'github' } });
    this.signIn.addEventListener('click', onSignIn);
    this.element = h(
      'div',
      { className: 'runs-state', testId: 'runs-state', attrs: { role: 'status' } },
      this.icon,
      h('div', { className: 'state-text' }, this.title, this.detail, this.signIn),
    );
    this.element.hidden = true;
  }

  update(kind: RunsState['kind'], text: StateText | undefined, asBanner: boolean): void {
    this.element.hidden = text === undefined;
    if (!text) return;
    this.element.dataset['state'] = kind;
    this.element.classList.toggle('banner', asBanner);
    setCodicon(this.icon, text.icon, 'state-icon');
    setText(this.title, text.title);
    setText(this.detail, text.detail);
    this.signIn.hidden = !text.signIn;
    setAttr(this.element, 'aria-label', `${text.title}. ${text.detail}`);
  }
}
