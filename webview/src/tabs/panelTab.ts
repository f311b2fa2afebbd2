// What one tab of the panel is, as data: its id, label and codicon, when it is shown, and the view that fills it. The
// list of them (index.ts) is the only place the panel's tabs are named; the tab bar, its ARIA wiring and keys, the
// persisted selection and the page's message routing are all made from it.
import type { PageRequestName, PanelRequestArgs, PanelRequestResult } from '../../../protocol/panelRequests.js';
import type { FromWebview, ToWebview } from '../../../protocol/webview.js';
import type { PanelState } from '../vscodeApi.js';

/** Where a message came from: the host, or the page's saved state drawn at start before the host answers. */
export type MessageSource = 'pageState' | 'host';

/** A status icon beside a tab's label (`icon` and `tone` as runPresentation's statusLook gives them). */
export interface TabStatus {
  readonly icon: string;
  readonly tone: string;
  readonly spin: boolean;
  /** Said after the tab's label in its accessible name: "Runs, latest: In progress". */
  readonly label: string;
}

/** What a tab's view may do beyond its own DOM. */
export interface TabContext {
  /** What the page loaded with: the state saved before the panel was last hidden. */
  readonly saved: PanelState;
  post(message: FromWebview): void;
  /** Merges into the saved state (each part of the page saves only its own piece). */
  save(patch: PanelState): void;
  /**
   * Asks the server, through the host, one of the requests the page may make (protocol/panelRequests.ts); undefined
   * when there is no answer (server down, request failed, or the answer was malformed).
   */
  ask<N extends PageRequestName>(name: N, ...args: PanelRequestArgs<N>): Promise<PanelRequestResult<N> | undefined>;
  /** Turns the tab bar on and selects this tab, for something the user asked for elsewhere that is drawn here. */
  reveal(): void;
  /** Shows (or, with undefined, hides) the status icon beside this tab's label. */
  setStatus(status: TabStatus | undefined): void;
}

/** The view that fills a tab. */
export interface TabView {
  /** The tab panel's content. */
  readonly elements: readonly HTMLElement[];
  /** Every message from the host (and the saved ones at start); a view acts on the types it draws. */
  receive?(message: ToWebview, source: MessageSource): void;
  /** The tab was selected. */
  shown?(): void;
  /** The user asked for fresh data (the header's Refresh). */
  refresh?(): void;
}

/**
 * When a tab is there to choose. `alone`: the view the panel opens on, shown by itself (no tab bar) until another tab
 * has something to show. `on`: the host message that turns the tab bar on; with `lands`, the first one also takes the
 * user to the tab they chose last, or else to this one.
 */
export type TabShown = { readonly alone: true } | { readonly on: ToWebview['type']; readonly lands?: true };

export interface PanelTabDeclaration<Id extends string = string> {
  /** Names its DOM: `tab-<id>` (the tab), `panel-<id>` (its panel), `tab-<id>-status`. */
  readonly id: Id;
  readonly label: string;
  readonly codicon: string;
  readonly shown: TabShown;
  readonly view: (context: TabContext) => TabView;
}

/** Declares a tab, keeping its id's literal type (the list's ids make the PanelTab type). */
export function panelTab<const Id extends string>(declaration: PanelTabDeclaration<Id>): PanelTabDeclaration<Id> {
  return declaration;
}
