// The client's VS Code-facing GitHub pieces against the fake `vscode`: which auth provider and options sign-in uses, the
// base URL setting, log tabs (read-only provider, failed line revealed, bounded memory) and the runs UI's safety checks.
import { FakeUri, fake } from './fakeVscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import {
  enterpriseIssuerMismatch,
  GITHUB_DOTCOM_API,
  githubBaseUrlFromLevels,
  parseGithubBaseUrl,
  parseSettings,
} from '../../protocol/settings';
import { GithubSession, authProviderFor, readGithubBaseUrl } from '../../client/src/github/githubSession';
import { LOG_SCHEME, LogDocuments, logFileName } from '../../client/src/github/logDocuments';
import { vscodeRunsUi } from '../../client/src/github/vscodeRunsUi';

const SESSION = {
  accessToken: 'gho_secret',
  account: { label: 'octocat', id: '1' },
  id: 's1',
  scopes: ['repo', 'workflow'],
};

describe('preflight.github.baseUrl', () => {
  it('keeps http(s) URLs without a trailing slash and falls back to api.github.com otherwise', () => {
    assert.equal(parseGithubBaseUrl(undefined), GITHUB_DOTCOM_API);
    assert.equal(parseGithubBaseUrl('  '), GITHUB_DOTCOM_API);
    assert.equal(parseGithubBaseUrl('https://ghe.example.com/api/v3/'), 'https://ghe.example.com/api/v3');
    assert.equal(parseGithubBaseUrl('http://127.0.0.1:8123'), 'http://127.0.0.1:8123');
    assert.equal(parseGithubBaseUrl('ftp://ghe.example.com'), GITHUB_DOTCOM_API);
    // The token travels to this URL: never in clear text beyond this machine.
    assert.equal(parseGithubBaseUrl('http://ghe.example.com/api/v3'), GITHUB_DOTCOM_API);
    assert.equal(parseGithubBaseUrl('http://localhost:8080/api/v3'), 'http://localhost:8080/api/v3');
  });

  it("takes the API URL from the user's own settings only: a repository's settings never choose where the token goes", () => {
    const evil = 'https://collector.example.net/api/v3';
    assert.equal(githubBaseUrlFromLevels({ defaultValue: GITHUB_DOTCOM_API, workspaceValue: evil }), GITHUB_DOTCOM_API);
    assert.equal(
      githubBaseUrlFromLevels({ defaultValue: GITHUB_DOTCOM_API, workspaceFolderValue: evil }),
      GITHUB_DOTCOM_API,
    );
    assert.equal(
      githubBaseUrlFromLevels({
        defaultValue: GITHUB_DOTCOM_API,
        globalValue: 'https://ghe.corp.example/api/v3',
        workspaceValue: evil,
      }),
      'https://ghe.corp.example/api/v3',
    );
    assert.equal(githubBaseUrlFromLevels(undefined), GITHUB_DOTCOM_API);
  });

  it('sends a GitHub Enterprise token only to the host it was issued for', () => {
    assert.equal(enterpriseIssuerMismatch('https://ghe.corp.example/api/v3', 'https://ghe.corp.example'), undefined);
    assert.equal(
      enterpriseIssuerMismatch('https://elsewhere.example/api/v3', 'https://ghe.corp.example/'),
      'ghe.corp.example',
    );
    assert.equal(
      enterpriseIssuerMismatch('http://127.0.0.1:8123', undefined),
      undefined,
      'no issuer configured: nothing to compare',
    );
    assert.equal(parseGithubBaseUrl('https://user:pw@ghe.example.com'), GITHUB_DOTCOM_API);
    assert.equal(parseGithubBaseUrl('not a url'), GITHUB_DOTCOM_API);
    assert.equal(
      parseSettings({ github: { baseUrl: 'https://ghe.example.com/api/v3' } }).githubBaseUrl,
      'https://ghe.example.com/api/v3',
    );
    assert.equal(parseSettings({}).githubBaseUrl, GITHUB_DOTCOM_API);
  });

  it('picks github for github.com and github-enterprise for anything else', () => {
    assert.equal(authProviderFor('https://api.github.com'), 'github');
    assert.equal(authProviderFor('https://ghe.example.com/api/v3'), 'github-enterprise');
    assert.equal(authProviderFor('http://127.0.0.1:8123'), 'github-enterprise');
  });
});

