// `run:` scripts linted by shellcheck (Debian's package) when it is installed, the way actionlint does, with findings
// mapped back to YAML lines. Runs as a child process with a time limit; absent or failing shellcheck yields nothing.
import { execFile } from 'node:child_process';
import type { RuleFinding, Severity } from '../findings';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { runScripts } from './runScripts';

/**
 * Codes that misfire on workflow scripts: variables come from `env:` blocks shellcheck cannot see (2154, 2153), masked
 * `${{ }}` placeholders look like constants (2050, 2157, 2194), sourced files are not on disk (1090, 1091), and
 * variables written for later steps look unused (2034).
 */
const EXCLUDED = ['SC1090', 'SC1091', 'SC2034', 'SC2050', 'SC2153', 'SC2154', 'SC2157', 'SC2194'];
const TIMEOUT_MS = 5_000;

interface ShellcheckComment {
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  readonly level: 'error' | 'warning' | 'info' | 'style';
  readonly code: number;
  readonly message: string;
}

const LEVEL: Record<ShellcheckComment['level'], Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

function runShellcheck(executable: string, script: string, shell: string): Promise<ShellcheckComment[]> {
  return new Promise((resolve) => {
    // shellcheck exits 1 when it has findings, so the exit status says nothing; only unparsable output means failure.
    const child = execFile(executable, ['--format=json1', `--shell=${shell}`, `--exclude=${EXCLUDED.join(',')}`, '-'], { timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (_error, stdout) => {
      try {
        const parsed = JSON.parse(stdout) as { comments?: ShellcheckComment[] };
        resolve(parsed.comments ?? []);
      } catch {
        resolve([]);
      }
    });
    child.stdin?.end(script);
  });
}

export async function shellcheckFindings(yaml: ParsedYaml, executable: string): Promise<RuleFinding[]> {
  const findings: RuleFinding[] = [];
  for (const script of runScripts(yaml)) {
    for (const c of await runShellcheck(executable, script.script, script.shell)) {
      findings.push({
        message: `SC${c.code}: ${c.message}`,
        range: script.toFileRange(c.line - 1, c.column - 1, c.endLine - 1, c.endColumn - 1),
        severity: LEVEL[c.level],
      });
    }
  }
  return findings;
}
