// Settings pulled from the client per document scope and cached per URI until they change (lsp-sample's pattern), so
// multi-root workspaces with different settings work and no global state leaks between folders.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, parseSettings, type PreflightSettings } from '../../../protocol/settings';
import { ProjectConfigCache } from '../engine/config/projectConfig';
import { uriToPath } from './uris';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<PreflightSettings>>();
  private readonly projectConfigs = new ProjectConfigCache();
  private readonly shownProblems = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly clientPullsConfiguration: () => boolean,
  ) {}

  /**
   * Settings for a document: `.preflight.yml` severities with the editor's `preflight.rules` on top (personal settings
   * win). Problems in `.preflight.yml` are shown once each.
   */
  async effective(uri: string): Promise<PreflightSettings> {
    const editor = await this.get(uri);
    const filePath = uriToPath(uri);
    if (filePath === undefined) return editor;
    const project = await this.projectConfigs.forFile(filePath);
    for (const problem of project.problems) {
      if (this.shownProblems.has(problem)) continue;
      this.shownProblems.add(problem);
      this.connection.window.showWarningMessage(`Preflight: ${problem}`);
    }
    return {
      ...editor,
      rules: { ...project.rules, ...editor.rules },
      runnerLabels: [...project.runnerLabels, ...editor.runnerLabels],
    };
  }

  get(uri: string): Promise<PreflightSettings> {
    if (!this.clientPullsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'preflight' })
        .then(parseSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, pending);
    }
    return pending;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