describe('GithubSession', () => {
  beforeEach(() => {
    fake.reset();
  });

  it('signs in silently by default and interactively only when asked, with the repo and workflow scopes', async () => {
    const session = new GithubSession();
    assert.equal(await session.signIn(false), undefined);
    fake.sessions.set('github', SESSION);
    assert.deepEqual(await session.signIn(true), {
      token: 'gho_secret',
      account: 'octocat',
      baseUrl: GITHUB_DOTCOM_API,
    });
    assert.deepEqual(fake.sessionRequests, [
      { provider: 'github', scopes: ['repo', 'workflow'], options: { silent: true } },
      { provider: 'github', scopes: ['repo', 'workflow'], options: { createIfNone: true } },
    ]);
    session.dispose();
  });

  it('uses github-enterprise when the setting points at GHES', async () => {
    fake.configuration.set('preflight.github.baseUrl', 'https://ghe.example.com/api/v3');
    fake.workspaceConfiguration.set('preflight.github.baseUrl', 'https://collector.example.net/api/v3');
    assert.equal(readGithubBaseUrl(), 'https://ghe.example.com/api/v3');
    fake.sessions.set('github-enterprise', SESSION);
    const session = new GithubSession();
    assert.equal((await session.signIn(false))?.baseUrl, 'https://ghe.example.com/api/v3');
    assert.equal(fake.sessionRequests[0]?.provider, 'github-enterprise');
    session.dispose();
  });

  it("ignores a repository's .vscode/settings.json for the base URL, and refuses a host the Enterprise token was not issued for", async () => {
    fake.workspaceConfiguration.set('preflight.github.baseUrl', 'https://collector.example.net/api/v3');
    assert.equal(readGithubBaseUrl(), GITHUB_DOTCOM_API);
    fake.configuration.set('preflight.github.baseUrl', 'https://other.example.com/api/v3');
    fake.configuration.set('github-enterprise.uri', 'https://ghe.example.com');
    fake.sessions.set('github-enterprise', SESSION);
    const session = new GithubSession();
    await assert.rejects(session.signIn(false), /sends the token only to ghe\.example\.com/);
    assert.equal(fake.sessionRequests.length, 0, 'no token was even asked for');
    session.dispose();
  });

  it('treats a declined prompt as no session, and names the provider when sign-in fails', async () => {
    const session = new GithubSession();
    fake.sessions.set('github', new Error('User did not consent to login. Cancelled'));
    assert.equal(await session.signIn(true), undefined);
    fake.sessions.set('github', new Error("No authentication provider 'github' is currently registered."));
    await assert.rejects(session.signIn(true), /GitHub sign-in through "github" failed: No authentication provider/);
    session.dispose();
  });

  it('fires on sign-in changes of its own provider and on base URL changes only', () => {
    const session = new GithubSession();
    let fired = 0;
    session.onDidChange(() => {
      fired++;
    });
    fake.sessionsChanged.fire({ provider: { id: 'github', label: 'GitHub' } });
    fake.sessionsChanged.fire({ provider: { id: 'microsoft', label: 'Microsoft' } });
    fake.configurationChanged.fire({ affectsConfiguration: (s) => s === 'preflight.github.baseUrl' });
    fake.configurationChanged.fire({ affectsConfiguration: (s) => s === 'editor.fontSize' });
    assert.equal(fired, 2);
    session.dispose();
    fake.sessionsChanged.fire({ provider: { id: 'github', label: 'GitHub' } });
    assert.equal(fired, 2, 'nothing after dispose');
  });
});

