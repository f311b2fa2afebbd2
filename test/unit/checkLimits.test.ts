// checkText on files it cannot check: over the size limit, or a failure the engine did not expect; each gives one
// finding on the file that says why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, failureReason, notCheckedFinding } from '../../server/src/engine/check';

const PATH = '/r/.github/workflows/ci.yml';

describe('checks that cannot run', () => {
  it('gives a file over the limit one finding naming its size, the limit and the setting', () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      X: "${'x'.repeat(3 * 1024 * 1024)}"\n`;
    const result = checkText({ path: PATH, text }, { maxFileBytes: 2 * 1024 * 1024 });
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0]?.rule, 'file-not-checked');
    assert.match(result.findings[0]?.message ?? '', /it is 3\.0 MB, over the 2\.0 MB limit.*preflight\.maxFileSizeMB/);
  });

  it('counts UTF-8 bytes, not characters, and checks a file under the limit as usual', () => {
    const text = `on: push\nconcurency: x\njobs: {}\n# ${'é'.repeat(600)}\n`; // 1,200 bytes of comment in 600 characters
    assert.equal(checkText({ path: PATH, text }, { maxFileBytes: 1000 }).findings[0]?.rule, 'file-not-checked');
    assert.ok(checkText({ path: PATH, text }, { maxFileBytes: 2000 }).findings.some((f) => f.rule === 'unknown-key'));
  });

  it('says a stack overflow means the file is nested too deeply', () => {
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (error) {
      overflow = error;
    }
    assert.match(failureReason(overflow), /^it is nested too deeply to be read \(Maximum call stack size exceeded\)$/);
    assert.equal(failureReason(new Error('disk on fire')), 'disk on fire');
    assert.equal(notCheckedFinding('disk on fire').message, 'This file could not be checked: disk on fire.');
  });
});
