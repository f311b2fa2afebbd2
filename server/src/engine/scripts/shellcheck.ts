// `run:` scripts linted by shellcheck (Debian's package) when it is installed, the way actionlint does, with findings
// mapped back to YAML lines. Runs as a child process with a time limit; absent or failing shellcheck yields nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuleFinding, Severity } from '../findings';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { runScripts } from './runScripts';

/**
 * Codes that misfire on workflow scripts: variables come from `env:` blocks shellcheck cannot see (2154, 2153), masked
 * `${{ }}` placeholders look like constants (2050, 2157, 2194), sourced files are not on disk (1090, 1091), and
 * variables written for later steps look unused (2034).
 */
const EXCLUDED = ['SC1090', 'SC1091', 'SC2034', 'SC2050', 'SC2153', 'SC2154', 'SC2157', 'SC2194'];
const TIMEOUT_MS = 20_000;

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

interface ShellcheckFileComment extends ShellcheckComment {
  readonly file: string;
}

/** One shellcheck process for many scripts (spawning one per script dominated the CLI's time). */
function runShellcheck(executable: string, scripts: readonly string[], shell: string): Promise<ShellcheckFileComment[]> {
  if (scripts.length === 0) return Promise.resolve([]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'preflight-sc-'));
  const files = scripts.map((script, i) => {
    const file = path.join(dir, `${i}.sh`);
    writeFileSync(file, script);
    return file;
  });
  return new Promise((resolve) => {
    // shellcheck exits 1 when it has findings, so the exit status says nothing; only unparsable output means failure.
    execFile(executable, ['--format=json1', `--shell=${shell}`, `--exclude=${EXCLUDED.join(',')}`, ...files], { timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => {
      rmSync(dir, { recursive: true, force: true });
      try {
        const parsed = JSON.parse(stdout) as { comments?: ShellcheckFileComment[] };
        resolve(parsed.comments ?? []);
      } catch {
        resolve([]);
      }
    });
  });
}

/** Scripts per shellcheck process: large enough that start-up cost vanishes, small enough to stay under the time limit. */
const BATCH = 400;

/**
 * shellcheck findings for many parsed workflows at once, in as few processes as possible (the CLI checks hundreds of
 * files; a process per file spent most of its time starting shellcheck). Result i belongs to input i.
 */
export async function shellcheckFindingsForMany(yamls: readonly ParsedYaml[], executable: string): Promise<RuleFinding[][]> {
  const results: RuleFinding[][] = yamls.map(() => []);
  for (const shell of ['bash', 'sh'] as const) {
    const jobs = yamls.flatMap((yaml, owner) => runScripts(yaml).filter((s) => s.shell === shell).map((script) => ({ owner, script })));
    // Spread the scripts over one process per core: shellcheck itself is CPU-bound.
    const size = Math.min(BATCH, Math.max(1, Math.ceil(jobs.length / Math.max(1, os.cpus().length))));
    const batches = [];
    for (let start = 0; start < jobs.length; start += size) batches.push(jobs.slice(start, start + size));
    const outputs = await Promise.all(batches.map((batch) => runShellcheck(executable, batch.map((j) => j.script.script), shell)));
    for (const [b, comments] of outputs.entries()) {
      const batch = batches[b] ?? [];
      for (const c of comments) {
        const job = batch[Number(path.basename(c.file, '.sh'))];
        if (!job) continue;
        results[job.owner]?.push({
          message: `SC${c.code}: ${c.message}`,
          range: job.script.toFileRange(c.line - 1, c.column - 1, c.endLine - 1, c.endColumn - 1),
          severity: LEVEL[c.level],
        });
      }
    }
  }
  return results;
}

export async function shellcheckFindings(yaml: ParsedYaml, executable: string): Promise<RuleFinding[]> {
  return (await shellcheckFindingsForMany([yaml], executable))[0] ?? [];
}
