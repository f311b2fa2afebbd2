// Styles of the failure-risk part of the Runs tab (adopted with the panel's sheets). Theme variables only; the waterfall
// rules mirror the model view's so the same chart reads the same in both places.
export const RISK_CSS = `
.risk { margin: 0 0 12px; }
.risk-heading { margin: 4px 0 6px; font-size: 1em; font-weight: 600; }
.risk-row { border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.2)); }
.risk-row > summary { display: flex; align-items: center; gap: 8px; min-height: 24px; cursor: pointer; list-style: none; padding: 1px 4px; }
.risk-row > summary::-webkit-details-marker { display: none; }
.risk-row > summary:focus-visible, .risk-model > summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.risk-row > summary:hover { background: var(--vscode-list-hoverBackground); }
.risk-workflow { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.risk-status { color: var(--vscode-descriptionForeground); flex: 1 1 auto; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.risk-value { font-variant-numeric: tabular-nums; padding: 0 7px; border-radius: 10px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.risk-top, .risk-factors { margin: 4px 0 4px 28px; padding: 0; }
.risk-top li, .risk-factors li { display: flex; gap: 8px; justify-content: space-between; max-width: 640px; }
.factor-points { font-variant-numeric: tabular-nums; white-space: nowrap; }
.factor-points.up { color: var(--vscode-charts-red, var(--vscode-errorForeground)); }
.factor-points.down { color: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); }
.risk-basis, .risk .hint { margin: 2px 0 6px 28px; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.risk-explain { margin: 0 0 8px 28px; }
.risk-explanation { margin: 10px 0; padding: 8px 10px; border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); border-radius: 6px; }
.risk-explanation:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.risk-explanation-head { display: flex; align-items: center; gap: 8px; }
.risk-explanation-head h3 { flex: 1 1 auto; margin: 0; font-size: 1em; }
.risk-explanation .risk-basis, .risk-explanation .risk-factors { margin-left: 0; }
.risk-waterfall svg { width: 100%; max-width: 720px; height: auto; display: block; }
.risk-waterfall svg text { fill: var(--vscode-foreground); font-size: 11px; font-family: var(--vscode-font-family, sans-serif); }
.risk-waterfall svg .strong { font-weight: 600; }
.risk-waterfall svg .axis-zero { stroke: var(--vscode-descriptionForeground); stroke-dasharray: 3 3; stroke-width: 1; }
.risk-waterfall svg .prediction-line { stroke: var(--vscode-foreground); stroke-width: 1; }
.risk-waterfall svg .push-up { fill: var(--vscode-charts-red, #d33); }
.risk-waterfall svg .push-down { fill: var(--vscode-charts-blue, #37f); }
.risk-waterfall svg .step-value { fill: var(--vscode-descriptionForeground); }
.risk-model { margin-top: 8px; }
.risk-model > summary { cursor: pointer; font-weight: 600; padding: 2px 4px; }
.risk-model h4 { margin: 8px 0 2px; font-size: 0.95em; }
.risk-model table { border-collapse: collapse; margin: 2px 0 6px; }
.risk-model th, .risk-model td { text-align: left; padding: 2px 10px 2px 0; }
.risk-model td.num { text-align: right; font-variant-numeric: tabular-nums; }
.risk-model thead th { color: var(--vscode-descriptionForeground); font-weight: 600; border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); }
.risk-warn { color: var(--vscode-editorWarning-foreground); font-weight: normal; }
.risk-banner { display: flex; gap: 8px; margin: 6px 0; padding: 6px 10px; border-radius: 4px;
  background: var(--vscode-inputValidation-warningBackground, transparent); border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground)); }
.risk-banner ul { margin: 2px 0; padding-left: 18px; }
`;
