// Assembles the Runs tab for a workspace folder around a RunsBackend: GitHub session, git watcher, log documents and the
// controller, with window focus and sign-in changes fed in. The extension calls this once a real backend exists (the
// language server's requests); until then the panel shows the file list only. `warm()` starts the first fetch before
// the panel opens when the window already holds a GitHub session; the snapshot store makes the panel's first paint
// the last runs seen, even in a new window.
import * as vscode from 'vscode';
import { vscodeLanguageModels } from '../ai/vscodeLanguageModels';
import { GithubSession } from './githubSession';
import { parseRemoteUrl } from './gitRemote';
import { GitRepositoryWatcher } from './gitRepository';
import { LogDocuments } from './logDocuments';
import type { RunsBackend } from './runsBackend';
import { RunsPanelController } from './runsPanelController';
import { RunsSnapshotStore } from './runsSnapshotStore';
import { vscodeRunsUi, type ExplainFailure } from './vscodeRunsUi';

export interface RunsFeature {
  readonly controller: RunsPanelController;
  /** Fetches in the background when the folder has a GitHub remote and a session exists already (never prompts). */
  warm(): Promise<void>;
  dispose(): void;
}

/** `snapshotFile` keeps the last runs across reloads; undefined keeps them in memory only. */
export function createRunsFeature(
  folder: vscode.WorkspaceFolder,
  backend: RunsBackend,
  snapshotFile: string | undefined,
  explain: ExplainFailure,
): RunsFeature {
  const session = new GithubSession();
  const snapshots = new RunsSnapshotStore(snapshotFile);
  const logs = new LogDocuments();
  // The watcher reports through this hook, set once the controller exists.
  let onGitChange: () => void = () => undefined;
  const git = new GitRepositoryWatcher(folder.uri.fsPath, () => {
    onGitChange();
  });
  const ready = new RunsPanelController({
    backend,
    ui: vscodeRunsUi(folder.uri, logs, explain),
    signIn: (interactive) => session.signIn(interactive),
    gitState: () => git.current(),
    baseUrl: () => session.baseUrl(),
    snapshots,
    languageModels: vscodeLanguageModels,
  });
  onGitChange = () => {
    ready.gitChanged();
  };
  // The first read of .git lands after the panel may already have asked: tell the controller when it is there.
  const gitRead = git.start().then(() => {
    ready.gitChanged();
  });
  void snapshots.load().then(() => {
    ready.snapshotsLoaded();
  });
  ready.setWindowFocused(vscode.window.state.focused);
  const disposables: { dispose(): void }[] = [
    session,
    logs,
    session.onDidChange(() => {
      ready.sessionChanged();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      ready.setWindowFocused(state.focused);
    }),
    {
      dispose: () => {
        git.dispose();
      },
    },
  ];
  return {
    controller: ready,
    warm: async () => {
      await gitRead;
      const remote = git.current()?.remoteUrl;
      if (remote !== undefined && parseRemoteUrl(remote)) ready.warm();
    },
    dispose: () => {
      ready.dispose();
      for (const d of disposables.splice(0)) d.dispose();
    },
  };
}
