// shellcheck on `run:` scripts, with the real Debian shellcheck (.ci/run installs it): which scripts are linted as what,
// how `${{ }}` is masked, severities, composite actions, and the same findings on every run of many files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExternal, checkExternalReport, findShellcheck } from '../../server/src/engine/checkExternal';
import type { Finding } from '../../server/src/engine/findings';
import { parseFile } from '../../server/src/engine/kinds';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

const WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          cd $TARGET_DIR
          echo "\${{ github.sha }}" > sha.txt
          [ -n "\${{ inputs.flag }}" ] && echo flagged
      - run: rm -rf $BUILD_DIR/*
      - shell: pwsh
        run: Write-Host $env:FOO
      - run: echo $UNQUOTED # preflight-ignore: shellcheck
  windows:
    runs-on: windows-latest
    steps:
      - run: echo $NOT_BASH
`;

const shellcheck = findShellcheck();

async function lint(text: string, kind: 'github-workflow' | 'github-action' = 'github-workflow'): Promise<Finding[]> {
  return checkExternal(kind, parseFile(kind, text), { shellcheckPath: shellcheck });
}

/** `line:character code severity` for each finding, 0-based lines as in the file. */
function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.message.slice(0, 6)} ${f.severity}`);
}

describe('shellcheck on run: scripts', () => {
  it('is installed (apt-get install shellcheck)', () => {
    assert.ok(shellcheck, 'shellcheck is not on PATH: install it with apt-get install shellcheck');
  });

  it('maps findings to YAML lines and columns, masks expressions, skips other shells and honours suppressions', async () => {
    const findings = await lint(WORKFLOW);
    const lines = brief(findings);
    // Line 9 is the plain `rm -rf $BUILD_DIR/*`; `cd $TARGET_DIR` (line 6) is unquoted: information only.
    assert.ok(lines.includes('6:13 SC2086 info'), lines.join('\n'));
    assert.ok(
      lines.some((b) => b.startsWith('9:') && b.includes('SC2115')),
      lines.join('\n'),
    );
    assert.ok(
      findings.every((f) => f.range.start.line !== 7 && f.range.start.line !== 8),
      'masked ${{ }} must not trigger findings',
    );
    assert.ok(
      findings.every((f) => f.range.start.line < 10),
      'pwsh, suppressed and Windows steps are skipped',
    );
    assert.ok(findings.every((f) => f.rule === 'shellcheck'));
  });

  it('can be turned off by severity settings', async () => {
    assert.deepEqual(
      await checkExternal('github-workflow', parseYaml(WORKFLOW), {
        shellcheckPath: shellcheck,
        severities: { shellcheck: 'off' },
      }),
      [],
    );
  });

  it('takes the shell from the step, then the job and workflow defaults, then the runner', async () => {
    // `$Env:FOO = "FOO"` is PowerShell: as bash it has a parse error (SC2283), so a finding means "linted as bash".
    const findings = await lint(`on: push
defaults:
  run:
    shell: pwsh
jobs:
  workflow-default:
    runs-on: ubuntu-latest
    steps:
      - run: $Env:FOO = "FOO"
  job-default:
    runs-on: windows-latest
    defaults:
      run:
        shell: bash
    steps:
      - run: $Env:FOO = "FOO"
  step-shell:
    runs-on: windows-latest
    steps:
      - run: $Env:FOO = "FOO"
        shell: 'sh -e {0}'
`);
    assert.deepEqual(
      [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.range.start.line))],
      [15, 19],
    );
  });

  it('does not lint as bash when the runner comes from a matrix with a Windows leg, or from another expression', async () => {
    const findings = await lint(`on: push
jobs:
  mixed:
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
    runs-on: \${{ matrix.os }}
    steps:
      - run: $Env:FOO = "FOO"
  self-hosted-windows:
    strategy:
      matrix:
        include: [{ os: win-2019-16core }]
    runs-on: \${{ matrix.os }}
    steps:
      - run: $Env:FOO = "FOO"
  from-input:
    runs-on: \${{ inputs.runner }}
    steps:
      - run: $Env:FOO = "FOO"
  unix-only:
    strategy:
      matrix:
        os: [ubuntu-latest, macos-latest]
    runs-on: \${{ matrix.os }}
    steps:
      - run: $Env:FOO = "FOO"
`);
    assert.deepEqual([...new Set(findings.map((f) => f.range.start.line))], [26], brief(findings).join('\n'));
  });

  it('reads ${{ }} as an unknown value: no constant-loop, constant-comparison or quoting finding about it', async () => {
    const findings = await lint(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: |
          for x in \${{ github.run_number }}; do
            echo "$x"
          done
          if [[ "\${{ github.ref }}" == "refs/heads/main" ]]; then echo main; fi
          echo \${{ github.sha }} '\${{ github.ref }}'
`);
    assert.deepEqual(brief(findings), []);
  });

  it('keeps errors for what breaks the step and demotes the rest', async () => {
    const findings = await lint(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: |
          for f in $(ls *.txt); do echo "$f"; done
          cd build
      - run: echo "unterminated
      - run: cd build
        shell: bash -l {0}
`);
    const lines = brief(findings);
    assert.ok(lines.includes('6:19 SC2045 warning'), `ls iteration runs as written: a warning\n${lines.join('\n')}`);
    assert.ok(!lines.some((l) => l.startsWith('7:')), 'cd without || exit is moot under bash -e');
    assert.ok(
      lines.some((l) => l.startsWith('8:') && l.endsWith('error')),
      `an unterminated string breaks the step\n${lines.join('\n')}`,
    );
    assert.ok(
      lines.includes('9:13 SC2164 warning'),
      `bash -l {0} does not stop on errors: cd matters\n${lines.join('\n')}`,
    );
    assert.ok(
      findings.every((f) => f.severity !== 'hint'),
      'style notes are information',
    );
  });

  it('lints quoted and folded scripts, pointing into quoted ones exactly and at the end of a script within it', async () => {
    const findings = await lint(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: "echo $A"
      - run: >
          echo "unterminated
      - run: |
          echo "unterminated
`);
    const lines = brief(findings);
    assert.ok(lines.includes('5:19 SC2086 info'), lines.join('\n'));
    assert.ok(
      findings.some((f) => f.range.start.line === 6 && f.severity === 'error'),
      `folded: the value's first line\n${lines.join('\n')}`,
    );
    assert.ok(
      findings.some((f) => f.range.start.line === 9 && f.severity === 'error'),
      lines.join('\n'),
    );
    assert.ok(
      findings.every((f) => f.range.start.line <= 9),
      `nothing past the script's last line\n${lines.join('\n')}`,
    );
  });

  it("lints composite actions' run: steps in their declared shell", async () => {
    const findings = await lint(
      `name: build
description: builds
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "unterminated
    - shell: pwsh
      run: $Env:FOO = "FOO"
`,
      'github-action',
    );
    assert.ok(findings.length > 0 && findings.every((f) => f.range.start.line === 6), brief(findings).join('\n'));
  });

  it('gives the same findings on every run over many files, none lost', async () => {
    // 200 workflows, 3 scripts each, one finding per script: more scripts than one batch, several batches per core.
    const yamls = Array.from({ length: 200 }, (_v, i) =>
      parseYaml(`on: push
jobs:
  j${i}:
    runs-on: ubuntu-latest
    steps:
      - run: echo $A${i}
      - run: |
          cd dir${i}
          ls $B${i}
      - run: for f in $(ls); do echo "$f${i}"; done
`),
    );
    const inputs = yamls.map((yaml) => ({ kind: 'github-workflow' as const, yaml }));
    const first = await checkExternalReport(inputs, { shellcheck });
    const second = await checkExternalReport(inputs, { shellcheck });
    assert.deepEqual(first.unchecked, []);
    assert.equal(first.findings.flat().length, 600);
    assert.ok(first.findings.every((f) => f.length === 3));
    assert.deepEqual(second, first);
  });
});
