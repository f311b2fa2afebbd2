// `preflight check [PATH...] [--format text|json|sarif]`: the same engine as the editor, over files and folders.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkText } from '../../engine/check';
import { checkExternalReport, findPyflakesSoon, findShellcheckSoon } from '../../engine/checkExternal';
import { parseYaml, type ParsedYaml } from '../../engine/yaml/parsedYaml';
import type { RuleSeverity } from '../../../../protocol/settings';
import { ProjectConfigCache } from '../../engine/config/projectConfig';
import { compareFindings } from '../../engine/findings';
import { discoverPipelineFiles, kindOfFile } from '../../engine/workspace/discoverPipelineFiles';
import { parseArgs, stringFlag } from '../args';
import { formatJson } from '../formats/jsonFormat';
import { countBySeverity, type CheckReport, type FileReport } from '../formats/report';
import { formatSarif } from '../formats/sarifFormat';
import { formatText } from '../formats/textFormat';
import { UsageError } from '../usageError';
import { externalNotes } from './externalNotes';

export const CHECK_USAGE = 'preflight check [PATH...] [--format text|json|sarif] [--no-shellcheck] [--no-pyflakes]';

const FORMATS = ['text', 'json', 'sarif'] as const;
const KNOWN_FILES = '.github/workflows/*.yml, action.yml, .gitlab-ci.yml, dvc.yaml, params.yaml, MLproject, MLmodel, KServe InferenceService manifests';
type Format = (typeof FORMATS)[number];

interface Target {
  readonly absolute: string;
  readonly display: string;
}

async function collectTargets(inputs: readonly string[], cwd: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      const found = await discoverPipelineFiles(absolute);
      // A mistyped or wrong folder in CI must not pass as "nothing wrong".
      if (found.length === 0) throw new UsageError(`${input}: no pipeline files Preflight knows in this folder (${KNOWN_FILES})`);
      for (const file of found) targets.push({ absolute: file.path, display: path.relative(cwd, file.path) || file.path });
    } else {
      targets.push({ absolute, display: input });
    }
  }
  return targets;
}

export async function runCheck(argv: readonly string[], cwd: string, version: string): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['format'], ['no-shellcheck', 'no-pyflakes']);
  const disabled = new Set((['shellcheck', 'pyflakes'] as const).filter((tool) => args.flags.has(`no-${tool}`)));
  // Looked for while the files are checked (each lookup starts a process), awaited before the scripts are linted.
  const toolsFound = Promise.all([disabled.has('shellcheck') ? undefined : findShellcheckSoon(), disabled.has('pyflakes') ? undefined : findPyflakesSoon()]);
  const format = (stringFlag(args, 'format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`);
  const inputs = args.positionals.length > 0 ? args.positionals : ['.'];
  const configs = new ProjectConfigCache({ oneRun: true });
  const reportedProblems = new Set<string>();
  const checkOne = async (target: Target): Promise<(FileReport & { parsed: ParsedYaml; severities: Readonly<Record<string, RuleSeverity>> }) | undefined> => {
    const kind = await kindOfFile(target.absolute);
    if (kind === undefined) {
      // A file named explicitly that we do not handle: say so rather than pretend it passed.
      if (inputs.includes(target.display)) process.stderr.write(`preflight: skipping ${target.display}: not a pipeline file Preflight knows\n`);
      return undefined;
    }
    // Read synchronously: one file at a time anyway, and fs.promises.readFile's several thread-pool round trips per file
    // cost more than the read itself (they wait for a free core on a busy machine).
    const text = readFileSync(target.absolute, 'utf8');
    const config = await configs.forFile(target.absolute);
    for (const problem of config.problems) {
      if (!reportedProblems.has(problem)) process.stderr.write(`preflight: ${problem}\n`);
      reportedProblems.add(problem);
    }
    const parsed = parseYaml(text, kind, 'once');
    const result = checkText({ path: target.absolute, text, kind, parsed }, { severities: config.rules, runnerLabels: config.runnerLabels });
    return { path: target.display.split(path.sep).join('/'), kind, findings: result.findings, parsed, severities: config.rules };
  };
  const checked = [];
  for (const target of await collectTargets(inputs, cwd)) {
    const one = await checkOne(target);
    if (one) checked.push(one);
  }
  if (checked.length === 0) throw new UsageError(`${inputs.join(', ')}: not a pipeline file Preflight knows (${KNOWN_FILES})`);
  // External tools (shellcheck, pyflakes) run once over all files' scripts: process start-up, not checking, was the
  // cost. The fairness gate runs models named by MLmodel files.
  const [shellcheck, pyflakes] = await toolsFound;
  const tools = { shellcheck, pyflakes };
  const external = await checkExternalReport(checked.map((c) => ({ kind: c.kind, path: c.path, yaml: c.parsed, severities: c.severities })), tools);
  const notes = externalNotes(external, checked.map((c) => c.path), disabled);
  for (const line of notes.lines) process.stderr.write(`preflight: ${line}\n`);
  const files: FileReport[] = checked.map((c, i) => {
    const extra = external.findings[i] ?? [];
    return { path: c.path, kind: c.kind, findings: extra.length > 0 ? [...c.findings, ...extra].sort(compareFindings) : c.findings };
  });
  const report: CheckReport = { files };
  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, version) : formatText(report);
  // Findings missing because a linter failed: not a clean run, and not "only" findings either.
  return { output, exitCode: notes.incomplete ? 2 : countBySeverity(report).error > 0 ? 1 : 0 };
}
