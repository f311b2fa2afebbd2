// The panel's HTML shell. Pure string building with no vscode import, so tests load the very same page (CSP included)
// in Chromium. Scripts run only with the per-load nonce; styles come from the extension's own files or adopted sheets.
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** webview.cspSource: the origin of the extension's local resources. */
  readonly cspSource: string;
  /** webview.asWebviewUri(dist/webview.js). */
  readonly scriptUri: string;
  /** webview.asWebviewUri(dist/codicons/codicon.css). */
  readonly codiconsUri: string;
  readonly nonce: string;
}

/** A fresh nonce for every page load (128 random bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return (
    [
      `default-src 'none'`,
      `img-src ${cspSource} data:`,
      `font-src ${cspSource}`,
      `style-src ${cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ') + ';'
  );
}

export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  const nonce = escapeAttribute(options.nonce);
  const csp = escapeAttribute(contentSecurityPolicy(options.cspSource, options.nonce));
  // vscode-elements finds the codicon stylesheet by this id and links it again inside its shadow roots.
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeAttribute(options.codiconsUri)}" nonce="${nonce}">
  <title>Preflight</title>
</head>
<body>
  <main id="app"></main>
  <script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
