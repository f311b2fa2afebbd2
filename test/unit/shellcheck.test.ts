// shellcheck on `run:` scripts, with the real Debian shellcheck (.ci/run installs it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExternal, findShellcheck } from '../../server/src/engine/checkExternal';
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

describe('shellcheck on run: scripts', () => {
  const shellcheck = findShellcheck();

  it('is installed (apt-get install shellcheck)', () => {
    assert.ok(shellcheck, 'shellcheck is not on PATH: install it with apt-get install shellcheck');
  });

  it('maps findings to YAML lines and columns, masks expressions, skips other shells and honours suppressions', async () => {
    const findings = await checkExternal('github-workflow', parseYaml(WORKFLOW), { shellcheckPath: shellcheck });
    const brief = findings.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.message.slice(0, 7)} ${f.severity}`);
    // Line 6 is `          cd $TARGET_DIR`: $TARGET_DIR starts at column 13. Line 9 is the plain `rm -rf $BUILD_DIR/*`.
    assert.ok(brief.includes('6:13 SC2086: info'), brief.join('\n'));
    assert.ok(brief.some((b) => b.startsWith('9:') && b.includes('SC2115')), brief.join('\n'));
    assert.ok(findings.every((f) => f.range.start.line !== 7 && f.range.start.line !== 8), 'masked ${{ }} must not trigger findings');
    assert.ok(findings.every((f) => f.range.start.line < 10), 'pwsh, suppressed and Windows steps are skipped');
    assert.ok(findings.every((f) => f.rule === 'shellcheck'));
  });

  it('can be turned off by severity settings', async () => {
    assert.deepEqual(await checkExternal('github-workflow', parseYaml(WORKFLOW), { shellcheckPath: shellcheck, severities: { shellcheck: 'off' } }), []);
  });
});
