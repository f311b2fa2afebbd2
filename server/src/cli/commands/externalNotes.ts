// What `check` says about its external linters on stderr: scripts a linter could not check (their findings are
// missing, so the run must not pass as clean) and linters that are not installed (said once, not an error).
import type { ExternalReport } from '../../engine/checkExternal';

/** How each linter is installed on Debian, for the note when it is missing. */
const INSTALL = { shellcheck: 'apt-get install shellcheck', pyflakes: 'apt-get install pyflakes3' } as const;

export interface ExternalNotes {
  readonly lines: readonly string[];
  /** Some scripts were not checked although their linter is installed: the result is incomplete. */
  readonly incomplete: boolean;
}

/**
 * @param paths display path of each input file, as in the report
 * @param disabled linters the user turned off (`--no-shellcheck`): their absence is no news
 */
export function externalNotes(
  report: ExternalReport,
  paths: readonly string[],
  disabled: ReadonlySet<'shellcheck' | 'pyflakes'>,
): ExternalNotes {
  const lines = report.unchecked.map(
    (u) =>
      `${paths[u.file] ?? '?'}:${u.range.start.line + 1}: ${u.tool} could not check this script (${u.reason}); its findings are missing`,
  );
  for (const tool of ['shellcheck', 'pyflakes'] as const) {
    const count = report.withoutTool[tool];
    if (count > 0 && !disabled.has(tool)) {
      lines.push(
        `${tool} is not installed: ${count} run: script${count === 1 ? ' was' : 's were'} not checked with it (${INSTALL[tool]})`,
      );
    }
  }
  return { lines, incomplete: report.unchecked.length > 0 };
}
