// Commit change facts from a real temporary git repository: file and line counts, and the workflow / dependency /
// test classification, for ordinary commits, a merge (diffed against its first parent) and HEAD.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { classifyPaths, readCommitChanges } from '../../../server/src/engine/model/git/commitChanges';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    },
  }).trim();
}

function commit(dir: string, files: Record<string, string>, message: string): string {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
  return git(dir, 'rev-parse', 'HEAD');
}

describe('commit changes', () => {
  it('classifies paths', () => {
    const c = classifyPaths(['.github/workflows/ci.yml', 'src/app.ts'], 3);
    assert.deepEqual(c, { files: 2, lines: 3, workflow: true, dependencies: false, tests: false });
    assert.equal(classifyPaths(['backend/requirements-dev.txt'], 0).dependencies, true);
    assert.equal(classifyPaths(['Cargo.lock'], 0).dependencies, true);
    assert.equal(classifyPaths(['src/__tests__/a.js'], 0).tests, true);
    assert.equal(classifyPaths(['pkg/foo_test.go'], 0).tests, true, "Go's _test.go files");
    assert.equal(classifyPaths(['tests/test_api.py'], 0).tests, true);
    assert.equal(classifyPaths(['src/app.spec.ts'], 0).tests, true);
    assert.equal(classifyPaths(['src/contest.ts'], 0).tests, false);
  });

  it('reads every commit of a clone, merges against their first parent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-git-'));
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    const first = commit(dir, { 'src/a.ts': 'a\nb\n', 'package.json': '{}\n' }, 'first');
    const second = commit(dir, { 'src/a.ts': 'a\nc\n' }, 'second');
    git(dir, 'checkout', '-qb', 'topic');
    commit(dir, { '.github/workflows/ci.yml': 'on: push\n', 'test/a.test.ts': 'x\n' }, 'topic');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge', 'topic');
    const merge = git(dir, 'rev-parse', 'HEAD');
    const read = await readCommitChanges(dir);
    assert.ok(read.ok);
    assert.deepEqual(read.value.get(first), { files: 2, lines: 3, workflow: false, dependencies: true, tests: false });
    assert.deepEqual(read.value.get(second), {
      files: 1,
      lines: 2,
      workflow: false,
      dependencies: false,
      tests: false,
    });
    assert.deepEqual(read.value.get(merge), { files: 2, lines: 2, workflow: true, dependencies: false, tests: true });
    assert.deepEqual(read.value.get('HEAD'), read.value.get(merge));
    const missing = await readCommitChanges(path.join(dir, 'nope'));
    assert.ok(!missing.ok && missing.error.includes('cannot read git history'));
  });
});
