// Styles of the waterfall (waterfallChart.ts), adopted by the panel and the model view so it reads the same in both.
// One grid for all rows (rows take its columns through subgrid), so every bar sits on the same scale whatever the
// length of its words; in a narrow column the bar moves under its words instead of squeezing them. Theme variables
// only; the change is in the foreground colour (its sign says the direction), the bars carry the red/blue.
export const WATERFALL_CSS = `
.waterfall { container-type: inline-size; max-width: 760px; margin: 6px 0; }
.wf-grid {
  display: grid; grid-template-columns: minmax(0, 3fr) minmax(80px, 2fr) max-content;
  column-gap: 12px; row-gap: 4px; font-variant-numeric: tabular-nums;
}
.wf-steps { list-style: none; margin: 0; padding: 0; row-gap: 4px; }
.wf-steps, .wf-row { display: grid; grid-template-columns: subgrid; grid-column: 1 / -1; align-items: center; }
.wf-row { min-height: 22px; }
.wf-label { min-width: 0; overflow-wrap: anywhere; line-height: 1.3; }
.wf-value { text-align: right; white-space: nowrap; }
.wf-start .wf-label, .wf-end .wf-label { color: var(--vscode-descriptionForeground); }
.wf-end { border-top: 1px solid var(--vscode-widget-border, rgba(128, 128, 128, 0.35)); padding-top: 4px; font-weight: 600; }
.wf-end .wf-label { color: var(--vscode-foreground); }
.wf-track { position: relative; align-self: stretch; min-height: 16px; }
.wf-base { position: absolute; top: -3px; bottom: -3px; border-left: 1px dashed var(--vscode-descriptionForeground); }
.wf-bar { position: absolute; top: 3px; bottom: 3px; border-radius: 2px; }
.wf-bar.push-up { background: var(--vscode-charts-red, #d33); }
.wf-bar.push-down { background: var(--vscode-charts-blue, #37f); }
.wf-point { position: absolute; top: 1px; bottom: 1px; width: 3px; margin-left: -1px; border-radius: 1px; background: var(--vscode-foreground); }
@container (max-width: 340px) {
  .wf-grid { grid-template-columns: minmax(0, 1fr) max-content; }
  .wf-track { grid-column: 1 / -1; grid-row: 2; min-height: 12px; }
}
`;
