// The panel's HTML shell: a strict CSP tied to a fresh nonce, the codicon stylesheet under the id vscode-elements reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWebviewHtml, contentSecurityPolicy, createNonce } from '../../client/src/panel/webviewHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  nonce: 'bm9uY2Vub25jZW5vbmNlMQ==',
};

describe('webview HTML', () => {
  it('makes a new 128-bit base64 nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });

  it('allows scripts only with the nonce and nothing by default', () => {
    assert.equal(
      contentSecurityPolicy(options.cspSource, 'N'),
      `default-src 'none'; img-src ${options.cspSource} data:; font-src ${options.cspSource}; style-src ${options.cspSource} 'nonce-N'; script-src 'nonce-N';`,
    );
    const html = buildWebviewHtml(options);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-bm9uY2Vub25jZW5vbmNlMQ==';">/,
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('loads the bundle with the nonce and links codicons under the id vscode-elements looks for', () => {
    const html = buildWebviewHtml(options);
    assert.ok(html.includes(`<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`));
    assert.ok(
      html.includes(
        `<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${options.codiconsUri}" nonce="${options.nonce}">`,
      ),
    );
    // Exactly one script, and no inline code.
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('escapes what it puts in attributes', () => {
    const html = buildWebviewHtml({ ...options, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;'));
  });
});