describe('LogDocuments', () => {
  beforeEach(() => {
    fake.reset();
  });

  it('serves the log read-only under its scheme, as a "log" document, with the failed line selected and centred', async () => {
    const logs = new LogDocuments();
    await logs.show({
      jobId: 42,
      title: 'CI #7 test (3.11)',
      text: 'line 0\nline 1\nError: boom\nline 3',
      revealLine: 2,
    });
    assert.ok(fake.contentProviders.has(LOG_SCHEME));
    const [shown] = fake.shown;
    // '#' would start a URI fragment: it is dropped from the name.
    assert.equal(shown?.uri, `${LOG_SCHEME}://host/CI 7 test (3.11) (42).log`);
    assert.equal(shown?.languageId, 'log');
    assert.deepEqual(JSON.parse(JSON.stringify(shown?.options['selection'])), {
      start: { line: 2, character: 0 },
      end: { line: 2, character: 11 },
    });
    assert.deepEqual(fake.revealed, [{ uri: shown?.uri, line: 2 }]);
    // A line past the end (the log was cut) reveals the last line instead.
    await logs.show({ jobId: 43, title: 'short', text: 'only line', revealLine: 99 });
    assert.deepEqual(fake.revealed.at(-1), { uri: `${LOG_SCHEME}://host/short (43).log`, line: 0 });
    logs.dispose();
    assert.equal(fake.contentProviders.has(LOG_SCHEME), false);
  });

  it('keeps only the ten most recent logs in memory', async () => {
    const logs = new LogDocuments();
    for (let id = 1; id <= 11; id++)
      await logs.show({ jobId: id, title: 'job', text: `log ${id}`, revealLine: undefined });
    const provider = fake.contentProviders.get(LOG_SCHEME);
    assert.equal(
      provider?.provideTextDocumentContent(FakeUri.from({ scheme: LOG_SCHEME, path: '/job (11).log' })),
      'log 11',
    );
    assert.match(
      provider?.provideTextDocumentContent(FakeUri.from({ scheme: LOG_SCHEME, path: '/job (1).log' })) ?? '',
      /no longer in memory/,
    );
    logs.dispose();
  });

  it('makes a safe file name from an untrusted job name', () => {
    assert.equal(logFileName('build / test: "a"\u0000<b>|c', 5), 'build test a b c (5).log');
    assert.equal(logFileName('../../etc/passwd', 6), '.. .. etc passwd (6).log');
    assert.equal(logFileName('', 7), 'job (7).log');
    assert.equal(logFileName('x'.repeat(500), 8).length, 80 + ' (8).log'.length);
  });
});

describe('vscodeRunsUi', () => {
  beforeEach(() => {
    fake.reset();
  });
  const folder = FakeUri.file('/ws') as unknown as vscode.Uri;

  it('confirms only when the user picks the action, in a modal', async () => {
    const ui = vscodeRunsUi(folder, undefined as unknown as LogDocuments, () =>
      Promise.reject(new Error('not asked to explain')),
    );
    fake.warningAnswer = 'Re-run';
    assert.equal(await ui.confirm('Re-run?', 'detail', 'Re-run'), true);
    fake.warningAnswer = undefined;
    assert.equal(await ui.confirm('Re-run?', 'detail', 'Re-run'), false);
    assert.deepEqual(fake.warnings[0], {
      message: 'Re-run?',
      options: { modal: true, detail: 'detail' },
      items: ['Re-run'],
    });
  });

  it('opens workflow files inside the workspace folder only', async () => {
    const ui = vscodeRunsUi(folder, undefined as unknown as LogDocuments, () =>
      Promise.reject(new Error('not asked to explain')),
    );
    await ui.openWorkflow('.github/workflows/ci.yml', 7);
    assert.equal(fake.shown[0]?.uri, 'file:///ws/.github/workflows/ci.yml');
    assert.deepEqual(JSON.parse(JSON.stringify(fake.shown[0]?.options['selection'])), {
      start: { line: 7, character: 0 },
      end: { line: 7, character: 0 },
    });
    await assert.rejects(ui.openWorkflow('.github/../../etc/passwd', 0), /leaves the workspace/);
    assert.equal(fake.shown.length, 1);
  });
});
