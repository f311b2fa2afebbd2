// "Pin to commit SHA" (action-not-pinned): the bundled pins, the rewritten line (quotes and comments kept), the pinned
// file clean under every rule, and who applies it in bulk (only a caller that names the rule, CLI included).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/applyEdits';
import { fixAll } from '../../server/src/engine/fixes/fixAll';
import { knownAction, pinFor } from '../../server/src/engine/github/actionMetadata';
import data from '../../server/src/engine/github/data/popularActions.json';
import { CLI, FIXTURES } from '../support/paths';

const FILE = '/repo/.github/workflows/image.yml';
const SOURCE = fs.readFileSync(path.join(FIXTURES, 'rules', 'github-workflow', 'action-pin.yml'), 'utf8');
const lineOf = (text: string, needle: string): string => text.split('\n').find((l) => l.includes(needle)) ?? '';

describe('bundled action pins', () => {
  it('hold full SHAs under release tags of known actions', () => {
    const actions = (data as unknown as { actions: Record<string, { pins?: Record<string, string> }> }).actions;
    let count = 0;
    for (const [name, entry] of Object.entries(actions)) {
      for (const [tag, sha] of Object.entries(entry.pins ?? {})) {
        count++;
        assert.match(tag, /^v\d+\.\d+\.\d+$/, `${name} ${tag}`);
        assert.match(sha, /^[0-9a-f]{40}$/, `${name}@${tag}`);
      }
    }
    assert.ok(count >= 15, `only ${count} pins`);
  });

  it('resolve exact tags, moving tags to their newest known release, and nothing for branches or unknown versions', () => {
    assert.deepEqual(pinFor('docker/login-action', 'v3.4.0'), {
      tag: 'v3.4.0',
      sha: '74a5d142397b4f367a81961eba4e8cd7edddf772',
    });
    assert.equal(pinFor('docker/login-action', 'v3')?.tag, 'v3.7.0', 'newest of v3.3.0, v3.4.0, v3.6.0, v3.7.0');
    assert.equal(
      pinFor('docker/setup-buildx-action', 'v3.11')?.tag,
      'v3.11.1',
      'numeric, not string, order (v3.11.1 > v3.10.0)',
    );
    assert.equal(pinFor('docker/setup-buildx-action', 'v3')?.tag, 'v3.12.0');
    assert.equal(pinFor('docker/setup-buildx-action', 'v3.10')?.tag, 'v3.10.0');
    assert.equal(pinFor('actions/cache/restore', 'v4')?.tag, 'v4.3.0', 'sub-path actions share their repository tags');
    assert.equal(pinFor('actions/cache', 'v4')?.sha, knownAction('actions/cache')?.pins?.['v4.3.0']);
    assert.equal(pinFor('docker/login-action', 'main'), undefined);
    assert.equal(pinFor('docker/build-push-action', 'v6.9.0'), undefined, 'an exact tag whose SHA is not bundled');
    assert.equal(pinFor('docker/login-action', 'v9'), undefined);
    assert.equal(pinFor('some-org/unknown', 'v1'), undefined);
  });
});

describe('pin to commit SHA fix', () => {
  const findings = checkText({ path: FILE, text: SOURCE }).findings.filter((f) => f.rule === 'action-not-pinned');
  const fixOn = (needle: string): string => {
    const finding = findings.find((f) => lineOf(SOURCE, needle) === SOURCE.split('\n')[f.range.start.line]);
    const fix = finding?.fixes?.[0];
    assert.ok(fix, `a pin fix on '${needle}'`);
    assert.match(fix.title, /^Pin to commit SHA \(v\d+\.\d+\.\d+\)$/);
    assert.equal(fix.confidence, 'on-request');
    return lineOf(applyEdits(SOURCE, fix.edits), needle.replace(/@.*$/, '@'));
  };

  it('replaces only the ref and keeps the rest of the line, quotes and comments', () => {
    assert.equal(
      fixOn('docker/setup-buildx-action@v3'),
      '      - uses: docker/setup-buildx-action@8d2750c68a42422c14e847fe6c8ac0403b4cbd6f # v3.12.0 # build with buildx',
    );
    assert.equal(
      fixOn('docker/login-action@v3.4.0'),
      '      - uses: "docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772" # v3.4.0',
    );
    assert.equal(
      fixOn('docker/metadata-action@v5'),
      '      - uses: docker/metadata-action@c299e40c65443455700f0fdfc63efafe5b349051  # v5.10.0',
      'a version-only comment is updated, not doubled',
    );
  });

  it('is not offered for branches or releases without a bundled SHA', () => {
    for (const needle of ['peter-evans/create-pull-request@main', 'docker/build-push-action@v6.9.0']) {
      const finding = findings.find((f) => SOURCE.split('\n')[f.range.start.line] === lineOf(SOURCE, needle));
      assert.ok(finding, needle);
      assert.deepEqual(finding.fixes ?? [], [], needle);
    }
  });

  it('is applied in bulk only when the rule is named, and the pinned file is clean', () => {
    const general = fixAll({ path: FILE, text: SOURCE });
    assert.ok(!general.applied.some((a) => a.rule === 'action-not-pinned'), 'a general fix-all never pins');
    const pinned = fixAll({ path: FILE, text: SOURCE }, {}, new Set(['action-not-pinned']));
    assert.equal(pinned.applied.length, 3);
    assert.deepEqual(pinned.refused, []);
    const after = checkText({ path: FILE, text: pinned.text }).findings;
    assert.deepEqual(
      after.filter((f) => f.severity === 'error'),
      [],
    );
    // What is left are the two references nobody can pin from bundled data.
    assert.deepEqual(
      after
        .filter((f) => f.rule === 'action-not-pinned')
        .map((f) => pinned.text.split('\n')[f.range.start.line]?.trim()),
      ['- uses: docker/build-push-action@v6.9.0', '- uses: peter-evans/create-pull-request@main'],
    );
    assert.equal(pinned.text.split('\n').length, SOURCE.split('\n').length, 'no line added or removed');
    assert.match(pinned.text, /# build with buildx$/m);
  });

  it('runs from the CLI with --rule, and not without it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-pin-'));
    try {
      const file = path.join(dir, '.github', 'workflows', 'image.yml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, SOURCE);
      const plain = spawnSync(process.execPath, [CLI, 'fix', '.'], { cwd: dir, encoding: 'utf8' });
      assert.equal(plain.status, 0, plain.stderr);
      assert.equal(fs.readFileSync(file, 'utf8'), SOURCE);
      const asked = spawnSync(process.execPath, [CLI, 'fix', '.', '--rule', 'action-not-pinned'], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(asked.status, 0, asked.stderr);
      assert.match(asked.stdout, /Applied 3 fixes in 1 file\./);
      assert.match(
        fs.readFileSync(file, 'utf8'),
        /docker\/setup-buildx-action@8d2750c68a42422c14e847fe6c8ac0403b4cbd6f # v3\.12\.0 # build with buildx/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
