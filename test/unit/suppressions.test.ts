import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';

const PATH = '/r/.github/workflows/a.yml';
const rulesOf = (text: string): string[] =>
  checkText({ path: PATH, text }).findings.map((f) => `${f.rule}@${f.range.start.line}`);

describe('suppression comments', () => {
  const base = 'on: push\njobs: {}\n';
  it('reports without a comment', () => {
    assert.deepEqual(rulesOf(`${base}foo: 1\n`), ['unknown-key@2']);
  });
  it('silences on the same line, on the line above, for all rules, and for the file', () => {
    assert.deepEqual(rulesOf(`${base}foo: 1 # preflight-ignore: unknown-key\n`), []);
    assert.deepEqual(rulesOf(`${base}# preflight-ignore: unknown-key\nfoo: 1\n`), []);
    assert.deepEqual(rulesOf(`${base}foo: 1 # preflight-ignore: all\n`), []);
    assert.deepEqual(rulesOf(`# preflight-ignore-file: unknown-key\n${base}foo: 1\nbar: 2\n`), []);
  });
  it('does not silence other rules or other lines', () => {
    assert.deepEqual(rulesOf(`${base}foo: 1 # preflight-ignore: yaml-syntax\n`), ['unknown-key@2']);
    assert.deepEqual(rulesOf(`${base}# preflight-ignore: unknown-key\n\nfoo: 1\n`), ['unknown-key@4']);
  });
});

describe('severity settings', () => {
  it('overrides and turns rules off', () => {
    const text = 'on: push\njobs: {}\nfoo: 1\n';
    assert.equal(
      checkText({ path: PATH, text }, { severities: { 'unknown-key': 'warning' } }).findings[0]?.severity,
      'warning',
    );
    assert.equal(checkText({ path: PATH, text }, { severities: { 'unknown-key': 'off' } }).findings.length, 0);
  });
});
