// Checks that need an external tool (shellcheck). Asynchronous and slower than checkText, so the editor publishes
// checkText's findings at once and adds these when they arrive; the CLI awaits both.
import { execFileSync } from 'node:child_process';
import type { RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding } from './findings';
import type { FileKind } from './kinds';
import { shellcheckRule } from './rules/workflow/shellcheckRule';
import { shellcheckFindingsForMany } from './scripts/shellcheck';
import { collectSuppressions, isSuppressed } from './suppressions';
import type { ParsedYaml } from './yaml/parsedYaml';

export interface ExternalCheckOptions {
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  /** Path of the shellcheck executable; undefined skips it. */
  readonly shellcheckPath?: string | undefined;
}

export interface ExternalCheckInput {
  readonly kind: FileKind | undefined;
  readonly yaml: ParsedYaml;
  readonly severities?: Readonly<Record<string, RuleSeverity>> | undefined;
}

/** External findings for many files, batched into as few tool processes as possible. Result i belongs to input i. */
export async function checkExternalMany(inputs: readonly ExternalCheckInput[], shellcheckPath: string | undefined): Promise<Finding[][]> {
  const results: Finding[][] = inputs.map(() => []);
  if (shellcheckPath === undefined) return results;
  const wanted = inputs.map((input, i) => ({ input, i })).filter(({ input }) => input.kind === 'github-workflow' && input.severities?.[shellcheckRule.id] !== 'off');
  try {
    const produced = await shellcheckFindingsForMany(wanted.map((w) => w.input.yaml), shellcheckPath);
    wanted.forEach(({ input, i }, k) => {
      const configured = input.severities?.[shellcheckRule.id];
      const suppressions = collectSuppressions(input.yaml.lines);
      results[i] = (produced[k] ?? [])
        .map((f): Finding => ({ ...f, rule: shellcheckRule.id, severity: configured !== undefined && configured !== 'off' ? configured : (f.severity ?? shellcheckRule.defaultSeverity) }))
        .filter((f) => !isSuppressed(f, suppressions))
        .sort(compareFindings);
    });
  } catch {
    // an external tool failing must not cost the user the other findings
  }
  return results;
}

export async function checkExternal(kind: FileKind | undefined, yaml: ParsedYaml, options: ExternalCheckOptions): Promise<Finding[]> {
  return (await checkExternalMany([{ kind, yaml, severities: options.severities }], options.shellcheckPath))[0] ?? [];
}

let cachedShellcheck: string | null | undefined;

/** shellcheck on PATH, looked up once. */
export function findShellcheck(): string | undefined {
  if (cachedShellcheck === undefined) {
    try {
      execFileSync('shellcheck', ['--version'], { stdio: 'ignore', timeout: 3000 });
      cachedShellcheck = 'shellcheck';
    } catch {
      cachedShellcheck = null;
    }
  }
  return cachedShellcheck ?? undefined;
}
