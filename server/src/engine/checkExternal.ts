// Checks that need an external tool (shellcheck, pyflakes) or a model run (the MLmodel fairness gate). Asynchronous and
// slower than checkText, so the editor publishes checkText's findings at once and adds these when they arrive; the CLI
// awaits both. A tool that could not check a script is reported (`unchecked`), never passed over in silence.
import { execFileSync, spawn } from 'node:child_process';
import type { RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding, type Range, type RuleFinding } from './findings';
import type { FileKind } from './kinds';
import { modelFairnessRule } from './rules/mlflow/modelFairnessRule';
import { appliesTo, type Rule } from './rules/rule';
import { pyflakesRule } from './rules/workflow/pyflakesRule';
import { shellcheckRule } from './rules/workflow/shellcheckRule';
import { pyflakesReport } from './scripts/pyflakes';
import { scriptsOf, type ScriptLintReport } from './scripts/scriptFindings';
import type { LintedShell } from './scripts/scriptShell';
import { shellcheckReport } from './scripts/shellcheck';
import { collectSuppressions, isSuppressed } from './suppressions';
import type { ParsedYaml } from './yaml/parsedYaml';

/** Executables of the script linters; an undefined one is not run. */
export interface ExternalTools {
  readonly shellcheck?: string | undefined;
  readonly pyflakes?: string | undefined;
}

export interface ExternalCheckOptions {
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  /** Path of the shellcheck executable; undefined skips it. */
  readonly shellcheckPath?: string | undefined;
  /** Path of the pyflakes executable; undefined skips it. */
  readonly pyflakesPath?: string | undefined;
}

export interface ExternalCheckInput {
  readonly kind: FileKind | undefined;
  /** The file's path: the fairness gate resolves the model and data next to it. */
  readonly path?: string;
  readonly yaml: ParsedYaml;
  readonly severities?: Readonly<Record<string, RuleSeverity>> | undefined;
}

/** A script a linter could not check, so its findings are missing. */
export interface UncheckedScript {
  /** Index of the input file. */
  readonly file: number;
  readonly range: Range;
  readonly tool: 'shellcheck' | 'pyflakes';
  readonly reason: string;
}

export interface ExternalReport {
  /** Result i belongs to input i. */
  readonly findings: Finding[][];
  readonly unchecked: readonly UncheckedScript[];
  /** Scripts left unchecked because the linter is not installed (its path was undefined), per linter. */
  readonly withoutTool: { readonly shellcheck: number; readonly pyflakes: number };
}

/** Applies the configured severity and the file's suppressions to one rule's external findings. */
function finish(
  input: ExternalCheckInput,
  rule: { readonly id: string; readonly defaultSeverity: Finding['severity'] },
  produced: readonly RuleFinding[],
): Finding[] {
  const configured = input.severities?.[rule.id];
  const suppressions = collectSuppressions(input.yaml.lines);
  return produced
    .map((f): Finding => ({
      ...f,
      rule: rule.id,
      severity: configured !== undefined && configured !== 'off' ? configured : (f.severity ?? rule.defaultSeverity),
    }))
    .filter((f) => !isSuppressed(f, suppressions));
}

function add(results: Finding[][], i: number, findings: readonly Finding[]): void {
  if (findings.length > 0) results[i] = [...(results[i] ?? []), ...findings].sort(compareFindings);
}

async function fairnessForMany(inputs: readonly ExternalCheckInput[], results: Finding[][]): Promise<void> {
  const wanted = (input: ExternalCheckInput): input is ExternalCheckInput & { path: string } =>
    input.kind === 'mlflow-model' && input.path !== undefined && input.severities?.[modelFairnessRule.id] !== 'off';
  if (!inputs.some(wanted)) return;
  // Loaded only when an MLmodel is checked: the model runtime and its readers were a tenth of every check's start-up.
  const { fairnessFindings } = await import('./model/report/fairnessFindings.js');
  await Promise.all(
    inputs.map(async (input, i) => {
      if (!wanted(input)) return;
      try {
        add(results, i, finish(input, modelFairnessRule, await fairnessFindings(input.path, input.yaml)));
      } catch {
        // a model that cannot run is reported by fairnessFindings itself; anything else must not cost the other findings
      }
    }),
  );
}

interface ScriptLinterUse {
  readonly rule: Rule;
  readonly tool: 'shellcheck' | 'pyflakes';
  readonly shells: readonly LintedShell[];
  readonly report: (
    files: readonly { yaml: ParsedYaml; kind: FileKind | undefined }[],
    executable: string,
  ) => Promise<ScriptLintReport>;
}

const SCRIPT_LINTERS: readonly ScriptLinterUse[] = [
  { rule: shellcheckRule, tool: 'shellcheck', shells: ['bash', 'sh'], report: shellcheckReport },
  { rule: pyflakesRule, tool: 'pyflakes', shells: ['python'], report: pyflakesReport },
];

