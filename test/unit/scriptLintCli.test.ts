// `preflight check` when a script linter fails or is missing: the run says so on stderr and a failed linter makes the
// exit status 2, never a silent pass with findings missing. A stand-in `shellcheck` on PATH plays the broken tool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../support/paths';

let repo = '';
let bin = '';

before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-scripts-cli-'));
  fs.mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
  fs.mkdirSync(path.join(repo, '.git'));
  fs.writeFileSync(
    path.join(repo, '.github', 'workflows', 'ci.yml'),
    `on: push
permissions: {contents: read}
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo "$A"
      - run: print('hello')
        shell: python
`,
  );
  // A shellcheck that answers --version but prints nothing readable when asked to check.
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fake-tools-'));
  fs.writeFileSync(
    path.join(bin, 'shellcheck'),
    '#!/bin/sh\n[ "$1" = "--version" ] && exit 0\necho "not json"\nexit 1\n',
    { mode: 0o755 },
  );
});

after(() => {
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(bin, { recursive: true, force: true });
});

describe('preflight check with script linters', () => {
  it('names each script a linter could not check, exits 2, and says once that pyflakes is missing', () => {
    // PATH holds only the stand-in: shellcheck "works" but fails, pyflakes is absent.
    const r = spawnSync(process.execPath, [CLI, 'check', '.'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /\.github\/workflows\/ci\.yml:8: shellcheck could not check this script \(shellcheck gave no readable output\); its findings are missing/,
    );
    assert.match(
      r.stderr,
      /pyflakes is not installed: 1 run: script was not checked with it \(apt-get install pyflakes3\)/,
    );
    assert.equal(r.stderr.match(/pyflakes is not installed/g)?.length, 1);
  });

  it('is quiet about a linter the user turned off', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '.', '--no-shellcheck', '--no-pyflakes'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
