// The checks that need an external tool or a model run (shellcheck and pyflakes on `run:` scripts, the MLmodel
// fairness gate), as the language server runs them: for an open document after typing pauses, and for every file of a
// workspace listing, so the panel's counts are those of `preflight check` on the same files (which runs them too).
// They never run in an untrusted workspace (the tools would read its scripts, the gate would run its model), and
// shellcheck not when the user turned it off.
import type { PreflightSettings } from '../../../protocol/settings';
import { FILE_NOT_CHECKED, type CheckResult } from '../engine/check';
import { checkExternal, findPyflakes, findShellcheck, type ExternalTools } from '../engine/checkExternal';
import { compareFindings, type Finding } from '../engine/findings';
import type { FileKind } from '../engine/kinds';
import type { ParsedYaml } from '../engine/yaml/parsedYaml';
import type { CheckWorker } from './checkInWorker';

export interface ExternalCheckFile {
  readonly path: string;
  readonly text: string;
  readonly kind: FileKind;
  readonly settings: PreflightSettings;
  /** The parse of `text`, for the checks that run on this thread (the fairness gate). */
  readonly yaml: () => ParsedYaml;
}

export class ExternalChecks {
  constructor(
    private readonly checker: CheckWorker,
    private readonly trusted: () => boolean,
  ) {}

  /** Whether a file with these findings gets external checks at all. */
  applies(file: Pick<ExternalCheckFile, 'settings'>, result: CheckResult): boolean {
    return file.settings.enable && this.trusted() && !result.findings.some((f) => f.rule === FILE_NOT_CHECKED);
  }

  /** The script linters this file may use here; undefined ones are not run. */
  tools(settings: PreflightSettings): ExternalTools {
    return this.trusted()
      ? { shellcheck: settings.shellcheck ? findShellcheck() : undefined, pyflakes: findPyflakes() }
      : {};
  }

  /** The external findings of one file (none where they do not apply). */
  async findings(file: ExternalCheckFile): Promise<readonly Finding[]> {
    if (file.kind === 'github-workflow' || file.kind === 'github-action') {
      const tools = this.tools(file.settings);
      if (tools.shellcheck === undefined && tools.pyflakes === undefined) return [];
      // In the worker: on a large workflow the parse and the scripts' files take seconds.
      const outcome = await this.checker.scripts({
        path: file.path,
        text: file.text,
        kind: file.kind,
        severities: file.settings.rules,
        tools,
      });
      return outcome.ok ? outcome.result.findings : [];
    }
    // The MLmodel fairness gate runs the user's model with onnxruntime, loaded on this thread only; MLmodel files are small.
    if (file.kind === 'mlflow-model')
      return checkExternal(file.kind, file.yaml(), { severities: file.settings.rules, path: file.path });
    return [];
  }

  /** `result` with the file's external findings added, as `preflight check` reports the file. */
  async complete(file: ExternalCheckFile, result: CheckResult): Promise<CheckResult> {
    if (!this.applies(file, result)) return result;
    const extra = await this.findings(file);
    return extra.length === 0 ? result : { ...result, findings: [...result.findings, ...extra].sort(compareFindings) };
  }
}
