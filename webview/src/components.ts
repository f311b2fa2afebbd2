// The vscode-elements web components the panel uses, registered once. Importing each component's own entry (not the
// package's main bundle) keeps dist/webview.js to the few elements we render.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
