// The pieces of the demo's start (test/support/demo/, shared with the E2E suite) that decide what is rebuilt and what
// is kept: the files a .vsix packs (as vsce itself lists them), the demo folder kept between starts, its remote, and
// the user settings merged rather than overwritten.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as codeServerTypes from '../../scripts/lib/codeServer.mjs' with { 'resolution-mode': 'import' };
import { ensureDemoFolder, pointOriginAt } from '../support/demo/demoWorkspace';
import { contentHash, packagedFiles } from '../support/demo/packagedExtension';
import { REPO_ROOT } from '../support/paths';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-demo-start-'));
  t.after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe('what the demo packages', () => {
  it('packs the files vsce lists for Preflight (read from the .vscodeignore whitelist)', () => {
    const listed = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    assert.deepEqual(
      packagedFiles(REPO_ROOT),
      listed
        .split('\n')
        .filter((l) => l.trim() !== '')
        .sort(),
    );
  });

  it('packs every bundle the build writes to dist/ (a worker the .vsix lacks would fail at run time)', () => {
    const bundles = fs
      .readdirSync(path.join(REPO_ROOT, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `dist/${f}`);
    assert.ok(bundles.length > 0, 'run the build first');
    const packed = new Set(packagedFiles(REPO_ROOT));
    assert.deepEqual(
      bundles.filter((b) => !packed.has(b)),
      [],
    );
  });

  it('changes the hash when a packed file changes, not when another file does', (t) => {
    const dir = tempDir(t);
    fs.writeFileSync(path.join(dir, '.vscodeignore'), '**\n!package.json\n!dist/**\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'a.js'), 'a');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'x');
    const before = contentHash(dir);
    fs.writeFileSync(path.join(dir, 'notes.md'), 'y');
    assert.equal(contentHash(dir), before);
    fs.writeFileSync(path.join(dir, 'dist', 'a.js'), 'b');
    assert.notEqual(contentHash(dir), before);
  });

  it('packs every file of a folder without a .vscodeignore (the demo sign-in)', () => {
    assert.deepEqual(packagedFiles(path.join(REPO_ROOT, 'demo', 'signin')), [
      'demoAccount.json',
      'extension.js',
      'package.json',
    ]);
  });
});

describe('the demo folder', () => {
  it("is examples/ with the demo overlay, a git repository made once and kept with the user's edits", (t) => {
    const dir = path.join(tempDir(t), 'ml-demo');
    const first = ensureDemoFolder(dir);
    assert.equal(first.created, true);
    assert.ok(fs.existsSync(path.join(dir, '.github', 'workflows', 'ci.yml')), 'from examples/');
    assert.ok(fs.existsSync(path.join(dir, '.github', 'workflows', 'train.yml')), 'from demo/repository/');
    assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }), '', 'all committed');
    fs.writeFileSync(path.join(dir, 'params.yaml'), 'edited: true\n');
    assert.equal(ensureDemoFolder(dir).created, false);
    assert.equal(fs.readFileSync(path.join(dir, 'params.yaml'), 'utf8'), 'edited: true\n');
  });

  it('points origin at the stand-in, and again when its address changes', (t) => {
    const dir = path.join(tempDir(t), 'ml-demo');
    ensureDemoFolder(dir);
    const origin = (): string =>
      execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: dir, encoding: 'utf8' }).trim();
    pointOriginAt(dir, 'http://127.0.0.1:4000/preflight-dev/ml-demo.git');
    assert.equal(origin(), 'http://127.0.0.1:4000/preflight-dev/ml-demo.git');
    pointOriginAt(dir, 'http://127.0.0.1:4001/preflight-dev/ml-demo.git');
    assert.equal(origin(), 'http://127.0.0.1:4001/preflight-dev/ml-demo.git');
  });
});

describe('the user settings', () => {
  async function codeServer(): Promise<typeof codeServerTypes> {
    return (await import(
      pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'codeServer.mjs')).href
    )) as typeof codeServerTypes;
  }

  it("keeps what the user set (a theme) and the defaults they changed, and updates the demo's own keys", async (t) => {
    const { updateUserSettings, userSettingsFile } = await codeServer();
    const stateDir = tempDir(t);
    updateUserSettings(stateDir, (current) => ({ ...current, 'preflight.github.baseUrl': 'http://127.0.0.1:4000' }));
    const file = userSettingsFile(stateDir);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(written['workbench.startupEditor'], 'none');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...written,
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.startupEditor': 'welcomePage',
      }),
    );
    updateUserSettings(stateDir, (current) => ({ ...current, 'preflight.github.baseUrl': 'http://127.0.0.1:4001' }));
    const again = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(again['workbench.colorTheme'], 'Default Dark Modern');
    assert.equal(again['workbench.startupEditor'], 'welcomePage');
    assert.equal(again['preflight.github.baseUrl'], 'http://127.0.0.1:4001');
  });

  it('leaves a settings file with comments as it is, and says what to do', async (t) => {
    const { updateUserSettings, userSettingsFile } = await codeServer();
    const stateDir = tempDir(t);
    const file = userSettingsFile(stateDir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = '{\n  // my theme\n  "workbench.colorTheme": "Default Dark Modern"\n}\n';
    fs.writeFileSync(file, text);
    assert.throws(() => {
      updateUserSettings(stateDir, (current) => current);
    }, /not plain JSON.*--reset/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });
});
