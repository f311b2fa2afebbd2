// The graph view's stylesheet, adopted next to the panel's (the CSP allows no inline styles). Every colour is a VS Code
// theme variable with a fallback, so the graph follows light, dark and high-contrast themes.
const GRAPH_CSS = `
.graph { margin-top: 14px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35))); padding-top: 8px; }
.graph-toolbar { display: flex; align-items: center; gap: 6px; min-height: 28px; }
.graph-title { flex: 1 1 auto; min-width: 0; margin: 0; font-size: 1.05em; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.graph-zoom { flex: none; min-width: 3.5em; text-align: right; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.graph-canvas {
  overflow: auto; max-height: 70vh; margin-top: 6px;
  border: 1px solid var(--vscode-widget-border, rgba(128, 128, 128, 0.35)); border-radius: 4px;
  background: var(--vscode-editor-background);
}
.graph-canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.graph-canvas svg { display: block; font-family: var(--vscode-font-family, sans-serif); }

.graph .edge { fill: none; stroke: var(--vscode-descriptionForeground, #888); stroke-width: 1.4; opacity: 0.85; }
.graph .arrow { fill: var(--vscode-descriptionForeground, #888); }

.graph .node { cursor: pointer; outline: none; }
.graph .node-box {
  fill: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  stroke: var(--vscode-widget-border, var(--vscode-panel-border, rgba(128, 128, 128, 0.6))); stroke-width: 1;
}
.graph .node:hover .node-box { fill: var(--vscode-list-hoverBackground, var(--vscode-editorWidget-background)); }
.graph .node:focus .node-box { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.graph .node-label { fill: var(--vscode-foreground); font-size: 12px; font-weight: 600; }
.graph .node-detail { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.graph .node-badge-box { fill: var(--vscode-badge-background, #616161); }
.graph .node-badge { fill: var(--vscode-badge-foreground, #fff); font-size: 10px; font-weight: 600; }
.graph .node-stripe { fill: transparent; }
.graph .critical .node-box { stroke: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground, #d18616)); stroke-width: 1.5; stroke-dasharray: 5 3; }
.graph .edge.critical { stroke: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground, #d18616)); stroke-width: 2; opacity: 1; }
.graph-legend { margin: 4px 0 0; color: var(--vscode-descriptionForeground); font-size: 0.9em; }

.graph .status-success .node-stripe { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green, #73c991)); }
.graph .status-failure .node-stripe { fill: var(--vscode-testing-iconFailed, var(--vscode-editorError-foreground, #f14c4c)); }
.graph .status-failure .node-box { stroke: var(--vscode-testing-iconFailed, var(--vscode-editorError-foreground, #f14c4c)); }
.graph .status-in_progress .node-stripe { fill: var(--vscode-progressBar-background, #0078d4); }
.graph .status-queued .node-stripe { fill: var(--vscode-editorWarning-foreground, #cca700); }
.graph .status-cancelled .node-stripe, .graph .status-skipped .node-stripe { fill: var(--vscode-disabledForeground, var(--vscode-descriptionForeground, #888)); }
.graph .status-skipped .node-label { opacity: 0.7; }
`;

let adopted = false;

export function adoptGraphStyles(doc: Document): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(GRAPH_CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
