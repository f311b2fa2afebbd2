// The panel's tabs, in the order the tab bar shows them (and the arrow keys move through them). A tab is its declaration
// (panelTab.ts) in a module of this folder and its line here; nothing else names it.
import { filesTab } from './filesTab.js';
import { graphTab } from './graphTab.js';
import { runsTab } from './runsTab.js';

export const PANEL_TABS = [runsTab, filesTab, graphTab] as const;

export type PanelTab = (typeof PANEL_TABS)[number]['id'];

export function isPanelTab(value: unknown): value is PanelTab {
  return PANEL_TABS.some((tab) => tab.id === value);
}