/** One linter over the scripts of every input it applies to. Returns how many scripts went unchecked for lack of it. */
async function lintForMany(
  use: ScriptLinterUse,
  executable: string | undefined,
  inputs: readonly ExternalCheckInput[],
  results: Finding[][],
  unchecked: UncheckedScript[],
): Promise<number> {
  const wanted = inputs
    .map((input, i) => ({ input, i }))
    .filter(
      ({ input }) =>
        input.kind !== undefined && appliesTo(use.rule, input.kind) && input.severities?.[use.rule.id] !== 'off',
    );
  const files = wanted.map(({ input }) => ({ yaml: input.yaml, kind: input.kind }));
  if (executable === undefined) return scriptsOf(files, use.shells).length;
  try {
    const report = await use.report(files, executable);
    wanted.forEach(({ input, i }, k) => {
      add(results, i, finish(input, use.rule, report.findings[k] ?? []));
      for (const u of report.unchecked[k] ?? [])
        unchecked.push({ file: i, range: u.range, tool: use.tool, reason: u.reason });
    });
  } catch (error) {
    // Writing the scripts out or starting the tool failed: every script of these files is unchecked, and we say so.
    const reason = error instanceof Error ? error.message : String(error);
    wanted.forEach(({ i }, k) => {
      const file = files[k];
      if (!file) return;
      for (const { script } of scriptsOf([file], use.shells))
        unchecked.push({ file: i, range: script.toFileRange(0, 0, 0, 0), tool: use.tool, reason });
    });
  }
  return 0;
}

/** External findings for many files, batched into as few tool processes as the cores allow. */
export async function checkExternalReport(
  inputs: readonly ExternalCheckInput[],
  tools: ExternalTools,
): Promise<ExternalReport> {
  const results: Finding[][] = inputs.map(() => []);
  const unchecked: UncheckedScript[] = [];
  const withoutTool = { shellcheck: 0, pyflakes: 0 };
  // One linter at a time: each already keeps every core busy.
  for (const use of SCRIPT_LINTERS)
    withoutTool[use.tool] = await lintForMany(use, tools[use.tool], inputs, results, unchecked);
  await fairnessForMany(inputs, results);
  unchecked.sort((a, b) => a.file - b.file || a.range.start.line - b.range.start.line || a.tool.localeCompare(b.tool));
  return { findings: results, unchecked, withoutTool };
}

/** External findings for one file (the editor's use). */
export async function checkExternal(
  kind: FileKind | undefined,
  yaml: ParsedYaml,
  options: ExternalCheckOptions & { readonly path?: string },
): Promise<Finding[]> {
  const input = {
    kind,
    yaml,
    severities: options.severities,
    ...(options.path === undefined ? {} : { path: options.path }),
  };
  return (
    (await checkExternalReport([input], { shellcheck: options.shellcheckPath, pyflakes: options.pyflakesPath }))
      .findings[0] ?? []
  );
}

const found = new Map<string, string | null>();

/** An executable on PATH that answers `--version`, looked up once. */
function findExecutable(name: string): string | undefined {
  if (!found.has(name)) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore', timeout: 10_000 });
      found.set(name, name);
    } catch {
      found.set(name, null);
    }
  }
  return found.get(name) ?? undefined;
}

/** shellcheck on PATH (Debian: `apt-get install shellcheck`). */
export function findShellcheck(): string | undefined {
  return findExecutable('shellcheck');
}

/** pyflakes on PATH: Debian's `pyflakes3` (`apt-get install pyflakes3`), else a pip-installed `pyflakes`. */
export function findPyflakes(): string | undefined {
  return findExecutable('pyflakes3') ?? findExecutable('pyflakes');
}

const probes = new Map<string, Promise<string | undefined>>();

/**
 * findExecutable without blocking: the same test (`--version` answers with success within 10 s) and the same cache, so
 * a command can look for its linters while it checks the files (starting Python for `pyflakes3 --version` costs about
 * as much as checking a hundred workflows).
 */
function probeExecutable(name: string): Promise<string | undefined> {
  if (found.has(name)) return Promise.resolve(found.get(name) ?? undefined);
  let probe = probes.get(name);
  if (!probe) {
    probe = new Promise<boolean>((resolve) => {
      const child = spawn(name, ['--version'], { stdio: 'ignore', timeout: 10_000 });
      child.on('error', () => {
        resolve(false);
      });
      child.on('exit', (code) => {
        resolve(code === 0);
      });
    }).then((ok) => {
      found.set(name, ok ? name : null);
      return ok ? name : undefined;
    });
    probes.set(name, probe);
  }
  return probe;
}

/** findShellcheck, answered by a promise: start it, do other work, await it when the scripts are linted. */
export function findShellcheckSoon(): Promise<string | undefined> {
  return probeExecutable('shellcheck');
}

/** findPyflakes, answered by a promise. */
export async function findPyflakesSoon(): Promise<string | undefined> {
  return (await probeExecutable('pyflakes3')) ?? probeExecutable('pyflakes');
}
