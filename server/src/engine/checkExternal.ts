// Checks that need an external tool (shellcheck) or a model run (the MLmodel fairness gate). Asynchronous and slower
// than checkText, so the editor publishes checkText's findings at once and adds these when they arrive; the CLI awaits
// both.
import { execFileSync } from 'node:child_process';
import type { RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding, type RuleFinding } from './findings';
import type { FileKind } from './kinds';
import { fairnessFindings } from './model/report/fairnessFindings';
import { modelFairnessRule } from './rules/mlflow/modelFairnessRule';
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
  /** The file's path: the fairness gate resolves the model and data next to it. */
  readonly path?: string;
  readonly yaml: ParsedYaml;
  readonly severities?: Readonly<Record<string, RuleSeverity>> | undefined;
}

/** Applies the configured severity and the file's suppressions to one rule's external findings. */
function finish(input: ExternalCheckInput, rule: { readonly id: string; readonly defaultSeverity: Finding['severity'] }, produced: readonly RuleFinding[]): Finding[] {
  const configured = input.severities?.[rule.id];
  const suppressions = collectSuppressions(input.yaml.lines);
  return produced
    .map((f): Finding => ({ ...f, rule: rule.id, severity: configured !== undefined && configured !== 'off' ? configured : (f.severity ?? rule.defaultSeverity) }))
    .filter((f) => !isSuppressed(f, suppressions));
}

async function fairnessForMany(inputs: readonly ExternalCheckInput[], results: Finding[][]): Promise<void> {
  await Promise.all(inputs.map(async (input, i) => {
    if (input.kind !== 'mlflow-model' || input.path === undefined || input.severities?.[modelFairnessRule.id] === 'off') return;
    try {
      results[i] = [...(results[i] ?? []), ...finish(input, modelFairnessRule, await fairnessFindings(input.path, input.yaml))].sort(compareFindings);
    } catch {
      // a model that cannot run is reported by fairnessFindings itself; anything else must not cost the other findings
    }
  }));
}

/** External findings for many files, batched into as few tool processes as possible. Result i belongs to input i. */
export async function checkExternalMany(inputs: readonly ExternalCheckInput[], shellcheckPath: string | undefined): Promise<Finding[][]> {
  const results: Finding[][] = inputs.map(() => []);
  await Promise.all([shellcheckForMany(inputs, shellcheckPath, results), fairnessForMany(inputs, results)]);
  return results;
}

async function shellcheckForMany(inputs: readonly ExternalCheckInput[], shellcheckPath: string | undefined, results: Finding[][]): Promise<void> {
  if (shellcheckPath === undefined) return;
  const wanted = inputs.map((input, i) => ({ input, i })).filter(({ input }) => input.kind === 'github-workflow' && input.severities?.[shellcheckRule.id] !== 'off');
  try {
    const produced = await shellcheckFindingsForMany(wanted.map((w) => w.input.yaml), shellcheckPath);
    wanted.forEach(({ input, i }, k) => {
      results[i] = [...(results[i] ?? []), ...finish(input, shellcheckRule, produced[k] ?? [])].sort(compareFindings);
    });
  } catch {
    // an external tool failing must not cost the user the other findings
  }
}

export async function checkExternal(kind: FileKind | undefined, yaml: ParsedYaml, options: ExternalCheckOptions & { readonly path?: string }): Promise<Finding[]> {
  return (await checkExternalMany([{ kind, yaml, severities: options.severities, ...(options.path === undefined ? {} : { path: options.path }) }], options.shellcheckPath))[0] ?? [];
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
