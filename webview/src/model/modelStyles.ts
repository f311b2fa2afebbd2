// The model view's stylesheet (adopted, see ../styles.ts for why). Theme variables only, so every theme works. Text is
// HTML at the editor's font size everywhere, charts included (the SVG plots carry no text), so it never shrinks.
import { WATERFALL_CSS } from '../waterfallStyles.js';

const MODEL_CSS = `
:root { color-scheme: light dark; }
body {
  margin: 0; padding: 16px 20px 28px;
  color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); line-height: 1.45;
}
[hidden] { display: none !important; }
#app { max-width: 980px; }
.mono { font-family: var(--vscode-editor-font-family, monospace); }
.toolbar { display: flex; align-items: center; gap: 10px; min-height: 30px; margin-bottom: 12px; }
.toolbar h1 { flex: 1 1 auto; margin: 0; font-size: 1.35em; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status-line { display: flex; align-items: center; gap: 8px; min-height: 22px; margin-bottom: 10px; color: var(--vscode-descriptionForeground); }
.status-line vscode-progress-ring { width: 16px; height: 16px; }
.status-line.error { color: var(--vscode-errorForeground); }
.notes { margin: 0 0 12px; padding-left: 18px; color: var(--vscode-editorWarning-foreground); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 14px; align-items: start; }
.card {
  min-width: 0; overflow-x: auto;
  border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); border-radius: 6px; padding: 12px 14px;
  background: var(--vscode-sideBar-background, transparent);
}
.card.wide { grid-column: 1 / -1; }
.card:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.card h2 { margin: 0 0 6px; font-size: 1.05em; font-weight: 600; }
.card h3 { margin: 10px 0 4px; font-size: 1em; }
.card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.card-head h2 { flex: 1 1 auto; margin: 0; }
.class-picker { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
.class-picker label { font-weight: 600; }
.class-picker vscode-single-select { min-width: 16em; max-width: 100%; }
.class-picker .hint { margin: 0; }
.row-caption { min-width: 10em; text-align: center; font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); }
.facts, .hint { margin: 0 0 8px; color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 3px 8px 3px 0; vertical-align: top; }
thead th { font-weight: 600; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 8px 0 0; padding: 0; }
.chip { padding: 1px 7px; border-radius: 10px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 12px; }
.bars { list-style: none; margin: 0; padding: 0; }
.bar-row { display: grid; grid-template-columns: minmax(90px, 34%) 1fr 64px; align-items: center; gap: 8px; height: 22px; }
.bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { height: 10px; background: var(--vscode-editorWidget-background, rgba(128,128,128,0.12)); border-radius: 3px; overflow: hidden; }
.bar { display: block; height: 100%; background: var(--vscode-charts-blue, #37f); }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); }
svg { width: 100%; height: auto; display: block; }
svg .axis-zero { stroke: var(--vscode-descriptionForeground); stroke-dasharray: 3 3; stroke-width: 1; }
.swarm { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); column-gap: 10px; max-width: 820px; margin: 4px 0; }
.swarm-labels { display: flex; flex-direction: column; min-width: 0; }
.swarm-label { height: 26px; line-height: 26px; text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.swarm-plot { min-width: 0; }
.swarm-axis { display: flex; justify-content: space-between; gap: 8px; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
.legend { display: flex; align-items: center; gap: 6px; margin: 6px 0 0; color: var(--vscode-descriptionForeground); }
.legend-ramp { width: 80px; height: 8px; border-radius: 4px; background: linear-gradient(90deg, var(--vscode-charts-blue, #37f), var(--vscode-charts-red, #d33)); }
.metric { display: flex; align-items: center; gap: 6px; }
.metric-failed { color: var(--vscode-errorForeground); }
.metric-ok .codicon { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green, currentColor)); }
.metric-undefined .codicon { color: var(--vscode-editorWarning-foreground, currentColor); }
.metric-ungated { color: var(--vscode-descriptionForeground); }
.decision { color: var(--vscode-descriptionForeground); margin: 4px 0; }
.violation { color: var(--vscode-errorForeground); margin: 6px 0 0; }
.empty { padding: 14px; color: var(--vscode-descriptionForeground); }
`;

export function adoptModelStyles(doc: Document): void {
  const sheets = [MODEL_CSS, WATERFALL_CSS].map((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...sheets];
}
