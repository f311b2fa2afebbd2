import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findProjectConfigFile, parseProjectConfig } from '../../server/src/engine/config/projectConfig';

describe('.preflight.yml', () => {
  it('reads rule severities', () => {
    const c = parseProjectConfig('rules:\n  unknown-key: warning\n  yaml-warning: off\n  x: false\n', '.preflight.yml');
    assert.deepEqual(c.rules, { 'unknown-key': 'warning', 'yaml-warning': 'off', x: 'off' });
    assert.deepEqual(c.problems, []);
  });

  it('names the file, the key and the allowed values when something is wrong', () => {
    const c = parseProjectConfig('rule:\n  a: 1\nrules:\n  b: loud\n', '/r/.preflight.yml');
    assert.deepEqual(c.problems, [
      "/r/.preflight.yml: unknown key 'rule' (allowed: rules)",
      "/r/.preflight.yml: rules.b: 'loud' is not one of error, warning, info, hint, off",
    ]);
    assert.match(parseProjectConfig('rules: [\n', 'f').problems[0] ?? '', /^f: not valid YAML/);
    assert.deepEqual(parseProjectConfig('', 'f').rules, {});
  });

  it('is found in the nearest ancestor, but not above the repository root', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-config-'));
    const repo = path.join(root, 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(root, '.preflight.yml'), 'rules: {}\n');
    assert.equal(findProjectConfigFile(path.join(repo, '.github', 'workflows')), undefined);
    fs.writeFileSync(path.join(repo, '.preflight.yml'), 'rules: {}\n');
    assert.equal(findProjectConfigFile(path.join(repo, '.github', 'workflows')), path.join(repo, '.preflight.yml'));
    fs.rmSync(root, { recursive: true });
  });
});
