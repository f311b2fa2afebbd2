// Styles of the failure-risk part of the Runs tab (adopted with the panel's sheets). Theme variables only; the waterfall
// has its own sheet (../waterfallStyles.ts), shared with the model view so the same chart reads the same in both.
export const RISK_CSS = `
.risk { margin: 0 0 12px; }
.risk-heading { margin: 4px 0 6px; font-size: 1em; font-weight: 600; }
.risk-row { border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.2)); }
.risk-row > summary { display: flex; align-items: center; gap: 8px; min-height: 24px; cursor: pointer; list-style: none; padding: 1px 4px; }
.risk-row > summary::-webkit-details-marker { display: none; }
.risk-row > summary:focus-visible, .risk-model > summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.risk-row > summary:hover { background: var(--vscode-list-hoverBackground); }
.risk-workflow { flex: 0 1 auto; min-width: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.risk-status { flex: 1 1 auto; min-width: 0; display: inline-flex; align-items: center; gap: 4px; color: var(--vscode-descriptionForeground); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.risk-status .codicon.status-icon { font-size: 14px; }
/* The pill's colour says the band at a glance (protocol/failureRisk.ts riskLevel): a quiet outline when low, the
   warning colour when elevated, VS Code's own error badge when high. Its text keeps the contrast of each theme. */
.risk-value {
  flex: none; min-width: 5.5em; box-sizing: border-box; padding: 0 7px; border-radius: 10px; border: 1px solid transparent;
  text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; line-height: 18px;
}
.risk-value.level-low { color: var(--vscode-descriptionForeground); border-color: color-mix(in srgb, var(--vscode-descriptionForeground, #808080) 55%, transparent); }
.risk-value.level-elevated {
  color: var(--vscode-foreground);
  border-color: var(--vscode-editorWarning-foreground, #bf8803);
  background: color-mix(in srgb, var(--vscode-editorWarning-foreground, #bf8803) 22%, transparent);
}
.risk-value.level-high {
  font-weight: 600;
  color: var(--vscode-activityErrorBadge-foreground, #ffffff);
  background: var(--vscode-activityErrorBadge-background, var(--vscode-editorError-foreground, #e51400));
}
.risk-top { margin: 4px 0 4px 28px; padding: 0; }
.risk-top li { display: flex; gap: 8px; justify-content: space-between; max-width: 640px; }
.factor-points { font-variant-numeric: tabular-nums; white-space: nowrap; }
.factor-points.up { color: var(--vscode-charts-red, var(--vscode-errorForeground)); }
.factor-points.down { color: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); }
.risk-basis, .risk .hint { margin: 2px 0 6px 28px; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.risk-explain { margin: 0 0 8px 28px; }
.risk-explanation { margin: 10px 0; padding: 8px 10px; border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); border-radius: 6px; }
.risk-explanation:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.risk-explanation-head { display: flex; align-items: center; gap: 8px; }
.risk-explanation-head h3 { flex: 1 1 auto; margin: 0; font-size: 1em; }
.risk-explanation .risk-basis { margin-left: 0; }
.risk-stale { display: flex; align-items: center; gap: 6px; margin: 6px 0 0; }
.risk-stale .codicon { color: var(--vscode-editorWarning-foreground, currentColor); }
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
