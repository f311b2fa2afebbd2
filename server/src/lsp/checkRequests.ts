// What crosses between the language server and its check worker (checkWorker.ts): plain data only, copied by structured
// clone. A request carries everything the check reads besides the disk (text, kind, settings); findings come back as
// the engine makes them (ranges, messages, fixes: no functions, no class instances, no parse trees).
import type { RuleSeverity } from '../../../protocol/settings';
import { checkText, failureReason, type CheckResult } from '../engine/check';
import { checkExternal, type ExternalTools } from '../engine/checkExternal';
import { parseFile, type FileKind } from '../engine/kinds';
import type { ParseUse } from '../engine/yaml/parsedYaml';

export interface CheckRequest {
  readonly path: string;
  readonly text: string;
  readonly kind: FileKind;
  readonly severities: Readonly<Record<string, RuleSeverity>>;
  readonly runnerLabels: readonly string[];
  readonly maxFileBytes: number;
  /** `edited` for an open document (the worker keeps its segments for the next version), `once` for a file on disk. */
  readonly parseUse: ParseUse;
}

/** A check that ran, or why it could not: the caller turns the reason into a finding on the file. */
export type CheckOutcome =
  { readonly ok: true; readonly result: CheckResult } | { readonly ok: false; readonly reason: string };

/**
 * The linters of `run:` scripts (shellcheck, pyflakes) on a workflow or a composite action: the parse and the scripts'
 * temporary files cost seconds on a large file too.
 */
export interface ScriptLintRequest {
  readonly path: string;
  readonly text: string;
  readonly kind: 'github-workflow' | 'github-action';
  readonly severities: Readonly<Record<string, RuleSeverity>>;
  readonly tools: ExternalTools;
}

export type CheckWorkerRequest =
  | { readonly id: number; readonly type: 'check'; readonly request: CheckRequest }
  | { readonly id: number; readonly type: 'scripts'; readonly request: ScriptLintRequest };

export interface CheckWorkerReply {
  readonly id: number;
  readonly outcome: CheckOutcome;
}

/** The check itself, the same in the worker and in the server's own thread (the fallback when no worker can start). */
export function runCheck(request: CheckRequest): CheckOutcome {
  try {
    const result = checkText(
      { path: request.path, text: request.text, kind: request.kind, parseUse: request.parseUse },
      { severities: request.severities, runnerLabels: request.runnerLabels, maxFileBytes: request.maxFileBytes },
    );
    return { ok: true, result };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}

/** The script linters' findings, as checkExternal makes them (the file's suppressions and severities applied). */
export async function runScriptLinters(request: ScriptLintRequest): Promise<CheckOutcome> {
  try {
    // The same text was just parsed by the check in this thread: its segments are cached.
    const yaml = parseFile(request.kind, request.text);
    const findings = await checkExternal(request.kind, yaml, {
      severities: request.severities,
      shellcheckPath: request.tools.shellcheck,
      pyflakesPath: request.tools.pyflakes,
      path: request.path,
    });
    return { ok: true, result: { kind: request.kind, findings } };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}
