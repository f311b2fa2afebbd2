// What a script linter (shellcheck, pyflakes) reports over many files: findings per file, and the scripts it could not
// check, so a caller can say that findings are missing instead of passing in silence.
import type { Range, RuleFinding } from '../findings';
import type { FileKind } from '../kinds';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { ScriptResult } from './lintScripts';
import { runScripts, type RunScript } from './runScripts';
import type { LintedShell } from './scriptShell';

export interface ScriptFailure {
  /** Where the script starts in its file. */
  readonly range: Range;
  readonly reason: string;
}

export interface ScriptLintReport {
  /** Result i belongs to input file i. */
  readonly findings: RuleFinding[][];
  readonly unchecked: ScriptFailure[][];
}

export interface ScriptFile {
  readonly yaml: ParsedYaml;
  readonly kind: FileKind | undefined;
}

/** The scripts of the given shells in every file, each with the index of its file. */
export function scriptsOf(
  files: readonly ScriptFile[],
  shells: readonly LintedShell[],
): { owner: number; script: RunScript }[] {
  return files.flatMap((file, owner) =>
    runScripts(file.yaml, file.kind)
      .filter((s) => shells.includes(s.shell))
      .map((script) => ({ owner, script })),
  );
}

/** Files the linter's results back to their files, turning each comment into a finding with `toFinding`. */
export function collect<C>(
  fileCount: number,
  scripts: readonly { owner: number; script: RunScript }[],
  results: readonly ScriptResult<C>[],
  toFinding: (comment: C, script: RunScript) => RuleFinding | undefined,
): ScriptLintReport {
  const findings: RuleFinding[][] = Array.from({ length: fileCount }, () => []);
  const unchecked: ScriptFailure[][] = Array.from({ length: fileCount }, () => []);
  scripts.forEach(({ owner, script }, i) => {
    const result = results[i];
    if (!result) return;
    if ('failure' in result) {
      unchecked[owner]?.push({ range: script.toFileRange(0, 0, 0, 0), reason: result.failure });
      return;
    }
    for (const comment of result.comments) {
      const finding = toFinding(comment, script);
      if (finding) findings[owner]?.push(finding);
    }
  });
  return { findings, unchecked };
}
