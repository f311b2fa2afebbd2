// The panel's stylesheet, adopted as a constructable stylesheet (the CSP allows no inline <style> without a nonce, and
// adoptedStyleSheets need none). Colours come only from VS Code's theme variables, so every theme works.
import { RUNS_CSS } from './runsStyles.js';
import { RISK_CSS } from './runs/riskStyles.js';
import { WATERFALL_CSS } from './waterfallStyles.js';

const PANEL_CSS = `
:root { color-scheme: light dark; }
body {
  margin: 0;
  padding: 12px 16px 20px;
  color: var(--vscode-foreground);
  background: transparent;
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
  font-weight: var(--vscode-font-weight, normal);
  line-height: 1.4;
}
[hidden] { display: none !important; }
/* In a wide editor group, keep counts within reach of the names they belong to. */
#app { max-width: 760px; }

.header { margin-bottom: 10px; }
.header-top { display: flex; align-items: center; gap: 12px; min-height: 28px; }
.title {
  flex: 1 1 auto; min-width: 0; margin: 0;
  font-size: 1.3em; font-weight: 600;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.header-top vscode-button { flex: none; }
.header-meta {
  display: flex; align-items: center; gap: 16px;
  height: 22px; margin-top: 4px;
  color: var(--vscode-descriptionForeground);
}
/* One line, never wrapping: a status change must not push the list down. */
.summary {
  flex: 1 1 auto; min-width: 0; margin: 0;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  font-variant-numeric: tabular-nums;
}

.status { flex: none; display: inline-flex; align-items: center; gap: 6px; height: 22px; white-space: nowrap; }
.status[data-state='unknown'] { visibility: hidden; }
.status-ring { width: 14px; height: 14px; flex: none; }
.summary-errors.nonzero { color: var(--vscode-list-errorForeground, var(--vscode-errorForeground, inherit)); }
/* The verdict in the colours of the counts: green only when nothing is wrong. */
.status[data-state='ready'] .status-icon { color: var(--vscode-descriptionForeground); }
.status[data-state='ready'][data-health='clean'] .status-icon { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green, currentColor)); }
.status[data-state='ready'][data-health='errors'] .status-icon { color: var(--vscode-editorError-foreground, var(--vscode-errorForeground, currentColor)); }
.status[data-state='ready'][data-health='warnings'] .status-icon { color: var(--vscode-editorWarning-foreground, currentColor); }
.status[data-state='stopped'] .status-icon { color: var(--vscode-editorWarning-foreground, currentColor); }
.status .codicon.status-icon { font-size: 14px; }

.files { border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35))); padding-top: 8px; }
.loading { margin: 8px; color: var(--vscode-descriptionForeground); }

.group + .group { margin-top: 10px; }
.group-header {
  display: flex; align-items: center; gap: 6px;
  height: 22px; padding: 0 8px;
  font-size: 11px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase;
  color: var(--vscode-descriptionForeground);
}
.group-count {
  margin-left: auto; min-width: 18px; text-align: right;
  font-variant-numeric: tabular-nums; font-weight: 400; letter-spacing: 0;
}

.row {
  display: flex; align-items: center; gap: 8px;
  height: 26px; padding: 0 6px 0 8px;
  border-radius: 4px;
  outline: 1px solid transparent; outline-offset: -1px;
  cursor: pointer; user-select: none;
}
.row:hover { background: var(--vscode-list-hoverBackground); color: var(--vscode-list-hoverForeground, inherit); }
.row:focus { outline-color: var(--vscode-list-focusOutline, var(--vscode-focusBorder)); }
.row:focus-visible, .row:focus:hover {
  background: var(--vscode-list-activeSelectionBackground, var(--vscode-list-hoverBackground));
  color: var(--vscode-list-activeSelectionForeground, inherit);
}
.row:focus-visible .folder, .row:focus:hover .folder { color: inherit; opacity: 0.75; }
.row:active { background: var(--vscode-list-activeSelectionBackground); }
.codicon.kind-icon { flex: none; color: var(--vscode-icon-foreground, currentColor); font-size: 16px; }
.path { flex: 1 1 auto; min-width: 0; display: flex; white-space: nowrap; overflow: hidden; }
/* When space runs out the folder gives way first (it shrinks 1000x faster), then the file name, both with an ellipsis. */
.folder { flex: 0 1000 auto; min-width: 2.5em; overflow: hidden; text-overflow: ellipsis; color: var(--vscode-descriptionForeground); }
.folder:empty { display: none; }
.name { flex: 0 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.row.has-errors .name { color: var(--vscode-list-errorForeground, inherit); }

.counts { flex: none; display: flex; gap: 4px; }
vscode-badge.count { min-width: 40px; font-variant-numeric: tabular-nums; }
vscode-badge.count .codicon.count-icon { font-size: 12px; vertical-align: -2px; margin-right: 3px; }
/* A zero is worth showing (the column stays aligned) but not worth a filled badge. */
vscode-badge.count.zero { --vscode-badge-background: transparent; --vscode-badge-foreground: var(--vscode-descriptionForeground); opacity: 0.7; }
/* VS Code's own error badge (the activity bar's): solid, with the theme's contrast, not a pale tint. */
vscode-badge.errors:not(.zero) {
  --vscode-badge-background: var(--vscode-activityErrorBadge-background, var(--vscode-editorError-foreground, #e51400));
  --vscode-badge-foreground: var(--vscode-activityErrorBadge-foreground, #ffffff);
}
vscode-badge.warnings:not(.zero) .count-icon { color: var(--vscode-editorWarning-foreground, currentColor); }

.empty { padding: 16px 8px; color: var(--vscode-descriptionForeground); }
.codicon.empty-icon { font-size: 28px; opacity: 0.6; }
.empty-title { margin: 8px 0 4px; font-size: 1.1em; color: var(--vscode-foreground); }
.empty-hint { margin: 0 0 8px; }
.hint-list {
  list-style: none; margin: 0; padding: 0 0 0 2px;
  display: grid; grid-template-columns: 16px max-content minmax(0, 1fr); gap: 6px 10px; align-items: center;
}
.hint-list li { display: contents; }
.codicon.hint-icon { font-size: 16px; }
.hint-label { color: var(--vscode-foreground); }
.hint-pattern {
  justify-self: start; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  font-family: var(--vscode-editor-font-family, monospace); font-size: 0.92em;
  color: var(--vscode-textPreformat-foreground); background: var(--vscode-textPreformat-background);
  padding: 1px 4px; border-radius: 3px;
}
`;

export function adoptPanelStyles(doc: Document): void {
  const sheets = [PANEL_CSS, RUNS_CSS, RISK_CSS, WATERFALL_CSS].map((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...sheets];
}
