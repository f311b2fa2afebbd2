// Checks the files of one `preflight check` run on one thread: the main thread and each worker thread own one
// FileChecker. It keeps each file's parsed YAML after the checks, because the external linters (shellcheck, pyflakes)
// run afterwards over the scripts of the files this thread checked: a parse tree cannot be copied between threads, and
// parsing twice would cost what the threads save.
import { readFileSync } from 'node:fs';
import type { RuleSeverity } from '../../../../protocol/settings';
import { checkOptionsFrom, checkText, failureReason, notCheckedFinding } from '../../engine/check';
import { checkExternalReport, type ExternalTools, type UncheckedScript } from '../../engine/checkExternal';
import { ProjectConfigCache } from '../../engine/config/projectConfig';
import type { Finding } from '../../engine/findings';
import { parseFile, type FileKind } from '../../engine/kinds';
import { kindOfFile } from '../../engine/workspace/discoverPipelineFiles';
import type { ParsedYaml } from '../../engine/yaml/parsedYaml';

/** A file to check, numbered in the order the report lists files. */
export interface CheckTarget {
  readonly index: number;
  readonly absolute: string;
  /** As the report shows it: as given on the command line, or relative to the working directory. */
  readonly display: string;
  /** Named on the command line (not found in a folder): a file we do not handle is then worth a word. */
  readonly explicit: boolean;
}

export interface CheckedFile {
  readonly index: number;
  /** The display path with `/` separators. */
  readonly path: string;
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
}

/** A line for the user about the target with this index. */
export interface Noted {
  readonly index: number;
  readonly text: string;
}

export interface CheckedBatch {
  readonly files: readonly CheckedFile[];
  /** Files named on the command line that are not pipeline files. */
  readonly skipped: readonly Noted[];
  /** Problems in the project configuration files met (each with the first file it applies to), phrased for a person. */
  readonly configProblems: readonly Noted[];
}

/** The external linters' findings for the files one thread checked, by target index. */
export interface ExternalPart {
  readonly findings: readonly (readonly [index: number, findings: readonly Finding[]])[];
  /** `file` is a target index. */
  readonly unchecked: readonly UncheckedScript[];
  readonly withoutTool: { readonly shellcheck: number; readonly pyflakes: number };
}

interface Held {
  readonly index: number;
  readonly path: string;
  readonly kind: FileKind;
  readonly yaml: ParsedYaml;
  readonly severities: Readonly<Record<string, RuleSeverity>>;
}

export class FileChecker {
  private readonly configs = new ProjectConfigCache({ oneRun: true });
  private readonly held: Held[] = [];

  async checkBatch(targets: readonly CheckTarget[]): Promise<CheckedBatch> {
    const files: CheckedFile[] = [];
    const skipped: Noted[] = [];
    const configProblems: Noted[] = [];
    for (const target of targets) {
      const kind = await kindOfFile(target.absolute);
      if (kind === undefined) {
        if (target.explicit) skipped.push({ index: target.index, text: target.display });
        continue;
      }
      const config = await this.configs.forFile(target.absolute);
      for (const problem of config.problems) configProblems.push({ index: target.index, text: problem });
      const path = target.display.split('\\').join('/');
      let text: string;
      try {
        // Synchronously: fs.promises.readFile's several thread-pool round trips per file cost more than the read itself.
        text = readFileSync(target.absolute, 'utf8');
      } catch (error) {
        // An unreadable file (EACCES, removed meanwhile) is that file's finding; the rest of the run goes on.
        files.push({
          index: target.index,
          path,
          kind,
          findings: [notCheckedFinding(`it could not be read (${failureReason(error)})`)],
        });
        continue;
      }
      const parsed = parseFile(kind, text, 'once');
      const result = checkText({ path: target.absolute, text, kind, parsed }, checkOptionsFrom(config));
      files.push({ index: target.index, path, kind, findings: result.findings });
      this.held.push({ index: target.index, path, kind, yaml: parsed, severities: config.rules });
    }
    return { files, skipped, configProblems };
  }

  /** shellcheck, pyflakes and the fairness gate over every file this checker has checked. */
  async external(tools: ExternalTools): Promise<ExternalPart> {
    const held = [...this.held].sort((a, b) => a.index - b.index);
    const report = await checkExternalReport(
      held.map((h) => ({ kind: h.kind, path: h.path, yaml: h.yaml, severities: h.severities })),
      tools,
    );
    const indexAt = (i: number): number => held[i]?.index ?? -1;
    return {
      findings: report.findings.flatMap((found, i) => (found.length > 0 ? [[indexAt(i), found] as const] : [])),
      unchecked: report.unchecked.map((u) => ({ ...u, file: indexAt(u.file) })),
      withoutTool: report.withoutTool,
    };
  }
}
