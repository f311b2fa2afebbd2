// The GitHub sign-in through VS Code's authentication API: `github` for github.com, `github-enterprise` when
// `preflight.github.baseUrl` points elsewhere. Silent by default (never a prompt the user did not ask for); interactive
// only from the Sign in button. The token is handed on and never logged or shown.
import * as vscode from 'vscode';
import { enterpriseIssuerMismatch, githubBaseUrlFromLevels, isGithubDotCom } from '../../../protocol/settings';

export const GITHUB_SCOPES: readonly string[] = ['repo', 'workflow'];

export interface GithubSignIn {
  readonly token: string;
  readonly account: string;
  readonly baseUrl: string;
}

export function readGithubBaseUrl(): string {
  return githubBaseUrlFromLevels(vscode.workspace.getConfiguration('preflight').inspect<unknown>('github.baseUrl'));
}

export function authProviderFor(baseUrl: string): 'github' | 'github-enterprise' {
  return isGithubDotCom(baseUrl) ? 'github' : 'github-enterprise';
}

export class GithubSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the user signs in or out, or the base URL (and so the provider) changes. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: { dispose(): void }[] = [this.changed];

  constructor(readonly baseUrl: () => string = readGithubBaseUrl) {
    this.disposables.push(
      vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id === authProviderFor(this.baseUrl())) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('preflight.github.baseUrl')) this.changed.fire();
      }),
    );
  }

  /**
   * The session, or undefined when there is none (silent) or the user declined (interactive). Errors from the provider
   * (e.g. github-enterprise without `github-enterprise.uri`) come back as a thrown Error with a message saying so.
   */
  async signIn(interactive: boolean): Promise<GithubSignIn | undefined> {
    const baseUrl = this.baseUrl();
    const provider = authProviderFor(baseUrl);
    const enterpriseUri = vscode.workspace.getConfiguration('github-enterprise').inspect<unknown>('uri')?.globalValue;
    const issuer = provider === 'github-enterprise' ? enterpriseIssuerMismatch(baseUrl, enterpriseUri) : undefined;
    if (issuer !== undefined) {
      throw new Error(
        `preflight.github.baseUrl (${new URL(baseUrl).host}) is not the GitHub Enterprise server your sign-in is for (${issuer}); Preflight sends the token only to ${issuer}. Point preflight.github.baseUrl at https://${issuer}/api/v3.`,
      );
    }
    const options: vscode.AuthenticationGetSessionOptions = interactive ? { createIfNone: true } : { silent: true };
    let session: vscode.AuthenticationSession | undefined;
    try {
      session = await vscode.authentication.getSession(provider, [...GITHUB_SCOPES], options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Declining the prompt is not an error worth reporting.
      if (/cancel/i.test(message)) return undefined;
      throw new Error(`GitHub sign-in through "${provider}" failed: ${message}`);
    }
    return session ? { token: session.accessToken, account: session.account.label, baseUrl } : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
