// Styles of the tab bar and the Runs tab, adopted next to the panel's base sheet. Colours come only from VS Code's
// theme variables; every row has a fixed height and every changing number uses tabular figures, so refreshes and the
// ticking clock never move anything.
export const RUNS_CSS = `
.tabs {
  display: flex; gap: 2px; margin: 2px 0 8px;
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35)));
}
.tab {
  display: inline-flex; align-items: center; gap: 6px;
  height: 30px; padding: 0 10px; margin-bottom: -1px;
  font-size: 11px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase;
  color: var(--vscode-panelTitle-inactiveForeground, var(--vscode-descriptionForeground));
  border-bottom: 1px solid transparent; cursor: pointer; user-select: none;
  outline: 1px solid transparent; outline-offset: -1px;
}
.tab:hover { color: var(--vscode-panelTitle-activeForeground, var(--vscode-foreground)); }
.tab[aria-selected='true'] {
  color: var(--vscode-panelTitle-activeForeground, var(--vscode-foreground));
  border-bottom-color: var(--vscode-panelTitle-activeBorder, var(--vscode-focusBorder));
}
.tab:focus-visible { outline-color: var(--vscode-focusBorder); }
.codicon.tab-icon { font-size: 14px; }
.codicon.tab-status { font-size: 12px; margin-left: 2px; }
.tab-panel > .files { border-top: none; padding-top: 0; }

.runs-toolbar {
  display: flex; align-items: center; gap: 10px; height: 24px; margin-bottom: 6px;
  color: var(--vscode-descriptionForeground); white-space: nowrap;
}
.branch { display: inline-flex; align-items: center; gap: 4px; min-width: 0; color: var(--vscode-foreground); font-weight: 600; }
.branch-name, .repository { overflow: hidden; text-overflow: ellipsis; }
.repository { flex: 0 1 auto; min-width: 0; }
.updated-wrap { margin-left: auto; display: inline-flex; align-items: center; gap: 4px; font-variant-numeric: tabular-nums; }
.codicon.updated-icon, .codicon.branch-icon { font-size: 14px; }

.runs-loading { display: flex; align-items: center; gap: 8px; padding: 12px 8px; color: var(--vscode-descriptionForeground); }

.runs-state { display: flex; gap: 12px; padding: 16px 8px; color: var(--vscode-descriptionForeground); }
.runs-state .codicon.state-icon { font-size: 28px; opacity: 0.7; flex: none; }
.state-title { margin: 4px 0; font-size: 1.1em; color: var(--vscode-foreground); }
.state-detail { margin: 0 0 10px; max-width: 60ch; }
.runs-state.banner {
  padding: 8px 10px; margin-bottom: 8px; border-radius: 4px; align-items: flex-start;
  border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground, transparent));
  background: var(--vscode-inputValidation-warningBackground, transparent);
}
.runs-state.banner .codicon.state-icon { font-size: 16px; margin-top: 2px; color: var(--vscode-editorWarning-foreground, currentColor); opacity: 1; }
.runs-state.banner .state-title { margin: 0; font-size: 1em; font-weight: 600; }
.runs-state.banner .state-detail { margin: 2px 0 0; }

.runs-tree { container-type: inline-size; }
.tree-row {
  display: flex; align-items: center; gap: 6px;
  height: 24px; padding: 0 6px; border-radius: 4px;
  outline: 1px solid transparent; outline-offset: -1px;
  cursor: pointer; user-select: none; white-space: nowrap;
}
.tree-row:hover { background: var(--vscode-list-hoverBackground); }
.tree-row:focus { outline-color: var(--vscode-list-focusOutline, var(--vscode-focusBorder)); }
.tree-row:focus-visible, .tree-row:focus:hover { background: var(--vscode-list-activeSelectionBackground, var(--vscode-list-hoverBackground)); color: var(--vscode-list-activeSelectionForeground, inherit); }
.tree-row.run { height: 42px; margin-top: 4px; }
.tree-row.level-2 { padding-left: 26px; }
.tree-row.level-3 { padding-left: 50px; height: 22px; }
.tree-row.placeholder { padding-left: 50px; color: var(--vscode-descriptionForeground); font-style: italic; cursor: default; }
.codicon.chevron { flex: none; font-size: 14px; opacity: 0.8; }
.codicon.chevron.invisible, .invisible { visibility: hidden; }
.codicon.status-icon { flex: none; font-size: 16px; }
.tone-passed { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green, currentColor)); }
.tone-failed { color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground, currentColor)); }
.tone-running { color: var(--vscode-progressBar-background, var(--vscode-charts-blue, currentColor)); }
.tone-queued { color: var(--vscode-descriptionForeground); }
.tone-warning { color: var(--vscode-editorWarning-foreground, currentColor); }
.tone-neutral { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
@media (prefers-reduced-motion: reduce) { .codicon-modifier-spin { animation: none !important; } }

.run-body { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; justify-content: center; gap: 1px; }
.run-line, .run-meta { display: flex; gap: 6px; min-width: 0; overflow: hidden; }
.workflow-name { flex: none; max-width: 45%; overflow: hidden; text-overflow: ellipsis; font-weight: 600; }
.run-number { flex: none; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.run-title { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.run-meta { font-size: 0.92em; color: var(--vscode-descriptionForeground); }
.meta-item { flex: none; }
.meta-item + .meta-item::before { content: '·'; margin-right: 6px; opacity: 0.7; }
.meta-item[hidden] + .meta-item::before { content: none; }
.meta-item.conclusion { font-weight: 600; }
.meta-item.sha { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.95em; }
.meta-item.when { overflow: hidden; text-overflow: ellipsis; flex: 0 1 auto; min-width: 0; }
.run-side { flex: none; display: flex; flex-direction: column; align-items: flex-end; gap: 2px; font-variant-numeric: tabular-nums; }
vscode-badge.attempt { font-size: 10px; }
.duration { flex: none; min-width: 4.5em; text-align: right; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.duration.not-started { font-style: italic; }
.row-name { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.step-number { flex: none; min-width: 1.8em; text-align: right; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.tree-row.skipped .row-name { color: var(--vscode-descriptionForeground); }
.tree-row.failed-step {
  background: var(--vscode-inputValidation-errorBackground, rgba(255, 0, 0, 0.1));
  box-shadow: inset 2px 0 0 var(--vscode-testing-iconFailed, var(--vscode-errorForeground, red));
}
.tree-row.failed-step .row-name { color: var(--vscode-list-errorForeground, var(--vscode-errorForeground)); font-weight: 600; }
.codicon.step-goto { flex: none; font-size: 13px; visibility: hidden; }
.tree-row.level-3:hover .step-goto, .tree-row.level-3:focus .step-goto, .tree-row.failed-step .step-goto { visibility: visible; }

.tree-row { position: relative; --row-background: transparent; }
.tree-row:hover { --row-background: var(--vscode-list-hoverBackground); }
.tree-row:focus-visible, .tree-row:focus:hover { --row-background: var(--vscode-list-activeSelectionBackground, var(--vscode-list-hoverBackground)); }
/* Actions float over the right end of the row you are on (hovered, focused or the tree's current row), VS Code's tree
   style: they take no space otherwise, so durations line up in one column and nothing shifts when they appear. */
.actions {
  position: absolute; right: 4px; top: 50%; transform: translateY(-50%);
  display: none; gap: 2px; padding-left: 8px;
  background: linear-gradient(var(--row-background), var(--row-background)), var(--vscode-editor-background, transparent);
}
.tree-row.run > .actions { top: 0; bottom: 0; transform: none; align-items: center; }
.tree-row:hover > .actions, .tree-row:focus-within > .actions, .tree-row[aria-selected='true'] > .actions { display: flex; }
.action {
  display: inline-flex; align-items: center; gap: 4px;
  height: 22px; padding: 0 6px; border: none; border-radius: 4px;
  font: inherit; font-size: 0.92em; color: inherit; background: transparent; cursor: pointer;
  outline: 1px solid transparent; outline-offset: -1px;
}
.action:hover { background: var(--vscode-toolbar-hoverBackground, rgba(90, 93, 94, 0.31)); }
.action:focus-visible { outline-color: var(--vscode-focusBorder); }
.codicon.action-icon { font-size: 14px; }
@container (max-width: 520px) { .action .action-label { display: none; } }
`;
