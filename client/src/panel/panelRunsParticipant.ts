// What the pipeline panel needs from the Runs feature: told when a page is ready (and how to post to it) or gone, and
// handed the run messages the page sends. Implemented by client/src/github/runsPanelController.ts.
import type { RunAction, ToWebview } from '../../../protocol/webview';

export type RunsPanelMessage = RunAction | { readonly type: 'signIn' } | { readonly type: 'refresh' };

export interface PanelRunsParticipant {
  /** A page is ready for data; `post` reaches it until detach(). */
  attach(post: (message: ToWebview) => void): void;
  /** The page went away (panel hidden or closed): stop spending requests on it. */
  detach(): void;
  handle(message: RunsPanelMessage): void;
}
