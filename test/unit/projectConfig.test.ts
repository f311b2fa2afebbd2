import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { findProjectConfigFile, parseProjectConfig } from '../../server/src/engine/config/projectConfig';
import { completeAt } from '../../server/src/engine/language/completion';
import { hoverAt } from '../../server/src/engine/language/hover';

describe('.preflight.yml', () => {
  it('reads rule severities', () => {
    const c = parseProjectConfig('rules:\n  unknown-key: warning\n  yaml-warning: off\n  x: false\n', '.preflight.yml');
    assert.deepEqual(c.rules, { 'unknown-key': 'warning', 'yaml-warning': 'off', x: 'off' });
    assert.deepEqual(c.problems, []);
  });

  it("reads the team's runner labels, and runner-label respects them", () => {
    const c = parseProjectConfig('runner-labels: [ubuntu-lates-gpu, windows-gpu]\n', '.preflight.yml');
    assert.deepEqual(c.runnerLabels, ['ubuntu-lates-gpu', 'windows-gpu']);
    const text =
      'on: push\npermissions: {contents: read}\njobs:\n  a:\n    runs-on: windows-2022x\n    timeout-minutes: 5\n    steps: [{run: echo}]\n';
    const rules = (labels: string[]): string[] =>
      checkText({ path: '/r/.github/workflows/a.yml', text }, { runnerLabels: labels }).findings.map((f) => f.rule);
    assert.ok(
      rules([]).includes('runner-label'),
      'windows-2022x is one edit from windows-2022: reported without the list',
    );
    assert.ok(!rules(['windows-2022x']).includes('runner-label'));
    assert.match(parseProjectConfig('runner-labels: gpu\n', 'f').problems[0] ?? '', /must be a list/);
  });

  it('names the file, the key and the allowed values when something is wrong', () => {
    const c = parseProjectConfig('rule:\n  a: 1\nrules:\n  b: loud\n', '/r/.preflight.yml');
    assert.deepEqual(c.problems, [
      "/r/.preflight.yml: unknown key 'rule' (allowed: rules, runner-labels)",
      "/r/.preflight.yml: rules.b: 'loud' is not one of error, warning, info, hint, off",
    ]);
    assert.match(parseProjectConfig('rules: [\n', 'f').problems[0] ?? '', /^f: not valid YAML/);
    assert.deepEqual(parseProjectConfig('', 'f').rules, {});
  });

  it('is checked as a file of its own: its schema finds exactly what its reader reports', () => {
    // (Rule ids here are real ones: an id no rule has is config-unknown-rule's, which the reader does not check.)
    const texts = [
      '',
      'rules:\n  unknown-key: warning\n  yaml-warning: off\n  job-timeout-missing: false\n',
      'runner-labels: [gpu, windows-gpu]\n',
      'rule:\n  unknown-key: error\n',
      'rules:\n  unknown-key: loud\n  yaml-warning: warn\n',
      'rules: [unknown-key]\n',
      'rules:\n',
      'runner-labels: gpu\n',
      '- rules\n',
    ];
    for (const text of texts) {
      const { kind, findings } = checkText({ path: '/r/.preflight.yml', text });
      assert.equal(kind, 'preflight-config');
      assert.equal(
        findings.length,
        parseProjectConfig(text, 'f').problems.length,
        `${JSON.stringify(text)}: ${findings.map((f) => f.message).join('; ')}`,
      );
    }
  });

  it('completes and explains its keys and severities, as every kind with a schema does', () => {
    const text = 'rules:\n  unknown-key: \nrunner-labels: [gpu]\n';
    const labels = (line: number, character: number): string[] =>
      completeAt({ text, kind: 'preflight-config' }, { line, character }).map((c) => c.label);
    assert.deepEqual(
      completeAt({ text: '\n', kind: 'preflight-config' }, { line: 0, character: 0 }).map((c) => c.label),
      ['rules', 'runner-labels'],
    );
    assert.deepEqual(labels(1, 15), ['error', 'warning', 'info', 'hint', 'off', 'false']);
    assert.match(
      hoverAt({ text, kind: 'preflight-config' }, { line: 0, character: 2 })?.markdown ?? '',
      /^\*\*rules\*\*\n\nSeverity per rule id/,
    );
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
