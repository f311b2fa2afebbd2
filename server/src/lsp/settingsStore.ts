// Settings pulled from the client per document scope and cached per URI until they change (lsp-sample's pattern), so
// multi-root workspaces with different settings work and no global state leaks between folders.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, parseSettings, type PreflightSettings } from '../../../protocol/settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<PreflightSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly clientPullsConfiguration: () => boolean,
  ) {}

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
