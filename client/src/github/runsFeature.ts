// Assembles the Runs tab for a workspace folder around a RunsBackend: GitHub session, git watcher, log documents and the
// controller, with window focus and sign-in changes fed in. The extension calls this once a real backend exists (the
// language server's requests); until then the panel shows the file list only.
import * as vscode from 'vscode';
import { GithubSession } from './githubSession';
import { GitRepositoryWatcher } from './gitRepository';
import { LogDocuments } from './logDocuments';
import type { RunsBackend } from './runsBackend';
import { RunsPanelController } from './runsPanelController';
import { vscodeRunsUi } from './vscodeRunsUi';

export interface RunsFeature {
  readonly controller: RunsPanelController;
  dispose(): void;
}

export function createRunsFeature(folder: vscode.WorkspaceFolder, backend: RunsBackend): RunsFeature {
  const session = new GithubSession();
  const logs = new LogDocuments();
  // The watcher reports through this hook, set once the controller exists.
  let onGitChange: () => void = () => undefined;
  const git = new GitRepositoryWatcher(folder.uri.fsPath, () => { onGitChange(); });
  const ready = new RunsPanelController({
    backend,
    ui: vscodeRunsUi(folder.uri, logs),
    signIn: (interactive) => session.signIn(interactive),
    gitState: () => git.current(),
    baseUrl: () => session.baseUrl(),
  });
  onGitChange = () => { ready.gitChanged(); };
  // The first read of .git lands after the panel may already have asked: tell the controller when it is there.
  void git.start().then(() => { ready.gitChanged(); });
  ready.setWindowFocused(vscode.window.state.focused);
  const disposables: { dispose(): void }[] = [
    session,
    logs,
    session.onDidChange(() => { ready.sessionChanged(); }),
    vscode.window.onDidChangeWindowState((state) => { ready.setWindowFocused(state.focused); }),
    { dispose: () => { git.dispose(); } },
  ];
  return {
    controller: ready,
    dispose: () => {
      ready.dispose();
      for (const d of disposables.splice(0)) d.dispose();
    },
  };
}
