// pyflakes on Python `run:` scripts, with the real Debian pyflakes3 (.ci/run installs it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExternal, findPyflakes } from '../../server/src/engine/checkExternal';
import type { Finding } from '../../server/src/engine/findings';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const pyflakes = findPyflakes();

async function lint(text: string): Promise<Finding[]> {
  return checkExternal('github-workflow', parseYaml(text), { pyflakesPath: pyflakes });
}

function brief(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character} ${f.severity} ${f.message}`,
  );
}

describe('pyflakes on Python run: scripts', () => {
  it('is installed (apt-get install pyflakes3)', () => {
    assert.ok(pyflakes, 'pyflakes is not on PATH: install it with apt-get install pyflakes3');
  });

  it('finds Python steps by step, job and workflow shell, and grades findings by what they do to the step', async () => {
    const findings = await lint(`on: push
defaults:
  run:
    shell: python
jobs:
  workflow-default:
    runs-on: ubuntu-latest
    steps:
      - run: print(undefined_name)
  job-default:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: python3 -u {0}
    steps:
      - run: |
          import os
          from time import sleep
          print('\${{ runner.os }}', \${{ matrix.n }})
          if 1 is 1:
              pass
      - run: print(
      - run: print($HOME)
        shell: bash
`);
    assert.deepEqual(brief(findings), [
      "8:19-33 error pyflakes: undefined name 'undefined_name'",
      "16:10-19 info pyflakes: 'os' imported but unused",
      "17:10-32 info pyflakes: 'time.sleep' imported but unused",
      '19:13-20 warning pyflakes: use ==/!= to compare constant literals (str, bytes, int, float, tuple)',
      "21:18-19 error pyflakes: '(' was never closed",
    ]);
  });

  it('can be turned off by severity settings', async () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: print(x)\n        shell: python\n';
    assert.equal((await lint(text)).length, 1);
    assert.deepEqual(
      await checkExternal('github-workflow', parseYaml(text), {
        pyflakesPath: pyflakes,
        severities: { pyflakes: 'off' },
      }),
      [],
    );
  });
});
