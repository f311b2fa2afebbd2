// `run:` scripts in Python (`shell: python`, or a command like `python3 -u {0}`) linted by pyflakes (Debian's
// `pyflakes3`) when it is installed, as bash scripts are by shellcheck. Severity follows what the finding means for the
// step: code Python refuses to compile or that raises when it runs (an undefined name) is an error; a likely mistake
// that still runs is a warning; an unused import or variable is information.
import path from 'node:path';
import type { RuleFinding, Severity } from '../findings';
import { lintScripts, type BatchOutput, type ScriptLinter } from './lintScripts';
import { withinPlaceholder } from './placeholders';
import type { RunScript } from './runScripts';
import { collect, scriptsOf, type ScriptFile, type ScriptLintReport } from './scriptFindings';
import { runTool } from './toolProcess';

interface PyflakesComment {
  /** 1-based. */
  readonly line: number;
  /** 1-based; pyflakes leaves it out for some messages. */
  readonly column: number | undefined;
  readonly message: string;
  /** Reported on stderr: Python could not compile the script. */
  readonly syntax: boolean;
}

/** Python refuses to compile these, or they raise when the line runs. */
const BREAKS = [
  /^undefined name '[^']*'$/,
  /^local variable '[^']*' .*referenced before assignment/,
  /outside function$/,
  /outside loop$|not properly in loop$/,
  /^duplicate argument /,
  /^default 'except:' must be last/,
  /starred/,
  /^from __future__ imports must occur/,
  /^future feature .* is not defined/,
  /only allowed at module level$/,
  /^use of >> is invalid with print function/,
];
/** Code that runs but carries something unused or redundant. */
const UNUSED = [
  /imported but unused/,
  /^redefinition of unused /,
  /shadowed by loop variable/,
  /unable to detect undefined names/,
  /is assigned to but never used/,
  /is annotated but never used/,
  /^f-string is missing placeholders/,
];

function severityOf(comment: PyflakesComment): Severity {
  if (comment.syntax || BREAKS.some((p) => p.test(comment.message))) return 'error';
  return UNUSED.some((p) => p.test(comment.message)) ? 'info' : 'warning';
}

/** Generous: only a hung process should ever meet it. */
const TIMEOUT_MS = 120_000;

function pyflakesLinter(executable: string): ScriptLinter<PyflakesComment> {
  return {
    extension: '.py',
    async run(files): Promise<BatchOutput<PyflakesComment>> {
      const output = await runTool(executable, files, TIMEOUT_MS);
      if (output.failure !== undefined) return { failure: output.failure };
      if (output.stderr.includes('Traceback (most recent call last)')) return { failure: `${executable} crashed` };
      const indexOf = new Map(files.map((f, i) => [path.basename(f), i]));
      const comments = new Map<number, PyflakesComment[]>();
      const read = (text: string, syntax: boolean): void => {
        // A syntax error's caret line has no line break, so a report may start mid-line: search, do not anchor.
        for (const m of text.matchAll(/([^\s/\\]+\.py):(\d+):(?:(\d+):)? ([^\n]*)/g)) {
          const i = indexOf.get(m[1] ?? '');
          if (i === undefined) continue;
          const list = comments.get(i) ?? [];
          list.push({
            line: Number(m[2]),
            column: m[3] === undefined ? undefined : Number(m[3]),
            message: m[4] ?? '',
            syntax,
          });
          comments.set(i, list);
        }
      };
      read(output.stdout, false);
      read(output.stderr, true);
      return { comments };
    },
  };
}

function toFinding(c: PyflakesComment, script: RunScript): RuleFinding | undefined {
  const line = c.line - 1;
  const text = script.script.split('\n')[line] ?? '';
  const column = Math.min(Math.max(0, (c.column ?? 1) - 1), text.length);
  const name = /^undefined name '([^']*)'$/.exec(c.message)?.[1];
  const end = name !== undefined && text.startsWith(name, column) ? column + name.length : text.length;
  // An undefined name that is a `${{ }}` stand-in is GitHub's to fill in.
  if (name !== undefined && /^_+$/.test(name) && withinPlaceholder(script.placeholders, line, column, end))
    return undefined;
  return {
    message: `pyflakes: ${c.message}`,
    range: script.toFileRange(line, column, line, Math.max(end, column + 1)),
    severity: severityOf(c),
  };
}

/** pyflakes findings for many files at once, in as few processes as the cores allow. */
export async function pyflakesReport(files: readonly ScriptFile[], executable: string): Promise<ScriptLintReport> {
  const scripts = scriptsOf(files, ['python']);
  const results = await lintScripts(
    pyflakesLinter(executable),
    scripts.map(({ script }) => script.script),
  );
  return collect(files.length, scripts, results, toFinding);
}
