// Checks that need an external tool (shellcheck). Asynchronous and slower than checkText, so the editor publishes
// checkText's findings at once and adds these when they arrive; the CLI awaits both.
import { execFileSync } from 'node:child_process';
import type { RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding } from './findings';
import type { FileKind } from './kinds';
import { shellcheckRule } from './rules/workflow/shellcheckRule';
import { shellcheckFindings } from './scripts/shellcheck';
import { collectSuppressions, isSuppressed } from './suppressions';
import type { ParsedYaml } from './yaml/parsedYaml';

export interface ExternalCheckOptions {
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  /** Path of the shellcheck executable; undefined skips it. */
  readonly shellcheckPath?: string | undefined;
}

export async function checkExternal(kind: FileKind | undefined, yaml: ParsedYaml, options: ExternalCheckOptions): Promise<Finding[]> {
  if (kind !== 'github-workflow' || options.shellcheckPath === undefined) return [];
  const configured = options.severities?.[shellcheckRule.id];
  if (configured === 'off') return [];
  const suppressions = collectSuppressions(yaml.lines);
  try {
    const produced = await shellcheckFindings(yaml, options.shellcheckPath);
    return produced
      .map((f): Finding => ({ ...f, rule: shellcheckRule.id, severity: configured ?? f.severity ?? shellcheckRule.defaultSeverity }))
      .filter((f) => !isSuppressed(f, suppressions))
      .sort(compareFindings);
  } catch {
    return []; // an external tool failing must not cost the user the other findings
  }
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
