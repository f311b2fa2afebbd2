// The demo's sign-in: an authentication provider for the local GitHub Actions stand-in that `npm run demo` (and the E2E
// suite, through the same start path) points Preflight at. Preflight asks VS Code for a `github-enterprise` session when
// its GitHub base URL is not github.com; VS Code's built-in provider for that id needs a real GitHub Enterprise server,
// which the offline demo has not. Never part of the shipped extension (.vscodeignore keeps demo/ out of the .vsix).
// Plain JS, so the demo needs no build step for it.
const vscode = require('vscode');
const { token, account } = require('./demoAccount.json');

const PROVIDER_ID = 'github-enterprise';
const LABEL = 'Demo sign-in (stand-in GitHub, not part of Preflight)';
/** Kept in this extension's global state, so the demo stays signed in across window reloads and demo restarts. */
const SIGNED_IN_KEY = 'signedIn';

exports.activate = function activate(context) {
  const changed = new vscode.EventEmitter();
  const session = (scopes) => ({
    id: 'demo',
    accessToken: token,
    account: { id: account, label: `${account} (demo stand-in)` },
    scopes: [...scopes],
  });
  context.subscriptions.push(
    changed,
    vscode.authentication.registerAuthenticationProvider(
      PROVIDER_ID,
      LABEL,
      {
        onDidChangeSessions: changed.event,
        async getSessions(scopes) {
          return context.globalState.get(SIGNED_IN_KEY) ? [session(scopes ?? [])] : [];
        },
        // VS Code has already asked the user to allow the sign-in (its dialog names this provider's label).
        async createSession(scopes) {
          await context.globalState.update(SIGNED_IN_KEY, true);
          const created = session(scopes);
          changed.fire({ added: [created], removed: [], changed: [] });
          return created;
        },
        async removeSession() {
          await context.globalState.update(SIGNED_IN_KEY, false);
          changed.fire({ added: [], removed: [session([])], changed: [] });
        },
      },
      { supportsMultipleAccounts: false },
    ),
  );
};
