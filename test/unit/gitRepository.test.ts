// Reading the workspace's git state from .git, checked against what the git binary itself reports, in real temporary
// repositories: a branch, a detached HEAD, packed refs, a linked worktree, remotes in several URL forms, and the watcher
// seeing a branch switch and a new commit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseRemoteUrl, webHostOf } from '../../client/src/github/gitRemote';
import { GitRepositoryWatcher, parseRemotes, readGitState, type GitState } from '../../client/src/github/gitRepository';

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args],
    { cwd, encoding: 'utf8' },
  ).trim();
}

describe('parseRemoteUrl', () => {
  const cases: [string, ReturnType<typeof parseRemoteUrl>][] = [
    ['https://github.com/preflight-dev/ml-repo.git', { host: 'github.com', owner: 'preflight-dev', repo: 'ml-repo' }],
    ['https://github.com/preflight-dev/ml-repo', { host: 'github.com', owner: 'preflight-dev', repo: 'ml-repo' }],
    ['https://x-access-token:abc@github.com/o/r.git', { host: 'github.com', owner: 'o', repo: 'r' }],
    ['git@github.com:o/r.git', { host: 'github.com', owner: 'o', repo: 'r' }],
    ['ssh://git@github.com:22/o/r.git', { host: 'github.com', owner: 'o', repo: 'r' }],
    ['git://GitHub.com/o/r', { host: 'github.com', owner: 'o', repo: 'r' }],
    ['https://ghe.example.com/scm/team/r.git/', { host: 'ghe.example.com', owner: 'team', repo: 'r' }],
    ['/srv/git/r.git', undefined],
    ['file:///srv/git/o/r.git', undefined],
    ['https://github.com/', undefined],
    ['', undefined],
  ];
  for (const [url, expected] of cases) {
    it(`${url || '(empty)'} -> ${expected ? `${expected.host} ${expected.owner}/${expected.repo}` : 'none'}`, () => {
      assert.deepEqual(parseRemoteUrl(url), expected);
    });
  }

  it('maps API base URLs to the host that serves the repositories', () => {
    assert.equal(webHostOf('https://api.github.com'), 'github.com');
    assert.equal(webHostOf('https://ghe.example.com/api/v3'), 'ghe.example.com');
  });
});

describe('parseRemotes', () => {
  it('reads remote sections in order, ignoring other sections and comments', () => {
    const config =
      '[core]\n\turl = nope\n[remote "upstream"]\n\turl = git@github.com:up/r.git\n; [remote "x"]\n[remote "origin"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n\turl = https://github.com/o/r.git\n';
    assert.deepEqual(
      [...parseRemotes(config)],
      [
        ['upstream', 'git@github.com:up/r.git'],
        ['origin', 'https://github.com/o/r.git'],
      ],
    );
  });
});

describe('readGitState with real git repositories', () => {
  let root: string;
  let repo: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-git-'));
    repo = path.join(root, 'repo');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', 'a.txt');
    git(repo, 'commit', '-qm', 'first');
    git(repo, 'remote', 'add', 'upstream', 'git@github.com:up/ml-repo.git');
    git(repo, 'remote', 'add', 'origin', 'https://github.com/preflight-dev/ml-repo.git');
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads branch, HEAD sha and the origin remote (even when another remote comes first)', async () => {
    const state = await readGitState(path.join(repo));
    assert.equal(state?.branch, git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'));
    assert.equal(state?.headSha, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(state?.remoteName, 'origin');
    assert.equal(state?.remoteUrl, 'https://github.com/preflight-dev/ml-repo.git');
  });

  it('finds the repository from a subfolder, and nothing outside any repository', async () => {
    fs.mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
    assert.equal((await readGitState(path.join(repo, 'src', 'deep')))?.headSha, git(repo, 'rev-parse', 'HEAD'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-nogit-'));
    try {
      assert.equal(await readGitState(outside), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads a detached HEAD and refs that git packed', async () => {
    git(repo, 'checkout', '-qb', 'feature/x');
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-qm', 'second');
    git(repo, 'pack-refs', '--all');
    assert.equal(
      fs.existsSync(path.join(repo, '.git', 'refs', 'heads', 'feature', 'x')),
      false,
      'the ref now lives only in packed-refs',
    );
    const packed = await readGitState(repo);
    assert.equal(packed?.branch, 'feature/x');
    assert.equal(packed?.headSha, git(repo, 'rev-parse', 'HEAD'));
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    const detached = await readGitState(repo);
    assert.equal(detached?.branch, null);
    assert.equal(detached?.headSha, git(repo, 'rev-parse', 'HEAD'));
    git(repo, 'checkout', '-q', 'main');
  });

  it('reads a linked worktree: its own HEAD, the shared config and refs', async () => {
    const tree = path.join(root, 'tree');
    git(repo, 'worktree', 'add', '-q', '-b', 'wt-branch', tree, 'feature/x');
    const state = await readGitState(tree);
    assert.equal(state?.branch, 'wt-branch');
    assert.equal(state?.headSha, git(tree, 'rev-parse', 'HEAD'));
    assert.equal(state?.remoteUrl, 'https://github.com/preflight-dev/ml-repo.git');
    assert.equal(state?.commonDir, path.join(repo, '.git'));
    assert.notEqual(state?.gitDir, state?.commonDir);
  });

  it('the watcher reports a branch switch and a new commit, once each burst settles', async () => {
    const seen: (GitState | undefined)[] = [];
    let notify: () => void = () => undefined;
    const watcher = new GitRepositoryWatcher(
      repo,
      (state) => {
        seen.push(state);
        notify();
      },
      50,
    );
    // The watcher's fs.watch handles do not keep Node alive (by design, in the extension host); the timer here does.
    const next = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error('no change reported within 2 minutes'));
        }, 120_000);
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    try {
      assert.equal((await watcher.start())?.branch, 'main');
      let changed = next();
      git(repo, 'checkout', '-q', 'feature/x');
      await changed;
      assert.equal(seen.at(-1)?.branch, 'feature/x');
      changed = next();
      fs.writeFileSync(path.join(repo, 'c.txt'), 'c\n');
      git(repo, 'add', 'c.txt');
      git(repo, 'commit', '-qm', 'third');
      await changed;
      assert.equal(seen.at(-1)?.headSha, git(repo, 'rev-parse', 'HEAD'));
      assert.equal(watcher.current()?.headSha, git(repo, 'rev-parse', 'HEAD'));
    } finally {
      watcher.dispose();
    }
  });
});
