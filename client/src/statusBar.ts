// One status bar item that says whether the server is working; a click opens the output channel.
import * as vscode from 'vscode';
import type { PreflightServer, ServerState } from './preflightServer';

const LOOK: Record<ServerState, { text: string; tooltip: string; background?: string }> = {
  starting: { text: '$(loading~spin) Preflight', tooltip: 'Preflight: starting the language server' },
  ready: { text: '$(pass) Preflight', tooltip: 'Preflight: checking pipeline files as you type' },
  checking: { text: '$(sync~spin) Preflight', tooltip: 'Preflight: checking the workspace' },
  stopped: {
    text: '$(error) Preflight',
    tooltip:
      'Preflight: the language server is stopped. Click for its log; run "Preflight: Restart Server" to start it.',
    background: 'statusBarItem.errorBackground',
  },
};

export function createStatusBar(server: PreflightServer): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('preflight.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Preflight';
  item.command = 'preflight.showOutput';
  const render = (state: ServerState): void => {
    const look = LOOK[state];
    item.text = look.text;
    item.tooltip = look.tooltip;
    item.backgroundColor = look.background ? new vscode.ThemeColor(look.background) : undefined;
  };
  render(server.currentState);
  item.show();
  const subscription = server.onDidChangeState(render);
  return vscode.Disposable.from(item, subscription);
}
