// `run:` scripts in bash and sh linted by shellcheck (Debian's package) when it is installed, the way actionlint does,
// with findings mapped back to YAML lines. Severity follows what the finding means for the step: only a script that
// cannot run as written (a parse error, a broken line continuation) is an error.
import path from 'node:path';
import type { RuleFinding, Severity } from '../findings';
import { lintScripts, type BatchOutput, type ScriptLinter } from './lintScripts';
import { containsPlaceholder, withinPlaceholder } from './placeholders';
import type { RunScript } from './runScripts';
import { collect, scriptsOf, type ScriptFile, type ScriptLintReport } from './scriptFindings';
import { runTool } from './toolProcess';

/**
 * Codes that misfire on workflow scripts: variables come from `env:` blocks shellcheck cannot see (2154, 2153), masked
 * `${{ }}` stand-ins look like constants (2050, 2157, 2194), sourced files are not on disk (1090, 1091), and
 * variables written for later steps look unused (2034).
 */
const EXCLUDED = ['SC1090', 'SC1091', 'SC2034', 'SC2050', 'SC2153', 'SC2154', 'SC2157', 'SC2194'];

interface ShellcheckComment {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  readonly level: 'error' | 'warning' | 'info' | 'style';
  readonly code: number;
  readonly message: string;
}

const LEVEL: Record<ShellcheckComment['level'], Severity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'info',
};

/**
 * shellcheck calls these errors, but the script runs as written: `$x[y]` appends `[y]` (SC1087), iterating over `ls`
 * (SC2045) and unquoted array expansions (SC2068) break only on unusual file names or elements. A real risk: warning.
 */
const RUNS_AS_WRITTEN = new Set([1087, 2045, 2068]);
/** `cd dir` without `|| exit` (SC2164): moot when the shell stops at the first failing command, as GitHub's do. */
const CD_WITHOUT_EXIT = 2164;
/** About the `${{ }}` stand-in itself, which is not a shell variable: quoting it (SC2086) or it in single quotes (SC2016). */
const ABOUT_STAND_IN = new Set([2086, 2016]);

/** Each script gets a shebang naming its shell (one process then checks bash and sh alike); its line is not the user's. */
const SHEBANG: Readonly<Record<string, string>> = { bash: '#!/bin/bash\n', sh: '#!/bin/sh\n' };

/** Generous: a batch of 100 scripts takes a few seconds on one core. Only a hung process should ever meet it. */
const TIMEOUT_MS = 120_000;

function shellcheckLinter(executable: string): ScriptLinter<ShellcheckComment> {
  return {
    extension: '.sh',
    async run(files): Promise<BatchOutput<ShellcheckComment>> {
      const output = await runTool(
        executable,
        ['--format=json1', `--exclude=${EXCLUDED.join(',')}`, ...files],
        TIMEOUT_MS,
      );
      if (output.failure !== undefined) return { failure: output.failure };
      // shellcheck exits 1 when it has findings, so the exit status says nothing; unreadable output means failure.
      let parsed: { comments?: ShellcheckComment[] };
      try {
        parsed = JSON.parse(output.stdout) as { comments?: ShellcheckComment[] };
      } catch {
        return {
          failure: `shellcheck gave no readable output${output.stderr.trim() ? `: ${output.stderr.trim().split('\n')[0] ?? ''}` : ''}`,
        };
      }
      const indexOf = new Map(files.map((f, i) => [path.basename(f), i]));
      const comments = new Map<number, ShellcheckComment[]>();
      for (const c of parsed.comments ?? []) {
        const i = indexOf.get(path.basename(c.file));
        if (i === undefined) continue;
        const list = comments.get(i) ?? [];
        list.push(c);
        comments.set(i, list);
      }
      return { comments };
    },
  };
}

function toFinding(c: ShellcheckComment, script: RunScript): RuleFinding | undefined {
  // Lines are 1-based and the first is the shebang; columns are 1-based.
  const line = c.line - 2;
  const endLine = c.endLine - 2;
  const column = c.column - 1;
  const endColumn = c.endColumn - 1;
  if (line < 0) return undefined;
  if (c.code === CD_WITHOUT_EXIT && script.errexit) return undefined;
  if (
    ABOUT_STAND_IN.has(c.code) &&
    (withinPlaceholder(script.placeholders, line, column, endColumn) ||
      (c.code === 2016 && containsPlaceholder(script.placeholders, line, column, endLine, endColumn)))
  )
    return undefined;
  const severity = c.level === 'error' && RUNS_AS_WRITTEN.has(c.code) ? 'warning' : LEVEL[c.level];
  return {
    message: `SC${c.code}: ${c.message}`,
    range: script.toFileRange(line, column, endLine, endColumn),
    severity,
  };
}

/** shellcheck findings for many files at once, in as few processes as the cores allow. */
export async function shellcheckReport(files: readonly ScriptFile[], executable: string): Promise<ScriptLintReport> {
  const scripts = scriptsOf(files, ['bash', 'sh']);
  const results = await lintScripts(
    shellcheckLinter(executable),
    scripts.map(({ script }) => `${SHEBANG[script.shell] ?? ''}${script.script}`),
  );
  return collect(files.length, scripts, results, toFinding);
}
